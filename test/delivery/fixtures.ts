import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newReference, type AppointmentRequest, type ClinicContact } from '../../scheduling/appointmentRequest.js';
import type { DeliveryLogger, LogFields } from '../../scheduling/delivery/log.js';

export const bowie: ClinicContact = {
  id: 'bowie',
  name: 'Forever Fit Bowie',
  town: 'Bowie',
  phone: '+1-301-555-0104',
  staffEmail: 'bowie@clinic.example',
  timeZone: 'America/New_York',
};

export const frederick: ClinicContact = {
  id: 'frederick',
  name: 'Forever Fit Frederick',
  town: 'Frederick',
  phone: '+1-301-555-0100',
  staffEmail: 'frederick@clinic.example',
  timeZone: 'America/New_York',
};

export const ALERT_INBOX = 'alerts@clinic.example';
export const FOLLOW_UP = 'tomorrow at 7:00 AM';

type RequestOverrides = Omit<Partial<AppointmentRequest>, 'patient'> & { patient?: Partial<AppointmentRequest['patient']> };

/** A complete, valid request for Bowie with a fresh reference; override any part. */
export function sampleRequest(overrides: RequestOverrides = {}): AppointmentRequest {
  const { patient, ...rest } = overrides;
  return {
    reference: newReference(),
    clinicId: 'bowie',
    // 11:42 PM on Monday Nov 23, 2026 in Bowie (EST, UTC-5)
    receivedAt: '2026-11-24T04:42:00.000Z',
    preferredTimes: 'Weekday mornings before 10',
    reason: 'Sciatica down my left leg for three weeks',
    screening: [
      { question: 'Do you have new numbness in the groin or inner thighs?', answer: 'no' },
      { question: 'Have you had a fever with this back pain?', answer: 'no' },
    ],
    redFlags: [],
    consentToContact: true,
    channel: 'webchat',
    ...rest,
    patient: { name: 'Dana Whitfield', phone: '(301) 555-0187', email: 'dana.whitfield@example.com', ...patient },
  };
}

export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'delivery-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A logger that keeps every line, to check what was logged (and that no patient data was). */
export class CapturingLogger implements DeliveryLogger {
  readonly lines: Array<{ level: string; fields: LogFields; message: string }> = [];
  info(fields: LogFields, message: string): void {
    this.lines.push({ level: 'info', fields, message });
  }
  warn(fields: LogFields, message: string): void {
    this.lines.push({ level: 'warn', fields, message });
  }
  error(fields: LogFields, message: string): void {
    this.lines.push({ level: 'error', fields, message });
  }
  /** Everything logged, as one string. */
  dump(): string {
    return this.lines.map((line) => `${line.level} ${line.message} ${JSON.stringify(line.fields)}`).join('\n');
  }
}
