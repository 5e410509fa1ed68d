/**
 * How long the file spool takes to accept appointment requests durably (each one fsynced to disk
 * before enqueue resolves), and to move them through claim → sent.
 *
 *   npm run bench:spool [-- COUNT]       (default 1000; uses a temporary folder, or BENCH_DIR)
 */
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fsyncFolder, writeSynced } from '../storage/durableFile.js';
import { FileSpool } from '../scheduling/delivery/fileSpool.js';
import type { DeliveryLogger } from '../scheduling/delivery/log.js';
// The requests the delivery tests use: a full request with a patient email (two jobs each).
import { bowie as clinic, sampleRequest as request } from '../test/delivery/fixtures.js';

const count = Number(process.argv[2] ?? 1000);
const quiet: DeliveryLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

const base = process.env.BENCH_DIR ?? tmpdir();
const dir = await mkdtemp(path.join(base, 'bench-spool-'));
try {
  // The disk's own pace, for comparison: one 1.5 KB record written, fsynced, renamed, folder fsynced.
  let started = performance.now();
  for (let i = 0; i < count; i += 1) {
    await writeSynced(path.join(dir, `record-${i}.tmp`), 'x'.repeat(1500));
    await rename(path.join(dir, `record-${i}.tmp`), path.join(dir, `record-${i}`));
    await fsyncFolder(dir);
  }
  const baselineMs = performance.now() - started;

  const spool = await FileSpool.open({ dataDir: dir, logger: quiet });
  const requests = Array.from({ length: count }, request);

  started = performance.now();
  for (const item of requests) await spool.enqueue(item, { clinic, followUp: 'tomorrow at 7:00 AM' });
  const enqueueMs = performance.now() - started;

  started = performance.now();
  let moved = 0;
  for (;;) {
    const jobs = await spool.claimDue(new Date(), 50);
    if (jobs.length === 0) break;
    for (const job of jobs) await spool.markSent(job.id);
    moved += jobs.length;
  }
  const drainMs = performance.now() - started;

  console.log(`folder: ${dir}`);
  console.log(`baseline: ${count} plain durable records in ${baselineMs.toFixed(0)} ms = ${(baselineMs / count).toFixed(2)} ms per record`);
  console.log(`enqueue: ${count} requests (${count * 2} jobs, one sequential enqueue at a time) in ${enqueueMs.toFixed(0)} ms` +
    ` = ${(enqueueMs / count).toFixed(2)} ms per request`);
  console.log(`claim + markSent: ${moved} jobs in ${drainMs.toFixed(0)} ms = ${(drainMs / moved).toFixed(2)} ms per job`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
