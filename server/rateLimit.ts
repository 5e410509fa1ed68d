/**
 * A token bucket per key (a conversation, a client address): a key may spend up to `perMinute`
 * requests at once, then earns them back at `perMinute` a minute. `perMinute` 0 turns it off.
 *
 * The table is bounded: beyond `maxKeys` the least recently seen keys are forgotten, so an attack
 * with endless random ids costs a fixed amount of memory. A forgotten key starts again with a
 * full bucket; a full bucket is what an idle key has anyway, so only a key that was both busy
 * and least recent loses its count.
 */

export interface RateLimitOptions {
  perMinute: number;
  maxKeys?: number;
  now?: () => number;
}

export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export const DEFAULT_MAX_KEYS = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly perMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: RateLimitOptions) {
    if (!Number.isInteger(options.perMinute) || options.perMinute < 0) throw new Error('perMinute must be a whole number, 0 for no limit');
    this.capacity = options.perMinute;
    this.perMs = options.perMinute / 60_000;
    this.maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.capacity > 0;
  }

  /** Keys currently remembered. */
  get size(): number {
    return this.buckets.size;
  }

  /** Spends one request of `key`'s allowance, or says how many seconds until one is available. */
  take(key: string): RateVerdict {
    if (!this.enabled) return { ok: true };
    const now = this.now();
    const held = this.buckets.get(key);
    const tokens = held ? Math.min(this.capacity, held.tokens + (now - held.at) * this.perMs) : this.capacity;
    // Re-inserting keeps the Map in least-recently-seen order.
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > this.maxKeys) this.forgetOldest();
    return { ok: true };
  }

  /**
   * Forgets the least recently seen tenth at once: a Map iterates over the gaps its deletions
   * leave, so forgetting one key per insert made every insert of a flood cost ~14 µs here.
   */
  private forgetOldest(): void {
    let excess = this.buckets.size - Math.floor(this.maxKeys * 0.9);
    for (const key of this.buckets.keys()) {
      if (excess-- <= 0) break;
      this.buckets.delete(key);
    }
  }
}
