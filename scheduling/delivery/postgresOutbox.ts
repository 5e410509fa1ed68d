import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type pg from 'pg';
import { errorCode, isUniqueViolation } from '../../storage/postgres/pools.js';
import type { AppointmentRequest } from '../appointmentRequest.js';
import { defaultDeliveryLogger, type DeliveryLogger } from './log.js';
import {
  alertJob,
  DuplicateReferenceError,
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
 * The outbox shared by several instances: one row per job in `outbox_jobs` (see the mapping
 * described on the Outbox interface).
 *
 * A claim is a lease: `claimed_by` names this outbox object and `claim_expires_at` says until when
 * other instances leave the job alone. Rows are claimed with FOR UPDATE SKIP LOCKED, so two
 * instances claiming at once never get the same job. While this object holds claims it renews
 * their leases in the background (every third of the lease), so a slow SMTP conversation never
 * loses its job to another instance; an instance that dies stops renewing and its jobs are due
 * again once the lease runs out. Every later change of a job is one UPDATE guarded by
 * `claimed_by = this object`.
 *
 * Due times (`next_attempt_at`) come from the Sender's clock; lease times from the database's
 * clock, so instances whose clocks differ still agree on when a lease has run out.
 */

export interface PostgresOutboxOptions {
  pool: pg.Pool;
  clock?: () => Date;
  logger?: DeliveryLogger;
  /** How long a claim keeps other instances away from a job unless renewed. Default 60 s. */
  leaseMs?: number;
}

export const DEFAULT_LEASE_MS = 60_000;

interface JobRow {
  id: string;
  attempts: number;
  queued_at: Date;
  next_attempt_at: Date;
  last_error: string | null;
  data: unknown;
}

const JOB_COLUMNS = 'id, attempts, queued_at, next_attempt_at, last_error, data';

export class PostgresOutbox implements Outbox {
  /** Written into `claimed_by`: which instance (host, process) holds a job, for a person looking. */
  readonly claimant = `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
  private readonly pool: pg.Pool;
  private readonly clock: () => Date;
  private readonly logger: DeliveryLogger;
  private readonly leaseSeconds: number;
  private readonly renewEveryMs: number;
  /** Jobs this object has claimed and not yet finished. */
  private readonly held = new Set<string>();
  private renewTimer: NodeJS.Timeout | undefined;

  constructor(options: PostgresOutboxOptions) {
    this.pool = options.pool;
    this.clock = options.clock ?? (() => new Date());
    this.logger = options.logger ?? defaultDeliveryLogger();
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.leaseSeconds = leaseMs / 1000;
    this.renewEveryMs = Math.max(100, Math.floor(leaseMs / 3));
  }

  async enqueue(request: AppointmentRequest, context: EnqueueContext): Promise<EnqueuedRequest> {
    const jobs = jobsForRequest(request, context, this.clock());
    try {
      // One statement for all of the request's jobs: stored together at COMMIT, or not at all.
      await this.insert(jobs, '');
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateReferenceError(request.reference);
      throw error;
    }
    return { reference: request.reference, jobIds: jobs.map((job) => job.id) };
  }

  async enqueueAlert(id: string, alert: Alert): Promise<void> {
    await this.insert([alertJob(id, alert, this.clock())], 'ON CONFLICT (id) DO NOTHING');
  }

  async claimDue(now: Date, limit: number): Promise<OutboxJob[]> {
    const { rows } = await this.pool.query<JobRow>(
      `UPDATE outbox_jobs SET claimed_by = $1, claim_expires_at = now() + make_interval(secs => $2)
       WHERE id IN (
         SELECT id FROM outbox_jobs
         WHERE status = 'queued' AND next_attempt_at <= $3 AND (claimed_by IS NULL OR claim_expires_at < now())
         ORDER BY next_attempt_at, id
         LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING ${JOB_COLUMNS}`,
      [this.claimant, this.leaseSeconds, now, limit],
    );
    const claimed: OutboxJob[] = [];
    for (const row of rows) {
      this.held.add(row.id);
      const job = await this.validClaimedJob(row);
      if (job !== undefined) claimed.push(job);
    }
    this.renewWhileHolding();
    return claimed.sort((a, b) => Date.parse(a.nextAttemptAt) - Date.parse(b.nextAttemptAt) || a.id.localeCompare(b.id));
  }

  async markSent(jobId: string): Promise<void> {
    await this.finishClaim(jobId, `status = 'sent', attempts = attempts + 1, sent_at = $3, last_error = NULL`, [this.clock()]);
  }

  async reschedule(jobId: string, nextAttemptAt: Date, lastError: string): Promise<void> {
    await this.finishClaim(jobId, 'attempts = attempts + 1, next_attempt_at = $3, last_error = $4', [nextAttemptAt, singleLine(lastError, 200)]);
  }

  async markDead(jobId: string, reason: string): Promise<void> {
    await this.finishClaim(jobId, `status = 'dead', attempts = attempts + 1, dead_at = $3, dead_reason = $4`, [this.clock(), singleLine(reason, 2000)]);
  }

  async release(jobId: string): Promise<void> {
    await this.finishClaim(jobId, '', []);
  }

  async nextDueAt(): Promise<Date | undefined> {
    // A job another instance holds is due again when its lease runs out (if that instance died).
    const { rows } = await this.pool.query<{ due: Date | null }>(
      `SELECT min(CASE WHEN claimed_by IS NULL THEN next_attempt_at ELSE greatest(next_attempt_at, claim_expires_at) END) AS due
       FROM outbox_jobs WHERE status = 'queued' AND claimed_by IS DISTINCT FROM $1`,
      [this.claimant],
    );
    return rows[0]?.due ?? undefined;
  }

  async counts(): Promise<OutboxCounts> {
    const { rows } = await this.pool.query<OutboxCounts>(
      `SELECT
         count(*) FILTER (WHERE status = 'queued' AND (claimed_by IS NULL OR claim_expires_at < now()))::int AS "queued",
         count(*) FILTER (WHERE status = 'queued' AND claimed_by IS NOT NULL AND claim_expires_at >= now())::int AS "inFlight",
         count(*) FILTER (WHERE status = 'sent')::int AS "sent",
         count(*) FILTER (WHERE status = 'dead')::int AS "dead",
         count(*) FILTER (WHERE status = 'corrupt')::int AS "corrupt"
       FROM outbox_jobs`,
    );
    return rows[0] ?? { queued: 0, inFlight: 0, sent: 0, dead: 0, corrupt: 0 };
  }

  async purge(olderThan: Date): Promise<number> {
    const result = await this.pool.query(`DELETE FROM outbox_jobs WHERE status = 'sent' AND sent_at < $1`, [olderThan]);
    return result.rowCount ?? 0;
  }

  /** Stops renewing leases (claims still held then run out and go to another instance). */
  close(): void {
    clearInterval(this.renewTimer);
    this.renewTimer = undefined;
  }

  // ---- details ----

  private async insert(jobs: OutboxJob[], onConflict: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO outbox_jobs (id, kind, attempts, queued_at, next_attempt_at, data)
       SELECT id, kind, 0, queued_at, next_attempt_at, data
       FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::json[]) AS j(id, kind, queued_at, next_attempt_at, data)
       ${onConflict}`,
      [
        jobs.map((job) => job.id),
        jobs.map((job) => job.data.kind),
        jobs.map((job) => job.queuedAt),
        jobs.map((job) => job.nextAttemptAt),
        jobs.map((job) => JSON.stringify(job.data)),
      ],
    );
  }

  /**
   * Ends this object's claim on a job with one guarded UPDATE that also makes `changes` (SQL
   * assignments using `$3`… for `values`; `$1` is the job id, `$2` the claimant). A claim that another instance took over after the lease ran out (this instance was
   * stalled) is left to that instance: logged, not an error.
   */
  private async finishClaim(jobId: string, changes: string, values: unknown[]): Promise<void> {
    if (!this.held.has(jobId)) throw new Error(`job ${jobId} is not claimed by this outbox`);
    const result = await this.pool.query(
      `UPDATE outbox_jobs SET ${[changes, 'claimed_by = NULL, claim_expires_at = NULL'].filter(Boolean).join(', ')}
       WHERE id = $1 AND claimed_by = $2 AND status = 'queued'`,
      [jobId, this.claimant, ...values],
    );
    this.held.delete(jobId);
    if (result.rowCount !== 1) this.logger.warn({ jobId, code: 'CLAIM_LOST' }, 'claim had run out and was taken over by another instance');
  }

  private renewWhileHolding(): void {
    if (this.held.size === 0 || this.renewTimer !== undefined) return;
    this.renewTimer = setInterval(() => void this.renewLeases(), this.renewEveryMs);
    this.renewTimer.unref();
  }

  private async renewLeases(): Promise<void> {
    if (this.held.size === 0) {
      this.close();
      return;
    }
    const ids = [...this.held];
    try {
      const { rows } = await this.pool.query<{ id: string }>(
        `UPDATE outbox_jobs SET claim_expires_at = now() + make_interval(secs => $3)
         WHERE id = ANY($1::text[]) AND claimed_by = $2 AND status = 'queued' RETURNING id`,
        [ids, this.claimant, this.leaseSeconds],
      );
      const renewed = new Set(rows.map((row) => row.id));
      for (const id of ids) {
        if (!renewed.has(id) && this.held.delete(id)) {
          this.logger.warn({ jobId: id, code: 'CLAIM_LOST' }, 'claim had run out and was taken over by another instance');
        }
      }
    } catch (error) {
      // The database is unreachable: the next tick tries again; the lease is long enough for a few.
      this.logger.error({ code: errorCode(error) }, 'could not renew outbox claims');
    }
  }

  /** The claimed row as a job; a row that fails validation is set aside with an alert instead. */
  private async validClaimedJob(row: JobRow): Promise<OutboxJob | undefined> {
    const candidate = {
      id: row.id,
      attempts: row.attempts,
      queuedAt: row.queued_at.toISOString(),
      nextAttemptAt: row.next_attempt_at.toISOString(),
      ...(row.last_error === null ? {} : { lastError: row.last_error }),
      data: row.data,
    };
    const result = outboxJobSchema.safeParse(candidate);
    if (result.success) return result.data;

    const problem = result.error.issues.map((issue) => `${issue.path.join('.') || '(row)'}: ${issue.message}`).slice(0, 5).join('; ');
    await this.finishClaim(row.id, `status = 'corrupt', dead_at = $3, dead_reason = $4`, [this.clock(), singleLine(`invalid job: ${problem}`, 2000)]);
    const safeId = singleLine(row.id, 100).replace(/[^A-Za-z0-9._-]/g, '_');
    this.logger.error({ file: `outbox_jobs/${safeId}`, code: 'SPOOL_CORRUPT' }, 'invalid outbox row set aside (status corrupt)');
    try {
      await this.enqueueAlert(`corrupt-${safeId}`, {
        type: 'corrupt-file',
        fileName: `outbox_jobs row ${safeId}`,
        movedTo: `outbox_jobs row ${safeId}, status 'corrupt'`,
        problem: `the stored job does not hold a valid job (${problem})`,
        content: JSON.stringify(candidate, null, 2).slice(0, 200_000),
        at: this.clock().toISOString(),
      });
    } catch {
      this.logger.error({ file: `outbox_jobs/${safeId}`, code: 'ALERT_NOT_QUEUED' }, 'could not queue the alert for an invalid outbox row');
    }
    return undefined;
  }
}
