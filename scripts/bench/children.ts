import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ConnectorCounts } from './connector.js';

/**
 * The processes of `npm run bench`. Each server under test runs in a process of its own, so the
 * load generator (autocannon, in the parent) does not share its event loop; the parent talks to
 * it over Node's IPC channel: "ready" with the port, memory figures on request.
 */

export type Role = 'clinic' | 'echo' | 'connector';

export const HOST = '127.0.0.1';

export interface MemoryFigures {
  rssMB: number;
  heapUsedMB: number;
  /** CPU time (user + system) the process has used so far, in ms: per turn it does not depend on how busy the machine is. */
  cpuMs: number;
}

type Request = { type: 'memory'; gc: boolean } | { type: 'counts' } | { type: 'reset' };
type Reply = { type: 'ready'; port: number } | ({ type: 'memory' } & MemoryFigures) | ({ type: 'counts' } & ConnectorCounts) | { type: 'done' };

export interface Child {
  port: number;
  memory(options?: { gc?: boolean }): Promise<MemoryFigures>;
  counts(): Promise<ConnectorCounts>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

const CHILD_SCRIPT = fileURLToPath(new URL('./child.js', import.meta.url));

/**
 * Starts a child process of the given role. The clinic bot gets its configuration from `appEnv` through
 * loadConfig, as the service gets it from its environment.
 */
export function startChild(role: Role, appEnv: Record<string, string> = {}): Promise<Child> {
  // BENCH_PROFILE=DIR: the clinic bot writes a CPU profile there (node --cpu-prof) when it stops.
  const profile = role === 'clinic' && process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = fork(CHILD_SCRIPT, [role], {
    execArgv: ['--expose-gc', '--disable-warning=DEP0111', ...profile],
    env: { ...process.env, BENCH_APP_ENV: JSON.stringify(appEnv) },
    // The clinic bot logs a JSON line per turn on stdout, as in production; /dev/null takes them.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const waiting: Array<(reply: Reply) => void> = [];
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench ${role} process exited (${code}) before it was ready`)));
    child.on('message', (message: Reply) => {
      if (message.type === 'ready') resolve(handle(child, message.port, waiting));
      else waiting.shift()?.(message);
    });
  });
}

function handle(child: ChildProcess, port: number, waiting: Array<(reply: Reply) => void>): Child {
  child.removeAllListeners('exit');
  const ask = (request: Request) =>
    new Promise<Reply>((resolve) => {
      waiting.push(resolve);
      child.send(request);
    });
  return {
    port,
    async memory(options = {}) {
      const reply = await ask({ type: 'memory', gc: options.gc ?? false });
      if (reply.type !== 'memory') throw new Error('unexpected answer to a memory request');
      return { rssMB: reply.rssMB, heapUsedMB: reply.heapUsedMB, cpuMs: reply.cpuMs };
    },
    async counts() {
      const reply = await ask({ type: 'counts' });
      if (reply.type !== 'counts') throw new Error('unexpected answer to a counts request');
      const { type: _type, ...counts } = reply;
      return counts;
    },
    async reset() {
      await ask({ type: 'reset' });
    },
    stop() {
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

/** The child's side: starts its server, says "ready", answers requests until SIGTERM. */
export async function runChild(role: Role): Promise<void> {
  const send = (reply: Reply) => process.send?.(reply);
  let port: number;
  let close: () => Promise<void>;
  let counts: () => ConnectorCounts = () => ({ messages: 0, answered: 0, redFlags: 0, connections: 0, rejected: 0 });
  let reset = () => {};
  // Each process loads only its own server's modules (the echo bot's memory is not the service's).
  if (role === 'echo') {
    const { startEchoBot } = await import('./echoBot.js');
    ({ port, close } = await startEchoBot(HOST));
  } else if (role === 'connector') {
    const { startConnector } = await import('./connector.js');
    const connector = await startConnector(HOST);
    ({ port, close, counts, reset } = connector);
  } else {
    const [{ startApp }, { loadConfig }, { createLogger }] = await Promise.all([
      import('../../app.js'),
      import('../../config/config.js'),
      import('../../config/logger.js'),
    ]);
    const env = JSON.parse(process.env.BENCH_APP_ENV ?? '{}') as Record<string, string>;
    const config = { ...loadConfig(env), port: 0 };
    const app = await startApp(config, createLogger(config.logLevel), { host: HOST });
    ({ port } = app);
    close = () => app.close();
  }
  process.on('message', (request: Request) => {
    if (request.type === 'memory') {
      if (request.gc) globalThis.gc?.();
      const usage = process.memoryUsage();
      const cpu = process.cpuUsage();
      send({ type: 'memory', rssMB: usage.rss / 1_048_576, heapUsedMB: usage.heapUsed / 1_048_576, cpuMs: (cpu.user + cpu.system) / 1000 });
    } else if (request.type === 'counts') {
      send({ type: 'counts', ...counts() });
    } else {
      reset();
      send({ type: 'done' });
    }
  });
  process.once('SIGTERM', () => {
    void close().finally(() => process.exit(0));
  });
  // The bench itself died (an error, Ctrl-C): do not stay behind listening.
  process.once('disconnect', () => process.exit(0));
  send({ type: 'ready', port });
}
