import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '../../storage/postgres/migrations.js';

/**
 * Real PostgreSQL for tests. Each test file gets a schema of its own (a random name, put first
 * in `search_path` through the connection URL, dropped afterwards), so test runs in parallel on
 * one database never see each other's rows. When the server is not reachable the tests fail with
 * a message saying so: they never skip.
 */

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSchema {
  name: string;
  /** A DATABASE_URL whose connections use this schema. */
  url: string;
  /** A pool on this schema, ended by drop(). */
  pool(options?: pg.PoolConfig): pg.Pool;
  /** Empties every table of ours (between tests). */
  truncate(): Promise<void>;
  drop(): Promise<void>;
}

/** Creates a fresh schema with our tables (migrate: false leaves it empty). */
export async function createTestSchema(options: { migrate?: boolean } = {}): Promise<TestSchema> {
  const name = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${redacted(TEST_DATABASE_URL)} (${(error as Error).message}). ` +
        'These tests need a real server: run .ci/run (it starts one), or start PostgreSQL and set TEST_DATABASE_URL.',
    );
  }
  try {
    await admin.query(`CREATE SCHEMA ${name}`);
  } finally {
    await admin.end();
  }

  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  const pools: pg.Pool[] = [];
  const schema: TestSchema = {
    name,
    url: url.toString(),
    pool(poolOptions = {}) {
      const pool = new pg.Pool({ connectionString: schema.url, max: 4, ...poolOptions });
      pool.on('error', () => undefined); // a connection killed on purpose by a test
      pools.push(pool);
      return pool;
    },
    async truncate() {
      await (pools[0] ?? schema.pool()).query('TRUNCATE bot_state, outbox_jobs, insight_topics, insight_unanswered, red_flag_audit');
    },
    async drop() {
      await Promise.all(pools.splice(0).map((pool) => pool.end()));
      const dropper = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await dropper.connect();
      try {
        await dropper.query(`DROP SCHEMA ${name} CASCADE`);
      } finally {
        await dropper.end();
      }
    },
  };
  if (options.migrate !== false) await runMigrations(schema.pool());
  return schema;
}

/** Mocha hooks giving the enclosing describe a migrated schema of its own. */
export function useTestSchema(): () => TestSchema {
  let schema: TestSchema | undefined;
  before(async () => {
    schema = await createTestSchema();
  });
  after(async () => {
    await schema?.drop();
  });
  return () => {
    if (schema === undefined) throw new Error('the test schema was not created');
    return schema;
  };
}

function redacted(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password !== '') url.password = '***';
  return url.toString();
}
