import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { AppointmentRequest } from '../appointmentRequest.js';
import { fsyncFolder, isErrno, writeSynced } from '../../storage/durableFile.js';
import { defaultDeliveryLogger, type DeliveryLogger } from './log.js';
import {
  alertJob,
  DuplicateReferenceError,
  JOB_ID_PATTERN,
  jobsForRequest,
  outboxJobSchema,
  type Alert,
  type EnqueueContext,
  type EnqueuedRequest,
  type Outbox,
  type OutboxCounts,
  type OutboxJob,
} from './outbox.js';
import { singleLine } from './text.js';

/**
 * The embedded outbox: a Maildir/Postfix-style spool of one JSON file per job under
 * DATA_DIR/outbox/:
 *
 *   tmp/      files being written; moved into place only once complete and fsynced
 *   queue/    jobs waiting for their first or next attempt      <job id>.json
 *   active/   jobs claimed by a sender                          <job id>@<process token>.json
 *   sent/     delivered jobs, kept for a while then purged      <job id>.json
 *   dead/     jobs that will never be delivered, kept for a person to act on
 *   corrupt/  unreadable files, set aside (an alert email says so)
 *
 * Every change of a job is "write a new file in tmp/, fsync it, rename it into place, fsync the
 * folder", so a crash at any point leaves either the old or the new state, never half a file.
 * A claim is a rename from queue/ to active/: only one claimer can win it. A claim names the
 * process that made it; claims of any other (dead) process go back to the queue when the spool
 * is opened. One process per DATA_DIR: several instances need the PostgreSQL outbox.
 */

/** Identifies this process's claims and temporary files. */
const PROCESS_TOKEN = `${process.pid}-${randomBytes(4).toString('hex')}`;

const FOLDERS = ['tmp', 'queue', 'active', 'sent', 'dead', 'corrupt'] as const;
type Folder = (typeof FOLDERS)[number];

export interface FileSpoolOptions {
  /** DATA_DIR; the spool lives in its `outbox/` folder. */
  dataDir: string;
  clock?: () => Date;
  logger?: DeliveryLogger;
}

export class FileSpool implements Outbox {
  /** Creates the folders if needed and returns claims left behind by a stopped process to the queue. */
  static async open(options: FileSpoolOptions): Promise<FileSpool> {
    const spool = new FileSpool(options);
    await spool.prepare();
    return spool;
  }

  readonly root: string;
  private readonly clock: () => Date;
  private readonly logger: DeliveryLogger;
  /** Jobs this spool object has claimed, as read and validated at claim time. */
  private readonly claims = new Map<string, OutboxJob>();

  private constructor(options: FileSpoolOptions) {
    this.root = path.join(path.resolve(options.dataDir), 'outbox');
    this.clock = options.clock ?? (() => new Date());
    this.logger = options.logger ?? defaultDeliveryLogger();
  }

  async enqueue(request: AppointmentRequest, context: EnqueueContext): Promise<EnqueuedRequest> {
    const jobs = jobsForRequest(request, context, this.clock());
    for (const job of jobs) {
      if (await this.holds(job.id)) throw new DuplicateReferenceError(request.reference);
    }
    const placed = await this.storeNew(jobs);
    if (placed.length < jobs.length) throw new DuplicateReferenceError(request.reference);
    return { reference: request.reference, jobIds: placed };
  }

  async enqueueAlert(id: string, alert: Alert): Promise<void> {
    const job = alertJob(id, alert, this.clock());
    if (await this.holds(job.id)) return;
    await this.storeNew([job]);
  }

  async claimDue(now: Date, limit: number): Promise<OutboxJob[]> {
    // Reading stops once `limit` due jobs are found, so a long queue is not re-read per batch.
    // Each claimed job leaves the queue (sent, dead, or rescheduled), so none waits for ever.
    const due: OutboxJob[] = [];
    for (const name of await this.list('queue')) {
      if (due.length >= limit) break;
      const job = await this.readJob('queue', name, idOfQueueFile(name));
      if (job !== undefined && Date.parse(job.nextAttemptAt) <= now.getTime()) due.push(job);
    }
    due.sort((a, b) => Date.parse(a.nextAttemptAt) - Date.parse(b.nextAttemptAt) || a.id.localeCompare(b.id));

    const claimed: OutboxJob[] = [];
    for (const candidate of due) {
      if (claimed.length >= limit) break;
      const activeName = activeFileName(candidate.id);
      try {
        await rename(this.file('queue', `${candidate.id}.json`), this.file('active', activeName));
      } catch (error) {
        if (isErrno(error, 'ENOENT')) continue; // another sender claimed it first
        throw error;
      }
      // Read again: the file may have been rescheduled between the listing and the rename.
      const job = await this.readJob('active', activeName, candidate.id);
      if (job === undefined) continue;
      this.claims.set(job.id, job);
      if (Date.parse(job.nextAttemptAt) > now.getTime()) {
        await this.release(job.id);
        continue;
      }
      claimed.push(job);
    }
    return claimed;
  }

  async markSent(jobId: string): Promise<void> {
    const job = this.claimed(jobId);
    const { lastError: _lastError, ...rest } = job;
    await this.finishClaim(jobId, 'sent', { ...rest, attempts: job.attempts + 1, sentAt: this.clock().toISOString() });
  }

  async reschedule(jobId: string, nextAttemptAt: Date, lastError: string): Promise<void> {
    const job = this.claimed(jobId);
    await this.finishClaim(jobId, 'queue', {
      ...job,
      attempts: job.attempts + 1,
      nextAttemptAt: nextAttemptAt.toISOString(),
      lastError: singleLine(lastError, 200),
    });
  }

  async markDead(jobId: string, reason: string): Promise<void> {
    const job = this.claimed(jobId);
    await this.finishClaim(jobId, 'dead', {
      ...job,
      attempts: job.attempts + 1,
      deadAt: this.clock().toISOString(),
      deadReason: singleLine(reason, 2000),
    });
  }

  async release(jobId: string): Promise<void> {
    this.claimed(jobId);
    await rename(this.file('active', activeFileName(jobId)), this.file('queue', `${jobId}.json`));
    this.claims.delete(jobId);
    await fsyncFolder(this.folder('queue'));
  }

  async nextDueAt(): Promise<Date | undefined> {
    let earliest: number | undefined;
    for (const name of await this.list('queue')) {
      const due = await this.dueTimeOf(name);
      if (earliest === undefined || due < earliest) earliest = due;
    }
    return earliest === undefined ? undefined : new Date(earliest);
  }

  async counts(): Promise<OutboxCounts> {
    const [queued, inFlight, sent, dead, corrupt] = await Promise.all(
      (['queue', 'active', 'sent', 'dead', 'corrupt'] as const).map(async (folder) => (await this.list(folder)).length),
    );
    return { queued: queued ?? 0, inFlight: inFlight ?? 0, sent: sent ?? 0, dead: dead ?? 0, corrupt: corrupt ?? 0 };
  }

  async purge(olderThan: Date): Promise<number> {
    let removed = 0;
    for (const name of await this.list('sent')) {
      const file = this.file('sent', name);
      try {
        if ((await stat(file)).mtimeMs < olderThan.getTime()) {
          await unlink(file);
          removed += 1;
        }
      } catch (error) {
        if (!isErrno(error, 'ENOENT')) throw error;
      }
    }
    if (removed > 0) await fsyncFolder(this.folder('sent'));
    return removed;
  }

  // ---- storage details ----

  private async prepare(): Promise<void> {
    // Owner-only: the jobs hold patient details.
    for (const folder of FOLDERS) await mkdir(this.folder(folder), { recursive: true, mode: 0o700 });
    await fsyncFolder(this.root);
    await fsyncFolder(path.dirname(this.root));
    await this.returnOrphanedClaims();
    await this.removeStaleTemporaryFiles();
  }

  /** Claims made by a process that is gone: the job goes back to the queue unless it got further. */
  private async returnOrphanedClaims(): Promise<void> {
    for (const name of await this.list('active')) {
      const claim = parseActiveFileName(name);
      if (claim === undefined) {
        await this.quarantine('active', name, 'unexpected file name in active/');
        continue;
      }
      if (claim.token === PROCESS_TOKEN) continue; // held by a live spool in this process
      const source = this.file('active', name);
      if (await this.finished(claim.jobId) || (await exists(this.file('queue', `${claim.jobId}.json`)))) {
        // A crash between writing the next state and removing the claim: the next state wins.
        await unlink(source);
      } else {
        await rename(source, this.file('queue', `${claim.jobId}.json`));
        this.logger.warn({ jobId: claim.jobId }, 'claim of a stopped process returned to the queue');
      }
    }
    await fsyncFolder(this.folder('queue'));
    await fsyncFolder(this.folder('active'));
  }

  private async removeStaleTemporaryFiles(): Promise<void> {
    for (const name of await this.list('tmp')) {
      if (!name.startsWith(`${PROCESS_TOKEN}.`)) await unlink(this.file('tmp', name)).catch(() => undefined);
    }
  }

  /**
   * Writes new jobs into queue/ without ever replacing an existing file, and returns the ids
   * placed. All files are written and fsynced before the first one appears in the queue.
   */
  private async storeNew(jobs: OutboxJob[]): Promise<string[]> {
    const temporary: string[] = [];
    const placed: string[] = [];
    try {
      // Written side by side: the file system can commit both fsyncs together.
      const written = await Promise.allSettled(jobs.map((job) => this.writeTemporary(job)));
      for (const result of written) if (result.status === 'fulfilled') temporary.push(result.value);
      for (const result of written) if (result.status === 'rejected') throw result.reason;
      for (const [index, job] of jobs.entries()) {
        const source = temporary[index];
        if (source === undefined) continue;
        if (await placeWithoutReplacing(source, this.file('queue', `${job.id}.json`))) placed.push(job.id);
      }
      await fsyncFolder(this.folder('queue'));
    } finally {
      for (const file of temporary) await unlink(file).catch(() => undefined);
    }
    return placed;
  }

  /** Moves a claimed job to its next folder with new content, then drops the claim. */
  private async finishClaim(jobId: string, folder: 'queue' | 'sent' | 'dead', job: OutboxJob): Promise<void> {
    const checked = outboxJobSchema.parse(job);
    const temporary = await this.writeTemporary(checked);
    await rename(temporary, this.file(folder, `${jobId}.json`));
    await fsyncFolder(this.folder(folder));
    // No fsync needed here: a claim file that reappears after a crash is dropped on the next
    // open, because the job's next state is already on disk.
    await unlink(this.file('active', activeFileName(jobId)));
    this.claims.delete(jobId);
  }

  private async writeTemporary(job: OutboxJob): Promise<string> {
    const file = this.file('tmp', `${PROCESS_TOKEN}.${randomBytes(8).toString('hex')}.json`);
    await writeSynced(file, JSON.stringify(job, null, 2) + '\n');
    return file;
  }

  /**
   * A job read from disk and checked against the schema and its file name. Anything else is moved
   * to corrupt/ with an alert, and undefined is returned (also when the file has gone meanwhile).
   */
  private async readJob(folder: Folder, name: string, expectedId: string | undefined): Promise<OutboxJob | undefined> {
    if (expectedId === undefined) {
      await this.quarantine(folder, name, `unexpected file name in ${folder}/`);
      return undefined;
    }
    let raw: string;
    try {
      raw = await readFile(this.file(folder, name), 'utf8');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return undefined;
      await this.quarantine(folder, name, `could not be read (${errorCode(error)})`);
      return undefined;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      await this.quarantine(folder, name, 'is not valid JSON (truncated or damaged)');
      return undefined;
    }
    const result = outboxJobSchema.safeParse(parsed);
    if (!result.success) {
      const where = result.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).slice(0, 5);
      await this.quarantine(folder, name, `does not hold a valid job (${where.join('; ')})`);
      return undefined;
    }
    if (result.data.id !== expectedId) {
      await this.quarantine(folder, name, `holds job ${result.data.id}, not ${expectedId}`);
      return undefined;
    }
    return result.data;
  }

  /** Due time of a queued file without judging it; an unreadable one counts as due now. */
  private async dueTimeOf(name: string): Promise<number> {
    try {
      const parsed = outboxJobSchema.safeParse(JSON.parse(await readFile(this.file('queue', name), 'utf8')));
      if (parsed.success) return Date.parse(parsed.data.nextAttemptAt);
    } catch {
      // claimDue will move it aside
    }
    return this.clock().getTime();
  }

  /** Moves an unreadable file to corrupt/, logs it and queues an alert holding its content. */
  private async quarantine(folder: Folder, name: string, problem: string): Promise<void> {
    const source = this.file(folder, name);
    const content = await readFile(source, 'utf8').catch(() => '');
    const movedName = `${this.clock().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}-${safeFileName(name)}`;
    const target = this.file('corrupt', movedName);
    try {
      await rename(source, target);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return; // someone else moved it
      throw error;
    }
    await fsyncFolder(this.folder('corrupt'));
    await fsyncFolder(this.folder(folder));
    this.logger.error({ file: safeFileName(name), code: 'SPOOL_CORRUPT' }, 'unreadable outbox file moved to corrupt/');
    try {
      await this.enqueueAlert(`corrupt-${movedName.slice(0, 100).replace(/[^A-Za-z0-9._-]/g, '_')}`, {
        type: 'corrupt-file',
        fileName: safeFileName(name),
        movedTo: target,
        problem: `${folder}/${safeFileName(name)} ${problem}`,
        content: content.slice(0, 200_000),
        at: this.clock().toISOString(),
      });
    } catch {
      this.logger.error({ file: safeFileName(name), code: 'ALERT_NOT_QUEUED' }, 'could not queue the alert for a corrupt outbox file');
    }
  }

  /** Whether any folder holds this job (a claim by any process included). */
  private async holds(jobId: string): Promise<boolean> {
    if (await this.finished(jobId)) return true;
    if (await exists(this.file('queue', `${jobId}.json`))) return true;
    return (await this.list('active')).some((name) => parseActiveFileName(name)?.jobId === jobId);
  }

  private async finished(jobId: string): Promise<boolean> {
    return (await exists(this.file('sent', `${jobId}.json`))) || (await exists(this.file('dead', `${jobId}.json`)));
  }

  private claimed(jobId: string): OutboxJob {
    const job = this.claims.get(jobId);
    if (job === undefined) throw new Error(`job ${jobId} is not claimed by this spool`);
    return job;
  }

  private async list(folder: Folder): Promise<string[]> {
    return (await readdir(this.folder(folder))).sort();
  }

  private folder(folder: Folder): string {
    return path.join(this.root, folder);
  }

  private file(folder: Folder, name: string): string {
    return path.join(this.root, folder, name);
  }
}

function activeFileName(jobId: string): string {
  return `${jobId}@${PROCESS_TOKEN}.json`;
}

function parseActiveFileName(name: string): { jobId: string; token: string } | undefined {
  const match = /^([^@]+)@([^@]+)\.json$/.exec(name);
  const jobId = match?.[1];
  const token = match?.[2];
  if (jobId === undefined || token === undefined || !JOB_ID_PATTERN.test(jobId)) return undefined;
  return { jobId, token };
}

function idOfQueueFile(name: string): string | undefined {
  if (!name.endsWith('.json')) return undefined;
  const id = name.slice(0, -'.json'.length);
  return JOB_ID_PATTERN.test(id) ? id : undefined;
}

/**
 * Puts a finished temporary file in place only if nothing is there yet (a hard link fails rather
 * than replace). Returns false when the target already existed.
 */
async function placeWithoutReplacing(source: string, target: string): Promise<boolean> {
  try {
    await link(source, target);
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    if (!isErrno(error, 'EPERM') && !isErrno(error, 'ENOTSUP') && !isErrno(error, 'ENOSYS')) throw error;
  }
  // File systems without hard links: check, then rename (one process per spool makes this safe).
  if (await exists(target)) return false;
  await rename(source, target);
  return true;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

function safeFileName(name: string): string {
  return singleLine(name, 150).replace(/[^A-Za-z0-9@._-]/g, '_');
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'unknown error';
}
