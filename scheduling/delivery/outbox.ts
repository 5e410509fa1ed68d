import { z } from 'zod';
import {
  appointmentRequestSchema,
  clinicContactOf,
  clinicContactSchema,
  type AppointmentRequest,
  type ClinicContact,
} from '../appointmentRequest.js';
import { parseEmailAddress } from './addresses.js';
import { singleLine } from './text.js';

/**
 * The durable queue between the bot (which enqueues) and the Sender (which delivers). Each
 * request becomes one job per message, so a failure of one message never resends another.
 *
 * Implementations: FileSpool (embedded, one process) and, later, a PostgreSQL table shared by
 * several instances. Both must hold to the contract written on each method. For PostgreSQL the
 * intended mapping is one row per job (id primary key, status, attempts, queued_at,
 * next_attempt_at, last_error, claimed_by, claim_expires_at, data jsonb revalidated with
 * jobDataSchema on read): enqueue = one INSERT of all of a request's jobs in a transaction
 * (durable at COMMIT; a unique violation = DuplicateReferenceError); claimDue = UPDATE … SET
 * claimed_by, claim_expires_at = now() + lease WHERE id IN (SELECT id … WHERE status = 'queued'
 * AND (claimed_by IS NULL OR claim_expires_at < now()) AND next_attempt_at <= $now ORDER BY
 * next_attempt_at LIMIT $limit FOR UPDATE SKIP LOCKED) RETURNING *; the other methods are
 * single-row UPDATEs guarded by claimed_by = this instance.
 */
export interface Outbox {
  /**
   * Stores the request's messages as jobs: the staff notification, and the patient confirmation
   * when the patient gave a valid email address. Durable once the promise resolves: only then may
   * the visitor be told the request was received. Rejects with DuplicateReferenceError when the
   * reference is already held, and with a validation error when the request or clinic is invalid.
   */
  enqueue(request: AppointmentRequest, context: EnqueueContext): Promise<EnqueuedRequest>;

  /** Queues an alert for the fallback inbox. A second alert with the same id is ignored. */
  enqueueAlert(id: string, alert: Alert): Promise<void>;

  /**
   * Claims up to `limit` jobs whose next attempt time has come (earliest due first, as far as the
   * implementation cheaply can: FileSpool orders the due jobs it reads). A claimed job is
   * invisible to other claimers until it is marked sent, rescheduled, marked dead or released.
   * Claims held by a process that died return to the queue (FileSpool: when the spool is next
   * opened; PostgreSQL: when the claim's lease runs out).
   */
  claimDue(now: Date, limit: number): Promise<OutboxJob[]>;

  /** The claimed job was accepted by the mail server (or written as an .eml file). */
  markSent(jobId: string): Promise<void>;

  /** The claimed job failed for now: count the attempt and try again at `nextAttemptAt`. */
  reschedule(jobId: string, nextAttemptAt: Date, lastError: string): Promise<void>;

  /** The claimed job will never be delivered: keep it, with the reason, for a person to act on. */
  markDead(jobId: string, reason: string): Promise<void>;

  /** Gives a claimed job back untouched (no attempt counted), e.g. when the Sender stops. */
  release(jobId: string): Promise<void>;

  /** When the earliest queued job is due, or undefined when nothing is queued. */
  nextDueAt(): Promise<Date | undefined>;

  counts(): Promise<OutboxCounts>;

  /** Deletes sent jobs older than `olderThan` (they hold patient data); returns how many. */
  purge(olderThan: Date): Promise<number>;
}

export interface EnqueueContext {
  /** The clinic the request is for; its contact details are copied into the jobs. */
  clinic: ClinicContact;
  /** When staff will call, for the patient confirmation, e.g. "tomorrow at 7:00 AM". */
  followUp: string;
}

export interface EnqueuedRequest {
  reference: string;
  jobIds: string[];
}

export interface OutboxCounts {
  /** Waiting for their first or next attempt. */
  queued: number;
  /** Claimed by a sender right now. */
  inFlight: number;
  sent: number;
  dead: number;
  /** Unreadable files set aside (FileSpool only). */
  corrupt: number;
}

export class DuplicateReferenceError extends Error {
  constructor(readonly reference: string) {
    super(`the outbox already holds a request with reference ${reference}`);
    this.name = 'DuplicateReferenceError';
  }
}

const isoTime = z.iso.datetime();

export const alertSchema = z.discriminatedUnion('type', [
  z.strictObject({
    /** A staff notification or patient confirmation failed for good. */
    type: z.literal('dead-letter'),
    failedKind: z.enum(['staff', 'patient']),
    request: appointmentRequestSchema,
    clinic: clinicContactSchema,
    /** What went wrong, for a person (may quote the mail server's reply). */
    failure: z.string().max(2000),
    at: isoTime,
  }),
  z.strictObject({
    /** A spool file could not be read and was moved aside. */
    type: z.literal('corrupt-file'),
    fileName: z.string().max(300),
    movedTo: z.string().max(2000),
    problem: z.string().max(2000),
    /** As much of the file as could be read, for a person to recover the request by hand. */
    content: z.string().max(200_000),
    at: isoTime,
  }),
]);
export type Alert = z.infer<typeof alertSchema>;

/** What a job delivers; each kind carries everything needed to compose its message again. */
export const jobDataSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('staff'), request: appointmentRequestSchema, clinic: clinicContactSchema }),
  z.strictObject({
    kind: z.literal('patient'),
    request: appointmentRequestSchema,
    clinic: clinicContactSchema,
    followUp: z.string().min(1).max(200),
  }),
  z.strictObject({ kind: z.literal('alert'), alert: alertSchema }),
]);
export type JobData = z.infer<typeof jobDataSchema>;
export type JobKind = JobData['kind'];

/** Job ids are also file names: letters, digits, dot, dash, underscore. */
export const JOB_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/;

export const outboxJobSchema = z.strictObject({
  id: z.string().regex(JOB_ID_PATTERN),
  /** Attempts already made (failed ones, plus the successful or final one once finished). */
  attempts: z.number().int().min(0),
  queuedAt: isoTime,
  nextAttemptAt: isoTime,
  /** Error code of the last failed attempt, e.g. "ESOCKET" or "EENVELOPE 451". */
  lastError: z.string().max(200).optional(),
  sentAt: isoTime.optional(),
  deadAt: isoTime.optional(),
  deadReason: z.string().max(2000).optional(),
  data: jobDataSchema,
});
export type OutboxJob = z.infer<typeof outboxJobSchema>;

export function jobIdFor(reference: string, kind: 'staff' | 'patient'): string {
  return `${reference}.${kind}`;
}

/** Reference and clinic a job is about, for logs (undefined for a corrupt-file alert). */
export function jobSubject(job: OutboxJob): { reference?: string; clinicId?: string } {
  const data = job.data;
  if (data.kind !== 'alert') return { reference: data.request.reference, clinicId: data.clinic.id };
  if (data.alert.type === 'dead-letter') return { reference: data.alert.request.reference, clinicId: data.alert.clinic.id };
  return {};
}

/**
 * The validated jobs for one request, in the order they should be stored: the staff
 * notification first, so a crash part-way never leaves a confirmation without a notification.
 * Shared by every Outbox implementation so the rules live in one place.
 */
export function jobsForRequest(request: AppointmentRequest, context: EnqueueContext, now: Date): OutboxJob[] {
  const checked = appointmentRequestSchema.parse(request);
  const clinic = clinicContactSchema.parse(clinicContactOf(context.clinic));
  if (clinic.id !== checked.clinicId) {
    throw new Error(`request ${checked.reference} is for clinic ${checked.clinicId} but was given clinic ${clinic.id}`);
  }
  const followUp = singleLine(context.followUp, 200);
  if (followUp === '') throw new Error('followUp must say when staff will call');

  const at = now.toISOString();
  const job = (id: string, data: JobData): OutboxJob => ({ id, attempts: 0, queuedAt: at, nextAttemptAt: at, data });
  const jobs = [job(jobIdFor(checked.reference, 'staff'), { kind: 'staff', request: checked, clinic })];
  if (parseEmailAddress(checked.patient.email ?? '') !== undefined) {
    jobs.push(job(jobIdFor(checked.reference, 'patient'), { kind: 'patient', request: checked, clinic, followUp }));
  }
  return jobs;
}

export function alertJob(id: string, alert: Alert, now: Date): OutboxJob {
  if (!JOB_ID_PATTERN.test(id)) throw new Error(`invalid alert job id: ${id}`);
  const at = now.toISOString();
  return { id, attempts: 0, queuedAt: at, nextAttemptAt: at, data: { kind: 'alert', alert: alertSchema.parse(alert) } };
}
