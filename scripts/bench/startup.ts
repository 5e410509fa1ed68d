import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { projectPath } from '../../config/paths.js';
import { freePort } from '../../test/delivery/smtpTestServer.js';
import { HOST } from './children.js';

/**
 * Milliseconds from spawning what `npm start` runs once built (`node --enable-source-maps
 * --disable-warning=DEP0111 dist/index.js`) to the first 200 from GET /healthz, with an empty
 * DATA_DIR of its own. The build (`prestart`) is not included.
 */
export async function timeToHealthy(): Promise<number> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-start-'));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--enable-source-maps', '--disable-warning=DEP0111', projectPath('dist', 'index.js')], {
    cwd: projectPath(),
    env: { PATH: process.env.PATH ?? '', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  try {
    for (;;) {
      if (exitedEarly) throw new Error('the service exited before it was healthy');
      try {
        const response = await fetch(`http://${HOST}:${port}/healthz`);
        await response.arrayBuffer();
        if (response.status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  }
}
