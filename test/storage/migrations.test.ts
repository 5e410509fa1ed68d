import { expect } from 'chai';
import { MIGRATIONS, runMigrations } from '../../storage/postgres/migrations.js';
import { createTestSchema, type TestSchema } from '../support/postgres.js';

describe('database migrations', () => {
  let schema: TestSchema;
  beforeEach(async () => {
    schema = await createTestSchema({ migrate: false });
  });
  afterEach(() => schema.drop());

  const tables = async () =>
    (await schema.pool().query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [schema.name])).rows.map(
      (row) => row.table_name,
    );

  it('creates the schema in order on an empty database, records it, and does nothing the second time', async () => {
    const all = MIGRATIONS.map((migration) => migration.version);
    expect(await runMigrations(schema.pool())).to.deep.equal({ applied: all, unknown: [] });
    expect(await tables()).to.include.members(['bot_state', 'outbox_jobs', 'insight_topics', 'insight_unanswered', 'red_flag_audit', 'schema_migrations']);
    expect(await runMigrations(schema.pool())).to.deep.equal({ applied: [], unknown: [] });
    const recorded = await schema.pool().query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(recorded.rows.map((row) => row.version)).to.deep.equal(all);
  });

  it('lets two instances starting together migrate once between them', async () => {
    const results = await Promise.all([runMigrations(schema.pool()), runMigrations(schema.pool()), runMigrations(schema.pool())]);
    const applied = results.map((result) => result.applied).sort((a, b) => b.length - a.length);
    expect(applied).to.deep.equal([MIGRATIONS.map((migration) => migration.version), [], []]);
  });

  it('applies only the new migrations of a later release, and all or nothing', async () => {
    await runMigrations(schema.pool());
    const later = [
      ...MIGRATIONS,
      { version: 100, name: 'a new table', sql: 'CREATE TABLE added_later (id integer)' },
      { version: 101, name: 'a broken one', sql: 'ALTER TABLE no_such_table ADD COLUMN x integer' },
    ];
    let error: unknown;
    await runMigrations(schema.pool(), later).catch((caught: unknown) => (error = caught));
    expect(error).to.be.instanceOf(Error);
    expect(await tables()).not.to.include('added_later');

    expect(await runMigrations(schema.pool(), later.slice(0, -1))).to.deep.equal({ applied: [100], unknown: [] });
    // The previous release, started against the migrated database, learns that it is behind.
    expect(await runMigrations(schema.pool())).to.deep.equal({ applied: [], unknown: [100] });
  });
});
