import path from 'node:path';
import type { AppConfig } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { FileInsightsStore } from '../insights/fileInsightsStore.js';
import type { InsightsStore } from '../insights/insightsStore.js';
import { PostgresInsightsStore } from '../insights/postgresInsightsStore.js';
import { FileSpool } from '../scheduling/delivery/fileSpool.js';
import type { Outbox } from '../scheduling/delivery/outbox.js';
import { PostgresOutbox } from '../scheduling/delivery/postgresOutbox.js';
import { FileStorage } from './fileStorage.js';
import { KeyedLock } from './keyedLock.js';
import { runMigrations } from './postgres/migrations.js';
import { createPools } from './postgres/pools.js';
import { PostgresStorage } from './postgres/postgresStorage.js';
import { PostgresTurnOrder } from './postgres/postgresTurnOrder.js';
import type { ConversationStorage, TurnOrder } from './stores.js';

/**
 * Everything the service keeps, in one of two modes:
 * - files (no DATABASE_URL): under DATA_DIR, for one instance;
 * - postgres (DATABASE_URL set): in PostgreSQL, shared by any number of instances behind a load
 *   balancer. The schema is created or migrated before anything else starts.
 */
export interface Stores {
  kind: 'files' | 'postgres';
  storage: ConversationStorage;
  outbox: Outbox;
  insights: InsightsStore;
  /** Orders one conversation's turns: within this process (files) or across instances (postgres). */
  turnOrder: TurnOrder;
  /** What keeps the stores from working right now; empty when all is well. Never personal data. */
  health(): Promise<string[]>;
  /** Call after the Sender has stopped: ends database connections. */
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL mode: how long an outbox claim lasts without renewal (tests shorten it). */
  outboxLeaseMs?: number | undefined;
}

const HEALTH_TIMEOUT_MS = 3000;

export async function openStores(config: AppConfig, log: Logger, options: StoreOptions = {}): Promise<Stores> {
  return config.databaseUrl === '' ? openFileStores(config, log) : openPostgresStores(config, log, options);
}

async function openFileStores(config: AppConfig, log: Logger): Promise<Stores> {
  const storage = new FileStorage(path.join(config.dataDir, 'state'));
  const outbox = await FileSpool.open({ dataDir: config.dataDir, logger: log });
  return {
    kind: 'files',
    storage,
    outbox,
    insights: new FileInsightsStore(path.join(config.dataDir, 'insights')),
    turnOrder: new KeyedLock(),
    async health() {
      const problems: string[] = [];
      await storage.read(['healthz']).catch(() => problems.push('conversation storage unreachable'));
      await outbox.counts().catch(() => problems.push('appointment outbox unreachable'));
      return problems;
    },
    async close() {},
  };
}

async function openPostgresStores(config: AppConfig, log: Logger, options: StoreOptions): Promise<Stores> {
  const pools = createPools(config.databaseUrl, log);
  try {
    const { applied, unknown } = await runMigrations(pools.queries);
    if (applied.length > 0) log.info({ applied }, 'database schema migrated');
    if (unknown.length > 0) log.warn({ unknown }, 'the database has schema migrations this release does not know (a newer release ran)');
  } catch (error) {
    await pools.end();
    throw new Error(`DATABASE_URL: cannot prepare the database: ${(error as Error).message}`);
  }
  const outbox = new PostgresOutbox({ pool: pools.queries, logger: log, leaseMs: options.outboxLeaseMs });
  return {
    kind: 'postgres',
    storage: new PostgresStorage(pools.queries),
    outbox,
    insights: new PostgresInsightsStore(pools.queries),
    turnOrder: new PostgresTurnOrder(pools.turnLocks, log),
    async health() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), HEALTH_TIMEOUT_MS);
      });
      try {
        await Promise.race([pools.queries.query('SELECT 1'), timeout]);
        return [];
      } catch {
        return ['database unreachable'];
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      outbox.close();
      await pools.end();
    },
  };
}
