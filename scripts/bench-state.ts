/**
 * What conversation state costs in each mode, and what ordering one conversation's turns across
 * instances costs.
 *
 *   npm run bench:state [-- TURNS]      (default 600 measured turns per setup; BENCH_ROUNDS, default 3)
 *
 * 1. FAQ turns over HTTP (expectReplies), 16 visitors at once, each asking one question after
 *    another: throughput and latency with the file store, with PostgreSQL on one instance, and on
 *    two instances (each visitor's turns alternating between them). Every instance is a process
 *    of its own, as in production; the load comes from this process. "PostgreSQL, no cross-instance
 *    lock" replaces the advisory lock with the in-process lock only (unsafe with two instances;
 *    shown for the lock's cost).
 * 2. The ordering mechanism alone, on two pools standing for two instances: a turn reads the
 *    state, works 5 ms, writes it back. The advisory lock (what we use), compare-and-set on the
 *    eTag with the turn retried on conflict (the alternative), and nothing (lost updates).
 *
 * Needs PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test.
 * Each run works in a schema of its own, dropped at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startApp } from '../app.js';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { loadKnowledgeBase } from '../knowledge/load.js';
import { KeyedLock } from '../storage/keyedLock.js';
import { runMigrations } from '../storage/postgres/migrations.js';
import { PostgresStorage } from '../storage/postgres/postgresStorage.js';
import { PostgresTurnOrder } from '../storage/postgres/postgresTurnOrder.js';
// How the scale-out tests talk to an instance over HTTP (expectReplies).
import { lastChannelData, say } from '../test/support/channel.js';

const VISITORS = 16;
const WORK_MS = 5;
/** Every setup is measured this many times, interleaved; medians are printed (the machine may be busy). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

// ---- an instance (child process) ----

async function runInstance(): Promise<void> {
  if (process.env.BENCH_TURN_ORDER === 'in-process') {
    // Measurement only: drop the database lock, keep the in-process one.
    const local = new KeyedLock();
    PostgresTurnOrder.prototype.run = <T>(conversationId: string, turn: () => Promise<T>) => local.run(conversationId, turn);
  }
  const app = await startApp({ ...loadConfig(process.env), port: 0 }, createLogger('silent'), { host: '127.0.0.1' });
  process.stdout.write(`listening ${app.port}\n`);
}

// ---- the measurements ----

async function main(turns: number): Promise<void> {
  const schemaName = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schemaName}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schemaName}`);
  const schemaUrl = url.toString();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-state-'));
  try {
    console.log(`FAQ turns over HTTP: ${turns} measured turns per setup, ${VISITORS} visitors at once; median of ${ROUNDS} rounds`);
    console.log('setup                                   turns/s (range)     p50 ms   p99 ms');
    const setups: Array<{ name: string; instances: Array<Record<string, string>> }> = [
      { name: 'file store, 1 instance', instances: [{ DATA_DIR: path.join(dataDir, 'files') }] },
      { name: 'PostgreSQL, 1 instance', instances: [{ DATABASE_URL: schemaUrl }] },
      { name: 'PostgreSQL, 2 instances', instances: [{ DATABASE_URL: schemaUrl }, { DATABASE_URL: schemaUrl }] },
      {
        name: 'PostgreSQL, 2 inst., no cross-inst. lock',
        instances: [
          { DATABASE_URL: schemaUrl, BENCH_TURN_ORDER: 'in-process' },
          { DATABASE_URL: schemaUrl, BENCH_TURN_ORDER: 'in-process' },
        ],
      },
    ];
    const results = setups.map(() => ({ perSecond: [] as number[], p50: [] as number[], p99: [] as number[] }));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [index, setup] of setups.entries()) {
        const result = await measureHttp(setup.instances, dataDir, turns);
        for (const key of ['perSecond', 'p50', 'p99'] as const) results[index]?.[key].push(result[key]);
      }
    }
    for (const [index, setup] of setups.entries()) {
      const result = results[index];
      if (result === undefined) continue;
      const range = `(${Math.min(...result.perSecond).toFixed(0)}–${Math.max(...result.perSecond).toFixed(0)})`;
      console.log(`${setup.name.padEnd(40)}${median(result.perSecond).toFixed(0).padStart(7)} ${range.padEnd(11)}${median(result.p50).toFixed(1).padStart(8)}${median(result.p99).toFixed(1).padStart(9)}`);
    }
    console.log('');
    await measureOrdering(schemaUrl);
  } finally {
    await admin.query(`DROP SCHEMA ${schemaName} CASCADE`);
    await admin.end();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function measureHttp(instances: Array<Record<string, string>>, dataDir: string, turns: number) {
  const children = await Promise.all(instances.map((env, index) => startChild({ DATA_DIR: path.join(dataDir, `instance-${index}`), ...env })));
  try {
    const ports = children.map((child) => child.port);
    const questions = loadKnowledgeBase().topics.map((topic) => topic.title);
    const run = `${Date.now()}`;
    const visit = async (visitor: number, count: number, latencies?: number[]) => {
      for (let turn = 0; turn < count; turn += 1) {
        const port = ports[turn % ports.length] ?? 0;
        const started = performance.now();
        const replies = await say(port, `bench-${run}-${visitor}`, questions[(visitor + turn) % questions.length] ?? 'what is sciatica');
        if (lastChannelData(replies).topic === undefined) throw new Error('a turn was not answered');
        latencies?.push(performance.now() - started);
      }
    };
    await Promise.all(Array.from({ length: VISITORS }, (_, visitor) => visit(visitor, 3))); // warm-up
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(Array.from({ length: VISITORS }, (_, visitor) => visit(visitor, Math.ceil(turns / VISITORS), latencies)));
    const elapsed = performance.now() - started;
    latencies.sort((a, b) => a - b);
    const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))] ?? 0;
    return { perSecond: (latencies.length / elapsed) * 1000, p50: at(0.5), p99: at(0.99) };
  } finally {
    for (const child of children) child.process.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((resolve) => child.process.once('exit', resolve))));
  }
}

function startChild(env: Record<string, string>): Promise<{ port: number; process: ChildProcess }> {
  const script = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', script, 'instance'], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match) resolve({ port: Number(match[1]), process: child });
    });
    child.once('exit', (code) => reject(new Error(`instance exited (${code})`)));
  });
}

// ---- the ordering mechanism alone ----

type Turn = (storage: PostgresStorage, key: string) => Promise<{ retries: number }>;

/** Read, work, write with eTag "*" (what BotState does). */
const plainTurn: Turn = async (storage, key) => {
  const count = Number((await storage.read([key]))[key]?.count ?? 0);
  await work();
  await storage.write({ [key]: { count: count + 1, eTag: '*' } });
  return { retries: 0 };
};

/**
 * Read, work, write only if nobody wrote meanwhile; otherwise run the turn again. A conversation's
 * first state is written with an eTag that matches no row, which PostgresStorage takes as "insert
 * unless present" (with "*" two first turns would both write).
 */
const compareAndSetTurn: Turn = async (storage, key) => {
  for (let retries = 0; ; retries += 1) {
    const item = (await storage.read([key]))[key];
    await work();
    try {
      await storage.write({ [key]: { count: Number(item?.count ?? 0) + 1, eTag: item?.eTag ?? 'none-yet' } });
      return { retries };
    } catch {
      // conflict: another instance's turn won; redo this one
    }
  }
};

const work = () => new Promise((resolve) => setTimeout(resolve, WORK_MS));

async function measureOrdering(schemaUrl: string): Promise<void> {
  // As the service's pools (storage/postgres/pools.ts): connections stay open between rounds.
  const pools = [0, 1].map(() => new pg.Pool({ connectionString: schemaUrl, max: 10, min: 10 }));
  const lockPools = [0, 1].map(() => new pg.Pool({ connectionString: schemaUrl, max: 10, min: 10 }));
  try {
    await runMigrations(pools[0] as pg.Pool);
    const storages = pools.map((pool) => new PostgresStorage(pool));
    const log = createLogger('silent');
    const orders = lockPools.map((pool) => new PostgresTurnOrder(pool, log));
    const local = [new KeyedLock(), new KeyedLock()];
    const variants: Variant[] = [
      { name: 'advisory lock (chosen)', run: (i, key) => (orders[i] as PostgresTurnOrder).run(key, () => plainTurn(storages[i] as PostgresStorage, key)) },
      { name: 'compare-and-set + retry', run: (i, key) => (local[i] as KeyedLock).run(key, () => compareAndSetTurn(storages[i] as PostgresStorage, key)) },
      { name: 'in-process lock only', run: (i, key) => (local[i] as KeyedLock).run(key, () => plainTurn(storages[i] as PostgresStorage, key)) },
    ];

    // Warm-up: every pool opens its connections before anything is timed.
    for (const variant of variants) await Promise.all(Array.from({ length: 16 }, (_, i) => variant.run(i % 2, `warm-${variant.name}-${i}`)));

    console.log(`Ordering mechanism alone (a turn: read state, ${WORK_MS} ms of work, write state; 2 instances); median of ${ROUNDS} rounds`);
    console.log('variant                    no contention: ms a turn   50 turns of 1 conversation: total ms  retries  counted');
    const measured = variants.map(() => ({ free: [] as number[], contended: [] as number[], retries: [] as number[], counted: [] as number[] }));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [index, variant] of variants.entries()) {
        const result = await measureVariant(variant, `${round}`, storages[0] as PostgresStorage);
        for (const key of ['free', 'contended', 'retries', 'counted'] as const) measured[index]?.[key].push(result[key]);
      }
    }
    for (const [index, variant] of variants.entries()) {
      const m = measured[index];
      if (m === undefined) continue;
      const counted = `${Math.min(...m.counted)}/50`;
      console.log(`${variant.name.padEnd(27)}${median(m.free).toFixed(2).padStart(24)}${median(m.contended).toFixed(0).padStart(38)}${median(m.retries).toFixed(0).padStart(9)}${counted.padStart(9)}`);
    }
  } finally {
    await Promise.all([...pools, ...lockPools].map((pool) => pool.end()));
  }
}

interface Variant {
  name: string;
  run: (instance: number, key: string) => Promise<{ retries: number }>;
}

async function measureVariant(variant: Variant, round: string, storage: PostgresStorage) {
  // No contention: 200 turns, each of its own conversation, 8 at a time; mean time of a turn.
  const keys = Array.from({ length: 200 }, (_, i) => `free-${variant.name}-${round}-${i}`);
  let total = 0;
  const timed = async (instance: number, key: string) => {
    const started = performance.now();
    await variant.run(instance, key);
    total += performance.now() - started;
  };
  for (let i = 0; i < keys.length; i += 8) await Promise.all(keys.slice(i, i + 8).map((key, j) => timed(j % 2, key)));
  const free = total / keys.length;

  // Contention: 50 turns of one conversation at once, alternating between the instances.
  const hot = `hot-${variant.name}-${round}`;
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => variant.run(i % 2, hot)));
  const contended = performance.now() - started;
  const retries = results.reduce((sum, result) => sum + result.retries, 0);
  const counted = Number((await storage.read([hot]))[hot]?.count ?? 0);
  return { free, contended, retries, counted };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

if (process.argv[2] === 'instance') await runInstance();
else await main(Number(process.argv[2] ?? 600));
