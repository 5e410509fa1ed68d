import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from '../../config/logger.js';
import { KeyedLock } from '../keyedLock.js';
import type { TurnOrder } from '../stores.js';
import { errorCode, holdConnection } from './pools.js';

/**
 * One conversation's turns one at a time across every instance on the database: a turn runs while
 * its instance holds `pg_advisory_xact_lock(hash of the conversation id)` in an open transaction
 * on a connection of its own. The lock goes with the transaction: at COMMIT, or when the
 * connection drops because the instance died. Within an instance, turns of one conversation first
 * queue in memory, so an instance never holds two connections for one conversation.
 *
 * Why a lock rather than compare-and-set on the state's eTag with a retried turn: a turn has
 * effects a retry would repeat (replies already sent, an appointment request queued, insights
 * recorded), so a conflicting turn cannot simply be run again. See scripts/bench-state.ts for
 * what each costs.
 */
export class PostgresTurnOrder implements TurnOrder {
  private readonly local = new KeyedLock();

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
  ) {}

  run<T>(conversationId: string, turn: () => Promise<T>): Promise<T> {
    return this.local.run(conversationId, () => this.runLocked(conversationId, turn));
  }

  private async runLocked<T>(conversationId: string, turn: () => Promise<T>): Promise<T> {
    const connection = await holdConnection(this.pool);
    try {
      // One round trip for both statements (a turn pays it every time). The key is a number we
      // computed, never text from outside, so it is safe to write into the statement.
      await connection.client.query(`BEGIN; SELECT pg_advisory_xact_lock(${turnLockKey(conversationId)})`);
    } catch (error) {
      connection.release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    let commitFailed: Error | undefined;
    try {
      return await turn();
    } finally {
      await connection.client.query('COMMIT').catch((error: Error) => (commitFailed = error));
      const lost = connection.lost ?? commitFailed;
      if (lost !== undefined) {
        // The server dropped the lock with the connection (the turn may have overlapped another).
        this.log.warn({ code: errorCode(lost) }, 'turn lock connection lost before the turn ended');
      }
      connection.release(commitFailed);
    }
  }
}

/** A 64-bit advisory lock key for a conversation (a collision only makes two conversations wait for each other). */
export function turnLockKey(conversationId: string): bigint {
  return createHash('sha256').update(`clinic-bot turn ${conversationId}`).digest().readBigInt64BE(0);
}
