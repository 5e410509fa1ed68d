import type pg from 'pg';
import { inTransaction } from './pools.js';

/**
 * Our schema, as an ordered list of migrations. A migration, once released, is never edited:
 * a change is a new migration at the end. Each runs once per database schema, recorded in
 * `schema_migrations`.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'conversation state',
    // `json`, not `jsonb`: state is only ever read and written whole, and json keeps any text a
    // visitor could send (jsonb refuses the \u0000 escape).
    sql: `
      CREATE SEQUENCE bot_state_etag;
      CREATE TABLE bot_state (
        key        text PRIMARY KEY,
        etag       bigint NOT NULL,
        data       json NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX bot_state_updated_at ON bot_state (updated_at);
    `,
  },
  {
    version: 2,
    name: 'appointment outbox',
    // One row per job; see scheduling/delivery/outbox.ts. `data` is json for the reason above:
    // a request is stored exactly as the visitor confirmed it.
    sql: `
      CREATE TABLE outbox_jobs (
        id               text PRIMARY KEY,
        kind             text NOT NULL CHECK (kind IN ('staff', 'patient', 'alert')),
        status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'dead', 'corrupt')),
        attempts         integer NOT NULL DEFAULT 0,
        queued_at        timestamptz NOT NULL,
        next_attempt_at  timestamptz NOT NULL,
        last_error       text,
        sent_at          timestamptz,
        dead_at          timestamptz,
        dead_reason      text,
        claimed_by       text,
        claim_expires_at timestamptz,
        data             json NOT NULL
      );
      CREATE INDEX outbox_jobs_due ON outbox_jobs (next_attempt_at) WHERE status = 'queued';
      CREATE INDEX outbox_jobs_sent ON outbox_jobs (sent_at) WHERE status = 'sent';
    `,
  },
  {
    version: 3,
    name: 'insights and red-flag audit',
    sql: `
      CREATE TABLE insight_topics (
        at       timestamptz NOT NULL,
        topic_id text NOT NULL
      );
      CREATE INDEX insight_topics_at ON insight_topics (at);
      CREATE TABLE insight_unanswered (
        at       timestamptz NOT NULL,
        question text NOT NULL
      );
      CREATE INDEX insight_unanswered_at ON insight_unanswered (at);
      CREATE TABLE red_flag_audit (
        at           timestamptz NOT NULL,
        conversation text NOT NULL,
        level        text NOT NULL CHECK (level IN ('emergency', 'urgent')),
        flags        text[] NOT NULL,
        via          text NOT NULL
      );
      CREATE INDEX red_flag_audit_at ON red_flag_audit (at);
    `,
  },
];

export interface MigrationResult {
  /** Versions applied by this call. */
  applied: number[];
  /** Versions found in the database that this release does not know (a newer release ran). */
  unknown: number[];
}

/**
 * Brings the schema up to date: all pending migrations, in order, in one transaction, under an
 * advisory lock scoped to the current schema. Two instances starting together therefore queue:
 * the second finds everything applied. A failing migration rolls back and nothing changes.
 */
export async function runMigrations(pool: pg.Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationResult> {
  return inTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('clinic-bot schema migrations ' || current_schema(), 0))`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    const known = new Set(migrations.map((migration) => migration.version));
    return { applied, unknown: [...done].filter((version) => !known.has(version)).sort((a, b) => a - b) };
  });
}
