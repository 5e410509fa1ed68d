/**
 * npm run bench [-- --quick] [-- --duration=20 --flat=60 --conversations=10000 --connections=32
 *                             --rounds=1 --starts=5 --rate=50 --no-postgres
 *                             --only=retrieval,start,load,paced,flat,memory]
 *
 * Load and speed of the service, next to a minimal echo bot on the same stack:
 *
 * - retrieval: KnowledgeIndex.search and routeMessage timed directly over the dev eval questions;
 * - start: from spawning `node dist/index.js` (what `npm start` runs after the build) to a 200
 *   from /healthz, with an empty DATA_DIR (median of --starts runs);
 * - load: autocannon POSTs FAQ turns (dev eval questions) over 200 conversations to
 *   /api/messages with --connections connections for --duration seconds (after a greeting per
 *   conversation and a 3 s warm-up), to the echo bot, to the service on its embedded store and on
 *   PostgreSQL: turns per second, p50/p99 latency, errors, ratio to the echo bot, and the CPU time
 *   the bot process used per turn (which, unlike turns per second, hardly depends on how busy
 *   the shared machine is);
 * - paced: the same FAQ turns sent evenly spaced at --rate turns per second (default 50), below
 *   what any target can take: the latency a visitor sees when the service is not saturated;
 * - flat: RSS and heap sampled every second during --flat seconds of that load (embedded store),
 *   and the heap after GC at the start and after each quarter;
 * - memory: RSS and heap after GC once --conversations distinct conversations had a turn each
 *   (and after each quarter of them), embedded store and PostgreSQL.
 * --quick: 5 s per target, 15 s flat run, 2,000 conversations, 3 starts. Every option can also
 * be given as BENCH_<NAME> (BENCH_DURATION=10). --rounds > 1 runs the targets in turn that many
 * times and prints medians.
 *
 * The reply path is the one Azure's channels use: no expectReplies, the bot POSTs its replies to
 * the activity's serviceUrl, a loopback connector (a process of its own) that answers 200 {id};
 * /api/messages answers once the turn is done, so latency covers the whole turn.
 * The server under test runs in a process of its own, so autocannon (in this process) does not
 * share its event loop. The clinic bot gets its configuration as the service does (loadConfig over
 * an env object), with rate limits off (RATE_LIMIT_CONVERSATION_PER_MINUTE and
 * RATE_LIMIT_CLIENT_PER_MINUTE 0) and LOG_LEVEL info, a JSON line per turn (BENCH_LOG_LEVEL).
 * BENCH_PROFILE=DIR: the clinic bot processes write CPU profiles there (node --cpu-prof).
 *
 * PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test;
 * each run works in a schema of its own, dropped at the end. Unreachable: those rows are skipped.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startChild, type Child, type MemoryFigures, type Role, HOST } from './bench/children.js';
import { joinActivity, messageActivity, runLoad, runPaced, sendAll, type LoadFigures } from './bench/load.js';
import { evalQuestions, faqTurnQuestions } from './bench/questions.js';
import { probeDisk } from './bench/disk.js';
import { measureRetrieval } from './bench/retrieval.js';
import { timeToHealthy } from './bench/startup.js';

const CONVERSATIONS = 200;
const WARM_UP_SECONDS = 3;

interface Settings {
  duration: number;
  flat: number;
  conversations: number;
  connections: number;
  rounds: number;
  starts: number;
  rate: number;
  postgres: boolean;
  only: Set<string>;
  logLevel: string;
  databaseUrl: string;
}

function settings(): Settings {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      duration: { type: 'string' },
      flat: { type: 'string' },
      conversations: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      starts: { type: 'string' },
      rate: { type: 'string' },
      'no-postgres': { type: 'boolean', default: false },
      only: { type: 'string' },
    },
  });
  const quick = values.quick ?? false;
  const whole = (name: string, given: string | undefined, fallback: number) => {
    const value = Number(given ?? process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
    return value;
  };
  return {
    duration: whole('duration', values.duration, quick ? 5 : 20),
    flat: whole('flat', values.flat, quick ? 15 : 60),
    conversations: whole('conversations', values.conversations, quick ? 2000 : 10_000),
    connections: whole('connections', values.connections, 32),
    rounds: whole('rounds', values.rounds, 1),
    starts: whole('starts', values.starts, quick ? 3 : 5),
    rate: whole('rate', values.rate, 50),
    postgres: !(values['no-postgres'] ?? false),
    only: new Set((values.only ?? 'retrieval,start,load,paced,flat,memory').split(',')),
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
    databaseUrl: process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
  };
}

// ---- helpers ----

const load = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const ms = (value: number) => (value < 1 ? `${(value * 1000).toFixed(0)} µs` : `${value.toFixed(2)} ms`);
const mb = (value: number) => `${value.toFixed(1)} MB`;

/** Least-squares slope of `values` sampled once a second, in units per minute. */
function slopePerMinute(values: number[]): number {
  const n = values.length;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((sum, value) => sum + value, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((value, x) => {
    num += (x - meanX) * (value - meanY);
    den += (x - meanX) ** 2;
  });
  return den === 0 ? 0 : (num / den) * 60;
}

/** The FAQ mix: request i goes to conversation i mod `count`, each conversation walking through the questions. */
function faqMix(serviceUrl: string, prefix: string, count: number, questions: string[]) {
  let sequence = 0;
  return () => {
    const i = sequence++;
    const text = questions[(i + Math.floor(i / count)) % questions.length] ?? 'what is sciatica';
    return messageActivity(serviceUrl, `${prefix}-${i % count}`, text, i);
  };
}

interface Target {
  name: string;
  role: Role;
  env: Record<string, string>;
}

/** The service's configuration as the bench gives it (through loadConfig, in the child). */
function clinicEnv(s: Settings, dataDir: string, databaseUrl = ''): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: s.logLevel,
    // Rate limits (when the service has them) would refuse a load test's traffic.
    RATE_LIMIT_CONVERSATION_PER_MINUTE: '0',
    RATE_LIMIT_CLIENT_PER_MINUTE: '0',
  };
}

async function withPostgresSchema<T>(s: Settings, use: (url: string | undefined) => Promise<T>): Promise<T> {
  if (!s.postgres) return use(undefined);
  const admin = new pg.Client({ connectionString: s.databaseUrl });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL not reachable at ${s.databaseUrl} (${(error as Error).message}): its rows are skipped`);
    return use(undefined);
  }
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(s.databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  try {
    return await use(url.toString());
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

// ---- the measurements ----

interface LoadRow extends LoadFigures {
  name: string;
  answered: number;
  replies: number;
  connectorConnections: number;
  /** CPU ms the bot process used per turn, and the share of one core it had. */
  cpuPerTurn: number;
  cpuShare: number;
  memory: MemoryFigures;
  load: string;
}

async function measureLoad(s: Settings, target: Target, connector: Child, questions: string[], round: number, rate?: number): Promise<LoadRow> {
  const bot = await startChild(target.role, target.env);
  try {
    const serviceUrl = `http://${HOST}:${connector.port}`;
    const prefix = `${target.role}-${round}-${randomBytes(3).toString('hex')}`;
    await sendAll(bot.port, Array.from({ length: CONVERSATIONS }, (_, i) => joinActivity(serviceUrl, `${prefix}-${i}`)), s.connections);
    const next = faqMix(serviceUrl, prefix, CONVERSATIONS, questions);
    await runLoad({ port: bot.port, connections: s.connections, duration: WARM_UP_SECONDS, next });
    await connector.reset();
    const before = await bot.memory();
    const figures =
      rate === undefined
        ? await runLoad({ port: bot.port, connections: s.connections, duration: s.duration, next })
        : await runPaced({ port: bot.port, rate, duration: s.duration, next });
    const after = await bot.memory();
    const counts = await connector.counts();
    return {
      name: target.name,
      ...figures,
      cpuPerTurn: (after.cpuMs - before.cpuMs) / figures.turns,
      cpuShare: (after.cpuMs - before.cpuMs) / (figures.seconds * 1000),
      answered: counts.answered,
      replies: counts.messages,
      connectorConnections: counts.connections,
      memory: after,
      load: load(),
    };
  } finally {
    await bot.stop();
  }
}

async function measureFlat(s: Settings, dataDir: string, connector: Child, questions: string[]) {
  const bot = await startChild('clinic', clinicEnv(s, dataDir));
  try {
    const serviceUrl = `http://${HOST}:${connector.port}`;
    const prefix = `flat-${randomBytes(3).toString('hex')}`;
    await sendAll(bot.port, Array.from({ length: CONVERSATIONS }, (_, i) => joinActivity(serviceUrl, `${prefix}-${i}`)), s.connections);
    const next = faqMix(serviceUrl, prefix, CONVERSATIONS, questions);
    await runLoad({ port: bot.port, connections: s.connections, duration: WARM_UP_SECONDS, next });
    const before = await bot.memory({ gc: true });
    const samples: MemoryFigures[] = [];
    const timer = setInterval(() => void bot.memory().then((sample) => samples.push(sample)), 1000);
    // In quarters, with the heap after GC at the end of each (the GC is not timed: it falls between runs).
    const quarters: MemoryFigures[] = [];
    const runs: LoadFigures[] = [];
    for (let quarter = 0; quarter < 4; quarter += 1) {
      runs.push(await runLoad({ port: bot.port, connections: s.connections, duration: Math.max(1, Math.round(s.flat / 4)), next }));
      quarters.push(await bot.memory({ gc: true }));
    }
    clearInterval(timer);
    const after = quarters[quarters.length - 1] ?? before;
    const turns = runs.reduce((sum, run) => sum + run.turns, 0);
    const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
    const figures = { turnsPerSecond: turns / seconds, p99: Math.max(...runs.map((run) => run.p99)), errors: runs.reduce((sum, run) => sum + run.errors, 0) };
    return { figures, samples, before, quarters, after, load: load() };
  } finally {
    await bot.stop();
  }
}

async function measureManyConversations(s: Settings, env: Record<string, string>, connector: Child, questions: string[]) {
  const bot = await startChild('clinic', env);
  try {
    const serviceUrl = `http://${HOST}:${connector.port}`;
    const started = await bot.memory({ gc: true });
    const prefix = `many-${randomBytes(3).toString('hex')}`;
    const next = faqMix(serviceUrl, prefix, s.conversations, questions);
    // In quarters, with the memory after GC at each: growth that goes on quarter after quarter is
    // kept per conversation; growth that stops is the warm-up (compiled code, caches).
    const quarters: Array<{ conversations: number; memory: MemoryFigures }> = [];
    const turns: LoadFigures[] = [];
    for (let quarter = 1; quarter <= 4; quarter += 1) {
      const amount = Math.round((s.conversations * quarter) / 4) - Math.round((s.conversations * (quarter - 1)) / 4);
      turns.push(await runLoad({ port: bot.port, connections: s.connections, amount, next }));
      quarters.push({ conversations: Math.round((s.conversations * quarter) / 4), memory: await bot.memory({ gc: true }) });
    }
    const errors = turns.reduce((sum, run) => sum + run.errors, 0);
    const after = quarters[quarters.length - 1]?.memory ?? started;
    return { started, quarters, after, errors, load: load() };
  } finally {
    await bot.stop();
  }
}

// ---- the run ----

async function main(): Promise<void> {
  const s = settings();
  const cpus = os.cpus();
  console.log(`npm run bench: ${cpus.length} CPU cores (${cpus[0]?.model ?? 'unknown'}), ${(os.totalmem() / 1_073_741_824).toFixed(1)} GB, Node ${process.version}`);
  console.log(`load average at start (1/5/15 min): ${load()}`);
  console.log(
    'The server under test runs in a process of its own; autocannon runs in this one and the loopback connector in a third.' +
      (cpus.length <= 2 ? ` With ${cpus.length} cores these share the CPU with each other and with anything else running: figures are for this machine as loaded.` : ''),
  );
  console.log(
    'Reply path: as with Azure channels, the bot POSTs each reply to the activity\'s serviceUrl (a loopback connector process answering 200 {id}) and answers /api/messages when the turn is done; no expectReplies.',
  );
  const table: string[] = [];
  const disk = await probeDisk();
  console.log(`disk: one durable state write (temp file, fsync, rename, fsync folder) median ${disk.median.toFixed(1)} ms, p99 ${disk.p99.toFixed(1)} ms (100 in a row)`);
  table.push(`durable write on this disk          median ${disk.median.toFixed(1)} ms, p99 ${disk.p99.toFixed(1)} ms`);

  const allQuestions = evalQuestions();
  const retrieval = measureRetrieval(allQuestions);
  const questions = faqTurnQuestions(allQuestions, retrieval.index);
  if (s.only.has('retrieval')) {
    console.log(`\nRetrieval (${retrieval.questions} dev eval questions × 5 passes, warm; index built in ${retrieval.buildMs.toFixed(0)} ms)`);
    console.log(`  KnowledgeIndex.search   median ${ms(retrieval.search.median)}, p99 ${ms(retrieval.search.p99)}, mean ${ms(retrieval.search.mean)}`);
    console.log(`  routeMessage            median ${ms(retrieval.route.median)}, p99 ${ms(retrieval.route.p99)}, mean ${ms(retrieval.route.mean)}`);
    table.push(`retrieval per question (search)     median ${ms(retrieval.search.median)}, p99 ${ms(retrieval.search.p99)}`);
    table.push(`routing per question (routeMessage) median ${ms(retrieval.route.median)}, p99 ${ms(retrieval.route.p99)}`);
  }

  if (s.only.has('start')) {
    const times: number[] = [];
    for (let run = 0; run < s.starts; run += 1) times.push(await timeToHealthy());
    console.log(`\nStart to healthy (node dist/index.js → 200 from /healthz, empty DATA_DIR): ${times.map((t) => t.toFixed(0)).join(', ')} ms; load ${load()}`);
    table.push(`start → healthy                     median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, ${s.starts} runs)`);
  }

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-'));
  const connector = await startChild('connector');
  try {
    await withPostgresSchema(s, async (databaseUrl) => {
      const targets: Target[] = [
        { name: 'echo bot (MemoryStorage)', role: 'echo', env: {} },
        { name: 'clinic bot, embedded store', role: 'clinic', env: clinicEnv(s, path.join(dataDir, 'files')) },
        ...(databaseUrl ? [{ name: 'clinic bot, PostgreSQL', role: 'clinic' as const, env: clinicEnv(s, path.join(dataDir, 'pg'), databaseUrl) }] : []),
      ];
      if (s.only.has('load')) {
        console.log(`\nFAQ turns: ${questions.length} of the ${allQuestions.length} dev eval questions (those that make a plain FAQ turn), ${CONVERSATIONS} conversations, ${s.connections} connections, ${s.duration} s per target after a ${WARM_UP_SECONDS} s warm-up; ${s.rounds} round(s)`);
        const rows = new Map<string, LoadRow[]>(targets.map((target) => [target.name, []]));
        for (let round = 0; round < s.rounds; round += 1) {
          for (const target of targets) {
            const row = await measureLoad(s, target, connector, questions, round);
            rows.get(target.name)?.push(row);
            console.log(
              `  ${row.name.padEnd(28)} ${row.turnsPerSecond.toFixed(0).padStart(6)} turns/s  p50 ${row.p50} ms  p99 ${row.p99} ms  errors ${row.errors}  CPU ${row.cpuPerTurn.toFixed(2)} ms/turn (${(100 * row.cpuShare).toFixed(0)}% of a core)  ` +
                `replies ${row.replies} (${row.answered} from a topic; ${row.connectorConnections} new connection(s) to the connector)  RSS ${mb(row.memory.rssMB)}  load ${row.load}`,
            );
          }
        }
        const echo = median(rows.get(targets[0]?.name ?? '')?.map((row) => row.turnsPerSecond) ?? []);
        const echoCpu = median(rows.get(targets[0]?.name ?? '')?.map((row) => row.cpuPerTurn) ?? []);
        table.push(`load: ${s.connections} connections, ${CONVERSATIONS} conversations, ${s.duration} s; median of ${s.rounds} round(s)`);
        table.push(`  (CPU ratio: the echo bot's CPU per turn over this one's, the throughput ratio if each had a core to itself)`);
        table.push(`  target                          turns/s   p50 ms   p99 ms   errors   ratio to echo   CPU ms/turn   ratio`);
        const targetLines: string[] = [];
        for (const target of targets) {
          const list = rows.get(target.name) ?? [];
          const perSecond = median(list.map((row) => row.turnsPerSecond));
          const cpu = median(list.map((row) => row.cpuPerTurn));
          const errors = list.reduce((sum, row) => sum + row.errors, 0);
          table.push(
            `  ${target.name.padEnd(30)}${perSecond.toFixed(0).padStart(9)}${median(list.map((row) => row.p50)).toFixed(0).padStart(9)}${median(list.map((row) => row.p99)).toFixed(0).padStart(9)}${String(errors).padStart(9)}${(perSecond / echo).toFixed(2).padStart(16)}${cpu.toFixed(2).padStart(14)}${(echoCpu / cpu).toFixed(2).padStart(8)}`,
          );
          if (target.role === 'clinic') {
            const p99 = median(list.map((row) => row.p99));
            const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
            targetLines.push(
              `  ${target.name}: throughput ${(perSecond / echo).toFixed(2)} of the echo bot's (target ≥ 0.8: ${verdict(perSecond / echo >= 0.8)}), ` +
                `p99 ${p99.toFixed(0)} ms at ${s.connections} connections (target < 100 ms: ${verdict(p99 < 100)}), errors ${errors} (target 0: ${verdict(errors === 0)})`,
            );
          }
        }
        table.push('targets (issue 6):', ...targetLines);
      }

      if (s.only.has('paced')) {
        console.log(`\nThe same FAQ turns paced: one every ${(1000 / s.rate).toFixed(0)} ms (${s.rate} turns/s, open loop), ${s.duration} s per target`);
        table.push(`paced: ${s.rate} turns/s evenly spaced, ${s.duration} s`);
        table.push(`  target                          turns/s   p50 ms   p99 ms   errors   CPU ms/turn`);
        for (const target of targets) {
          const row = await measureLoad(s, target, connector, questions, 0, s.rate);
          console.log(`  ${row.name.padEnd(28)} ${row.turnsPerSecond.toFixed(0).padStart(6)} turns/s  p50 ${row.p50.toFixed(1)} ms  p99 ${row.p99.toFixed(1)} ms  errors ${row.errors}  CPU ${row.cpuPerTurn.toFixed(2)} ms/turn  load ${row.load}`);
          table.push(`  ${target.name.padEnd(30)}${row.turnsPerSecond.toFixed(0).padStart(9)}${row.p50.toFixed(1).padStart(9)}${row.p99.toFixed(1).padStart(9)}${String(row.errors).padStart(9)}${row.cpuPerTurn.toFixed(2).padStart(14)}`);
        }
      }

      if (s.only.has('flat')) {
        const flat = await measureFlat(s, path.join(dataDir, 'flat'), connector, questions);
        const rss = flat.samples.map((sample) => sample.rssMB);
        const heap = flat.samples.map((sample) => sample.heapUsedMB);
        const firstLast = (values: number[]) => `${mb(values.slice(0, 5).reduce((a, b) => a + b, 0) / Math.min(5, values.length))} → ${mb(values.slice(-5).reduce((a, b) => a + b, 0) / Math.min(5, values.length))}`;
        console.log(`\nMemory over ${s.flat} s of FAQ load (embedded store, ${flat.samples.length} samples): ${flat.figures.turnsPerSecond.toFixed(0)} turns/s, worst quarter's p99 ${flat.figures.p99} ms, errors ${flat.figures.errors}; load ${flat.load}`);
        console.log(`  RSS ${firstLast(rss)} (first 5 s → last 5 s), slope ${slopePerMinute(rss).toFixed(2)} MB/min`);
        console.log(`  heap used ${firstLast(heap)}, slope ${slopePerMinute(heap).toFixed(2)} MB/min (garbage included)`);
        console.log(`  heap used after GC at the start and after each quarter: ${[flat.before, ...flat.quarters].map((q) => mb(q.heapUsedMB)).join(' → ')}`);
        table.push(`memory over ${s.flat} s of load             RSS ${firstLast(rss)} (slope ${slopePerMinute(rss).toFixed(2)} MB/min), heap after GC ${[flat.before, ...flat.quarters].map((q) => q.heapUsedMB.toFixed(1)).join(' → ')} MB`);
      }

      if (s.only.has('memory')) {
        const setups = [
          { name: 'embedded store', env: clinicEnv(s, path.join(dataDir, 'many')) },
          ...(databaseUrl ? [{ name: 'PostgreSQL', env: clinicEnv(s, path.join(dataDir, 'many-pg'), databaseUrl) }] : []),
        ];
        for (const setup of setups) {
          const many = await measureManyConversations(s, setup.env, connector, questions);
          const steps = many.quarters.map((q) => `${q.conversations}: ${mb(q.memory.rssMB)} / ${mb(q.memory.heapUsedMB)}`).join(', ');
          const firstQuarter = many.quarters[0];
          const perThousand = firstQuarter ? ((many.after.heapUsedMB - firstQuarter.memory.heapUsedMB) / (s.conversations - firstQuarter.conversations)) * 1000 : NaN;
          console.log(
            `\nMemory after ${s.conversations} conversations with a turn each (${setup.name}, after GC), RSS / heap used: at start ${mb(many.started.rssMB)} / ${mb(many.started.heapUsedMB)}; ${steps}; ` +
              `heap growth after the first quarter ${perThousand.toFixed(2)} MB per 1,000 conversations; errors ${many.errors}; load ${many.load}`,
          );
          table.push(
            `memory after ${s.conversations} conversations (${setup.name}) RSS ${mb(many.after.rssMB)}, heap ${mb(many.after.heapUsedMB)} after GC (at start ${mb(many.started.rssMB)}, ${mb(many.started.heapUsedMB)}; +${perThousand.toFixed(2)} MB heap per 1,000 after the first quarter)`,
          );
        }
      }
    });
  } finally {
    await connector.stop();
    await rm(dataDir, { recursive: true, force: true });
  }

  console.log(`\n==== Figures (load average now: ${load()}; ${cpus.length} cores) ====`);
  for (const line of table) console.log(line);
}

await main();
