import { expect } from 'chai';
import type pg from 'pg';
import { PostgresInsightsStore } from '../../insights/postgresInsightsStore.js';
import { useTestSchema } from '../support/postgres.js';
import { describeInsightsContract } from './insightsContract.js';

describe('PostgresInsightsStore', () => {
  const schema = useTestSchema();
  let pool: pg.Pool | undefined;
  const fresh = async () => {
    pool ??= schema().pool();
    await schema().truncate();
    return new PostgresInsightsStore(pool);
  };

  describeInsightsContract('PostgresInsightsStore', fresh);

  it('never writes emails or phone numbers typed into a question to the database', async () => {
    const store = await fresh();
    await store.recordUnanswered('call me at (301) 555-0123 or mail jo.smith@example.com about my MRI');
    const { rows } = await schema().pool().query<{ question: string }>('SELECT question FROM insight_unanswered');
    const stored = rows.map((row) => row.question).join('\n');
    expect(stored).not.to.include('555-0123');
    expect(stored).not.to.include('jo.smith');
    expect(stored).to.include('[email] about my MRI');
  });
});
