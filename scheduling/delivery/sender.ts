import { mailbox, type Mailbox } from './addresses.js';
import { composeAlertEmail } from './alertEmail.js';
import type { ComposedEmail } from './email.js';
import { classifyFailure, recipientRejected, type DeliveryFailure } from './failures.js';
import { defaultDeliveryLogger, type DeliveryLogger, type LogFields } from './log.js';
import type { MailTransport } from './mailTransport.js';
import { jobSubject, type JobKind, type Outbox, type OutboxJob } from './outbox.js';
import { composePatientConfirmation } from './patientEmail.js';
import { composeStaffEmail } from './staffEmail.js';

/**
 * Takes due jobs from the outbox and hands them to the mail transport, one at a time. Transient
 * failures are retried with doubling delays for at least five days; a permanent failure, or
 * running out of time, moves the job to the dead letters and sends an alert (with the full
 * request) to the fallback inbox.
 */

export interface RetryPolicy {
  /** Wait after the first failed attempt; doubles after each further failure. */
  firstDelayMs: number;
  /** Longest wait between attempts. */
  maxDelayMs: number;
  /** A job failing this long after it was queued is given up (dead letter + alert). */
  giveUpAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  firstDelayMs: 5_000,
  maxDelayMs: 30 * 60_000,
  giveUpAfterMs: 5 * 24 * 60 * 60_000,
};

/** Wait before the next attempt after `failures` failed attempts (1 → firstDelayMs). */
export function retryDelayMs(policy: RetryPolicy, failures: number): number {
  const doublings = Math.max(0, Math.min(failures - 1, 40));
  return Math.min(policy.firstDelayMs * 2 ** doublings, policy.maxDelayMs);
}

export type JobOutcome = 'sent' | 'retry' | 'dead';

export interface SenderOptions {
  outbox: Outbox;
  transport: MailTransport;
  /** Fallback inbox for dead letters and spool trouble. Without it such failures are only logged. */
  alertEmail?: string | undefined;
  logger?: DeliveryLogger;
  clock?: () => Date;
  retry?: Partial<RetryPolicy>;
  /** Longest sleep between looks at the outbox, for jobs queued without a wake(). Default 30 s. */
  pollIntervalMs?: number;
  /** Jobs claimed at a time. Default 20. */
  batchSize?: number;
  /** Told after each attempt, e.g. to show "sent" to the visitor. */
  onOutcome?: (event: { jobId: string; kind: JobKind; reference?: string; outcome: JobOutcome }) => void;
}

export class Sender {
  private readonly outbox: Outbox;
  private readonly transport: MailTransport;
  private readonly alertInbox: Mailbox | undefined;
  private readonly logger: DeliveryLogger;
  private readonly clock: () => Date;
  private readonly retry: RetryPolicy;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly onOutcome: SenderOptions['onOutcome'];

  private loop: Promise<void> | undefined;
  private stopping = false;
  private wakeRequested = false;
  private wakeSleeper: (() => void) | undefined;
  /** After a connection failure, no new attempts before this time (unless woken). */
  private holdUntil = 0;
  /**
   * Outcomes attempted but not recorded (the outbox write failed, e.g. disk full), retried before
   * each pass. Such a job stays claimed meanwhile: never sent twice in a row, never dropped.
   */
  private readonly unrecorded = new Map<string, { job: OutboxJob; record: () => Promise<void> }>();

  constructor(options: SenderOptions) {
    this.outbox = options.outbox;
    this.transport = options.transport;
    this.logger = options.logger ?? defaultDeliveryLogger();
    this.clock = options.clock ?? (() => new Date());
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.pollIntervalMs = options.pollIntervalMs ?? 30_000;
    this.batchSize = options.batchSize ?? 20;
    this.onOutcome = options.onOutcome;
    const alertEmail = options.alertEmail?.trim() ?? '';
    this.alertInbox = alertEmail === '' ? undefined : mailbox('Appointment delivery alerts', alertEmail);
    if (alertEmail !== '' && this.alertInbox === undefined) throw new Error('alertEmail must be exactly one email address');
  }

  /** Starts delivering, beginning with whatever is already queued. Calling it twice does nothing. */
  start(): void {
    if (this.loop !== undefined) return;
    this.stopping = false;
    this.wakeRequested = false;
    this.loop = this.run();
  }

  /** Stops after the job in flight is finished; claimed jobs not yet started go back unchanged. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeSleeper?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Something was just enqueued: look at the outbox now instead of at the next timer tick. */
  wake(): void {
    this.wakeRequested = true;
    this.holdUntil = 0;
    this.wakeSleeper?.();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      this.wakeRequested = false;
      let failed = false;
      try {
        await this.deliverDueJobs();
      } catch (error) {
        // Storage trouble (disk full, permissions): keep the loop alive and try again later.
        this.logger.error({ code: errorCode(error) }, 'outbox pass failed');
        failed = true;
      }
      if (this.stopping) break;
      if (this.wakeRequested && !failed) continue;
      try {
        const wait = await this.nextWaitMs();
        // After a failed pass, pause at least as long as a first retry: no busy loop on a broken disk.
        await this.sleep(failed ? Math.max(wait, this.retry.firstDelayMs) : wait);
      } catch (error) {
        this.logger.error({ code: errorCode(error) }, 'outbox could not be read');
        await this.sleep(this.retry.firstDelayMs);
      }
    }
  }

  private async deliverDueJobs(): Promise<void> {
    for (const [jobId, pending] of this.unrecorded) {
      await pending.record();
      this.unrecorded.delete(jobId);
      this.log('info', pending.job, {}, 'outcome recorded after an earlier outbox failure');
    }
    while (!this.stopping && this.clock().getTime() >= this.holdUntil) {
      const jobs = await this.outbox.claimDue(this.clock(), this.batchSize);
      if (jobs.length === 0) return;
      for (const [index, job] of jobs.entries()) {
        if (this.stopping || this.clock().getTime() < this.holdUntil) {
          for (const rest of jobs.slice(index)) await this.outbox.release(rest.id);
          return;
        }
        await this.attempt(job);
      }
    }
  }

  private async attempt(job: OutboxJob): Promise<void> {
    let email: ComposedEmail | undefined;
    try {
      email = this.compose(job);
    } catch (error) {
      const message = error instanceof Error ? error.message : 'unknown error';
      await this.deadLetter(job, { permanent: true, connectionLevel: false, code: 'ECOMPOSE', detail: `the message could not be composed: ${message}` });
      return;
    }
    if (email === undefined) {
      // No usable recipient (a patient without a valid address, or no alert inbox configured).
      await this.settle(job, () => this.outbox.markDead(job.id, 'no valid recipient'));
      this.log('warn', job, { code: 'ENORECIPIENT' }, 'job has no valid recipient; moved to dead letters');
      this.report(job, 'dead');
      return;
    }

    let failure: DeliveryFailure | undefined;
    try {
      const result = await this.transport.send(email);
      if (result.rejected.length > 0) failure = recipientRejected(result.rejected);
    } catch (error) {
      failure = classifyFailure(error);
    }

    if (failure === undefined) {
      await this.settle(job, () => this.outbox.markSent(job.id));
      this.log('info', job, { attempts: job.attempts + 1 }, 'sent');
      this.report(job, 'sent');
    } else if (failure.permanent) {
      await this.deadLetter(job, failure);
    } else {
      await this.retryLater(job, failure);
    }
  }

  private compose(job: OutboxJob): ComposedEmail | undefined {
    const data = job.data;
    switch (data.kind) {
      case 'staff':
        return composeStaffEmail(data.request, data.clinic);
      case 'patient':
        return composePatientConfirmation(data.request, data.clinic, data.followUp);
      case 'alert':
        return this.alertInbox === undefined ? undefined : composeAlertEmail(job.id, data.alert, this.alertInbox);
    }
  }

  private async retryLater(job: OutboxJob, failure: DeliveryFailure): Promise<void> {
    const now = this.clock().getTime();
    if (now - Date.parse(job.queuedAt) >= this.retry.giveUpAfterMs) {
      const days = Math.round(this.retry.giveUpAfterMs / 86_400_000);
      await this.deadLetter(job, { ...failure, detail: `still failing after ${job.attempts + 1} attempts over ${days} days; last error ${failure.detail}` });
      return;
    }
    const retryAt = new Date(now + retryDelayMs(this.retry, job.attempts + 1));
    await this.settle(job, () => this.outbox.reschedule(job.id, retryAt, failure.code));
    // The server is unreachable: other jobs would fail the same way, so wait for this one's retry.
    if (failure.connectionLevel) this.holdUntil = retryAt.getTime();
    this.log('warn', job, { code: failure.code, attempts: job.attempts + 1, retryAt: retryAt.toISOString() }, 'delivery failed; will retry (message may have been delivered, the resend keeps its Message-ID)');
    this.report(job, 'retry');
  }

  /** Queues the alert first (durably), then marks the job dead, so a crash between never loses both. */
  private async deadLetter(job: OutboxJob, failure: DeliveryFailure): Promise<void> {
    const data = job.data;
    if (data.kind !== 'alert' && this.alertInbox === undefined) {
      this.log('error', job, { code: 'ENOALERTINBOX' }, 'no alert inbox configured: a dead letter is only in the outbox dead/ folder');
    }
    await this.settle(job, async () => {
      if (data.kind !== 'alert' && this.alertInbox !== undefined) {
        await this.outbox.enqueueAlert(`${data.request.reference}.alert-${data.kind}`, {
          type: 'dead-letter',
          failedKind: data.kind,
          request: data.request,
          clinic: data.clinic,
          failure: failure.detail,
          at: this.clock().toISOString(),
        });
      }
      await this.outbox.markDead(job.id, failure.detail);
    });
    this.log('error', job, { code: failure.code, attempts: job.attempts + 1 }, 'delivery failed for good; moved to dead letters');
    this.report(job, 'dead');
  }

  /** Records a job's outcome in the outbox, or keeps it to record later if the outbox fails now. */
  private async settle(job: OutboxJob, record: () => Promise<void>): Promise<void> {
    try {
      await record();
    } catch (error) {
      this.unrecorded.set(job.id, { job, record });
      this.log('error', job, { code: errorCode(error) }, 'could not record the outcome in the outbox; will try again');
    }
  }

  private async nextWaitMs(): Promise<number> {
    const now = this.clock().getTime();
    const nextDue = (await this.outbox.nextDueAt())?.getTime() ?? Number.POSITIVE_INFINITY;
    let wait = Math.min(Math.max(nextDue, this.holdUntil) - now, this.pollIntervalMs);
    if (this.unrecorded.size > 0) wait = Math.min(wait, this.retry.firstDelayMs);
    return Math.max(0, wait);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.wakeSleeper = done;
      if (this.wakeRequested || this.stopping) done();
    });
  }

  private log(level: 'info' | 'warn' | 'error', job: OutboxJob, extra: LogFields, message: string): void {
    this.logger[level]({ jobId: job.id, kind: job.data.kind, ...jobSubject(job), ...extra }, message);
  }

  private report(job: OutboxJob, outcome: JobOutcome): void {
    this.onOutcome?.({ jobId: job.id, kind: job.data.kind, ...jobSubject(job), outcome });
  }
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'ERROR';
}
