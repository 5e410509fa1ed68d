import { createHash } from 'node:crypto';
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { ensureFolder, writeFileAtomic } from './durableFile.js';
import { KeyedLock } from './keyedLock.js';

interface StoredRecord {
  key: string;
  eTag: string;
  item: Record<string, unknown>;
}

/**
 * botbuilder `Storage` on the local disk: one JSON file per key under `dir`, written atomically,
 * so conversation state survives a restart with no server to install.
 *
 * eTags follow MemoryStorage's rules (a write with a stale eTag is refused; `*` or no eTag always
 * writes), but a batch is checked whole before anything is written.
 */
export class FileStorage implements Storage {
  private readonly lock = new KeyedLock();
  private sequence = 0;
  private ready: Promise<void> | undefined;

  constructor(private readonly dir: string) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const record = await this.readRecord(key);
        if (record) items[key] = { ...record.item, eTag: record.eTag };
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await this.ensureReady();
    const keys = Object.keys(changes).sort();
    // Lock every key of the batch (in sorted order, so two batches cannot deadlock), check, then write.
    const writeAll = async (): Promise<void> => {
      for (const key of keys) {
        const wanted = changes[key] as { eTag?: unknown } | undefined;
        const eTag = typeof wanted?.eTag === 'string' ? wanted.eTag : undefined;
        if (eTag === undefined || eTag === '*') continue;
        const current = await this.readRecord(key);
        if (current && current.eTag !== eTag) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
      for (const key of keys) {
        const { eTag: _ignored, ...item } = (changes[key] ?? {}) as Record<string, unknown>;
        const record: StoredRecord = { key, eTag: this.nextETag(), item };
        await writeFileAtomic(this.fileFor(key), JSON.stringify(record));
      }
    };
    const nested = keys.reduceRight<() => Promise<void>>((inner, key) => () => this.lock.run(key, inner), writeAll);
    await nested();
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map((key) => this.lock.run(key, () => unlink(this.fileFor(key)).catch(ignoreMissing))),
    );
  }

  /** Removes state untouched for longer than `maxIdleMs` (idle conversations expire). */
  async expireIdle(maxIdleMs: number, now = Date.now()): Promise<number> {
    await this.ensureReady();
    let removed = 0;
    for (const name of await readdir(this.dir)) {
      if (!name.endsWith('.json')) continue;
      const file = path.join(this.dir, name);
      const info = await stat(file).catch(() => undefined);
      if (info && now - info.mtimeMs > maxIdleMs) {
        await unlink(file).catch(ignoreMissing);
        removed += 1;
      }
    }
    return removed;
  }

  private async readRecord(key: string): Promise<StoredRecord | undefined> {
    let raw: string;
    try {
      raw = await readFile(this.fileFor(key), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const record = JSON.parse(raw) as StoredRecord;
    // Two keys hashing alike is practically impossible, but reading another key's state would be wrong.
    return record.key === key ? record : undefined;
  }

  private fileFor(key: string): string {
    return path.join(this.dir, createHash('sha256').update(key).digest('hex') + '.json');
  }

  private nextETag(): string {
    this.sequence += 1;
    return `${Date.now().toString(36)}-${process.pid.toString(36)}-${this.sequence.toString(36)}`;
  }

  private ensureReady(): Promise<void> {
    this.ready ??= ensureFolder(this.dir);
    return this.ready;
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
