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
  /**
   * Connections each pool keeps once opened, however quiet it gets: opening one costs a server
   * process (3–40 ms here), which the first turn after a quiet spell would otherwise wait for.
   */
  keepOpen: 2,
  /** Waiting for a free connection (or for a new one to open) longer than this is an error. */
  connectionTimeoutMillis: 10_000,
  /** Connections beyond `keepOpen` close after this long unused. */
  idleTimeoutMillis: 30_000,
  /**
   * No statement of ours should run this long; a stuck one is cancelled by the server. This also
   * bounds how long a turn waits for its conversation's lock (a turn of another instance still
   * running after 15 s): the waiting turn then fails with the apology instead of hanging.
   */
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
    min: POOL_SETTINGS.keepOpen,
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
    pool.on('error', (error) => log.warn({ pool: name, code: errorCode(error) }, 'idle database connection lost'));
  }
  return {
    queries,
    turnLocks,
    async end() {
      await Promise.all([queries.end(), turnLocks.end()]);
    },
  };
}

/** What may be logged of a database error: its SQLSTATE or system code (never its message, which can quote data). */
export function errorCode(error: unknown): string {
  if (error instanceof Error) return 'code' in error && typeof error.code === 'string' ? error.code : error.name;
  return 'unknown';
}

/** True when a pg error is a unique-key violation (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === '23505';
}

/**
 * A connection taken from the pool for a while. A connection that breaks while held emits
 * 'error' on the client, and pg leaves that event to whoever holds it: unhandled, it would end
 * the process. Here it is noted instead, and the broken connection is destroyed on release.
 */
export interface HeldConnection {
  client: pg.PoolClient;
  /** Why the connection broke while held, if it did. */
  readonly lost: Error | undefined;
  /** Returns the connection to the pool, or destroys it if it broke (or `failure` is given). */
  release(failure?: Error): void;
}

export async function holdConnection(pool: pg.Pool): Promise<HeldConnection> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const noteLoss = (error: Error): void => {
    lost = error;
  };
  client.on('error', noteLoss);
  return {
    client,
    get lost() {
      return lost;
    },
    release(failure?: Error) {
      client.off('error', noteLoss);
      client.release(lost ?? failure);
    },
  };
}

/** Runs `work` in one transaction on one connection of `pool`; rolls back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const connection = await holdConnection(pool);
  let rollbackFailed: Error | undefined;
  try {
    await connection.client.query('BEGIN');
    const result = await work(connection.client);
    await connection.client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is broken: destroy it rather than reuse it.
    await connection.client.query('ROLLBACK').catch((rollback: Error) => (rollbackFailed = rollback));
    throw error;
  } finally {
    connection.release(rollbackFailed);
  }
}
