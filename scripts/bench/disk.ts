import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../storage/durableFile.js';

/**
 * What one durable state write costs on this disk right now: writeFileAtomic (temp file, fsync,
 * rename, fsync of the folder), as the embedded store does at the end of every turn, one at a
 * time. A shared virtual disk stalls now and then; this shows how much when the figures were taken.
 */
export async function probeDisk(writes = 100): Promise<{ median: number; p99: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-disk-'));
  const times: number[] = [];
  try {
    const content = JSON.stringify({ state: 'x'.repeat(1500) });
    for (let i = 0; i < writes; i += 1) {
      const started = performance.now();
      await writeFileAtomic(path.join(dir, `${i % 10}.json`), content);
      times.push(performance.now() - started);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? NaN, p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? NaN };
}
