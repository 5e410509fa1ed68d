import type { StoreItems } from 'botbuilder';
import type pg from 'pg';
import type { ConversationStorage } from '../stores.js';
import { inTransaction } from './pools.js';

/**
 * botbuilder `Storage` in the `bot_state` table: one row per key, its JSON and an eTag drawn from
 * a sequence (so an eTag is never reused, even after a delete).
 *
 * eTags follow MemoryStorage's rules: `*` or no eTag always writes; any other eTag writes only if
 * it is still the stored one (compare-and-set in a single UPDATE), or if the key does not exist.
 * A batch is one transaction, keys in sorted order (two batches cannot deadlock): all or nothing.
 */
export class PostgresStorage implements ConversationStorage {
  constructor(private readonly pool: pg.Pool) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const { rows } = await this.pool.query<{ key: string; etag: string; data: Record<string, unknown> }>(
      'SELECT key, etag, data FROM bot_state WHERE key = ANY($1::text[])',
      [keys],
    );
    for (const row of rows) items[row.key] = { ...row.data, eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const keys = Object.keys(changes).sort();
    if (keys.length === 0) return;
    await inTransaction(this.pool, async (client) => {
      for (const key of keys) {
        const { eTag, ...item } = (changes[key] ?? {}) as Record<string, unknown>;
        const data = JSON.stringify(item);
        if (typeof eTag !== 'string' || eTag === '*') {
          await client.query(
            `INSERT INTO bot_state (key, etag, data) VALUES ($1, nextval('bot_state_etag'), $2)
             ON CONFLICT (key) DO UPDATE SET etag = EXCLUDED.etag, data = EXCLUDED.data, updated_at = now()`,
            [key, data],
          );
          continue;
        }
        const updated = await client.query(
          `UPDATE bot_state SET etag = nextval('bot_state_etag'), data = $2, updated_at = now() WHERE key = $1 AND etag::text = $3`,
          [key, data, eTag],
        );
        if (updated.rowCount === 1) continue;
        const inserted = await client.query(
          `INSERT INTO bot_state (key, etag, data) VALUES ($1, nextval('bot_state_etag'), $2) ON CONFLICT (key) DO NOTHING`,
          [key, data],
        );
        // The conversation id is not put in the message: error messages end up in logs.
        if (inserted.rowCount !== 1) throw new Error('Storage: error writing a key due to eTag conflict (changed by another turn).');
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.pool.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }

  async expireIdle(maxIdleMs: number, now = Date.now()): Promise<number> {
    const result = await this.pool.query('DELETE FROM bot_state WHERE updated_at < $1', [new Date(now - maxIdleMs)]);
    return result.rowCount ?? 0;
  }
}
