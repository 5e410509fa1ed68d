import { randomInt } from 'node:crypto';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { isEmailAddress } from './delivery/addresses.js';

/**
 * An appointment request as the bot hands it to delivery, and as the outbox stores it. The schema
 * is applied again whenever a request is read back from storage: the spool trusts nothing.
 *
 * Patient-typed text is accepted as typed (within length limits) so that an odd character never
 * loses a request; the email composers clean every value before it goes into a message.
 */

/** Reference characters: digits and capitals without 0/O, 1/I/L, so it reads out unambiguously. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const REFERENCE_PATTERN = new RegExp(`^FF-[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{4}$`);

/**
 * A new random reference such as "FF-7K3M-9QX2" (31^8 ≈ 8.5e11 possibilities). The outbox refuses
 * a reference it already holds, so a caller that hits the rare collision draws a new one.
 */
export function newReference(): string {
  const pick = (): string => REFERENCE_ALPHABET.charAt(randomInt(REFERENCE_ALPHABET.length));
  const group = (): string => pick() + pick() + pick() + pick();
  return `FF-${group()}-${group()}`;
}

export function isReference(value: string): boolean {
  return REFERENCE_PATTERN.test(value);
}

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const clinicId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens');

/** One appointment request, as confirmed by the visitor. */
export interface AppointmentRequest {
  /** Human-friendly and unique, e.g. "FF-7K3M-9QX2". */
  reference: string;
  clinicId: string;
  /** ISO-8601 UTC, e.g. "2026-11-24T04:42:00.000Z". */
  receivedAt: string;
  patient: {
    name: string;
    /** As the visitor should see it, e.g. "(301) 555-0123". */
    phone: string;
    /** As typed; delivery uses it only when it is exactly one valid address. */
    email?: string | undefined;
  };
  preferredTimes: string;
  reason?: string | undefined;
  screening: Array<{ question: string; answer: 'yes' | 'no' }>;
  /** Empty when the visitor reported none. */
  redFlags: RedFlag[];
  consentToContact: true;
  /** Where the request came from, e.g. "webchat". */
  channel?: string | undefined;
}

export interface RedFlag {
  id: string;
  label: string;
  level: 'emergency' | 'urgent';
}

export const appointmentRequestSchema: z.ZodType<AppointmentRequest> = z.strictObject({
  reference: z.string().regex(REFERENCE_PATTERN, 'must look like FF-7K3M-9QX2'),
  clinicId,
  receivedAt: z.iso.datetime({ message: 'must be an ISO-8601 UTC time, e.g. 2026-11-24T04:42:00Z' }),
  patient: z.strictObject({
    name: text(200),
    phone: text(50),
    email: z.string().trim().max(320).optional(),
  }),
  preferredTimes: text(2000),
  reason: z.string().trim().max(10_000).optional(),
  screening: z
    .array(z.strictObject({ question: text(500), answer: z.enum(['yes', 'no']) }))
    .max(50),
  redFlags: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, 'must be a short identifier'),
        label: text(200),
        level: z.enum(['emergency', 'urgent']),
      }),
    )
    .max(50),
  consentToContact: z.literal(true, { message: 'a request is only accepted with consent to be contacted' }),
  channel: z.string().regex(/^[A-Za-z0-9_.-]{1,50}$/, 'must be a short channel name').optional(),
});

/**
 * What delivery needs to know of a clinic. The clinics module's own Clinic type satisfies it
 * structurally; delivery copies these fields into each job so that a queued message is sent as
 * it was composed even if the clinics file changes meanwhile.
 */
export interface ClinicContact {
  id: string;
  name: string;
  town: string;
  phone: string;
  staffEmail: string;
  timeZone: string;
}

export const clinicContactSchema: z.ZodType<ClinicContact> = z.object({
  id: clinicId,
  name: text(200),
  town: text(200),
  phone: text(50),
  staffEmail: z.string().refine(isEmailAddress, 'must be exactly one email address'),
  timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone, e.g. America/New_York'),
});

/** Just the ClinicContact fields of a (possibly larger) clinic object. */
export function clinicContactOf(clinic: ClinicContact): ClinicContact {
  const { id, name, town, phone, staffEmail, timeZone } = clinic;
  return { id, name, town, phone, staffEmail, timeZone };
}
