import pg from 'pg';
import type { Logger } from '../../config/logger.js';

/**
 * The two connection pools an instance keeps to PostgreSQL, sized for a 2-core machine running
 * one Node process (one thread: more than a handful of queries in flight buys nothing).
 *
 * - `queries`: short statements (state, outbox, insights). Nothing holds one of these for long.
 * - `turnLocks`: one connection per conversation with a turn in progress, holding that
 *   conversation's advisory lock in an open transaction (see PostgresTurnOrder). Kept apart so that
 *   turns holding locks can never use up the connections they need to read and save their state.
 */
export interface DatabasePools {
  queries: pg.Pool;
  turnLocks: pg.Pool;
  /** Closes every connection of both pools. */
  end(): Promise<void>;
}

export const POOL_SETTINGS = {
  queries: { max: 6 },
  turnLocks: { max: 10 },
  /** Waiting for a free connection (or for a new one to open) longer than this is an error. */
  connectionTimeoutMillis: 10_000,
  idleTimeoutMillis: 30_000,
  /** No statement of ours should run this long; a stuck one is cancelled by the server. */
  statementTimeoutMs: 15_000,
  /**
   * A turn-lock transaction left open longer than this (an instance wedged mid-turn) is ended by
   * the server, which frees the conversation for the other instances.
   */
  turnLockIdleInTransactionMs: 120_000,
} as const;

export function createPools(databaseUrl: string, log: Logger): DatabasePools {
  const common = {
    connectionString: databaseUrl,
    connectionTimeoutMillis: POOL_SETTINGS.connectionTimeoutMillis,
    idleTimeoutMillis: POOL_SETTINGS.idleTimeoutMillis,
    // Notices a peer that vanished without closing the connection (a killed VM, a cut network).
    keepAlive: true,
    application_name: 'clinic-bot',
    statement_timeout: POOL_SETTINGS.statementTimeoutMs,
  };
  const queries = new pg.Pool({ ...common, max: POOL_SETTINGS.queries.max });
  const turnLocks = new pg.Pool({
    ...common,
    max: POOL_SETTINGS.turnLocks.max,
    idle_in_transaction_session_timeout: POOL_SETTINGS.turnLockIdleInTransactionMs,
  });
  // An idle connection that breaks (server restart, network) emits 'error' on its pool; without a
  // listener that would end the process. The pool drops it and opens a new one when needed.
  for (const [name, pool] of [['queries', queries], ['turnLocks', turnLocks]] as const) {
    pool.on('error', (error: Error & { code?: string }) => log.warn({ pool: name, code: error.code ?? error.name }, 'idle database connection lost'));
  }
  return {
    queries,
    turnLocks,
    async end() {
      await Promise.all([queries.end(), turnLocks.end()]);
    },
  };
}

/** True when a pg error is a unique-key violation (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === '23505';
}

/** Runs `work` in one transaction on one connection of `pool`; rolls back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is broken: destroy it rather than reuse it.
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}
