import { pino } from 'pino';

/**
 * What delivery may log: identifiers and error codes only. The field list is closed on purpose:
 * names, phone numbers, email addresses and anything a patient typed have no place to go.
 */
export interface LogFields {
  jobId?: string;
  reference?: string;
  clinicId?: string;
  kind?: string;
  /** An error code such as "ESOCKET" or "EENVELOPE 550", never the server's response text. */
  code?: string;
  attempts?: number;
  retryAt?: string;
  /** A spool file name (job id based, no patient data). */
  file?: string;
  count?: number;
}

/** The part of a pino logger that delivery uses. */
export interface DeliveryLogger {
  info(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
}

export function defaultDeliveryLogger(): DeliveryLogger {
  return pino({ name: 'delivery' });
}
