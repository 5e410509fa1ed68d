import { singleLine } from './text.js';

/**
 * Sorting a failed send into "try again later" and "will never work". Nodemailer reports
 * connection trouble as ESOCKET/ECONNECTION/ETIMEDOUT (no SMTP reply), refusals at MAIL/RCPT as
 * EENVELOPE and after DATA as EMESSAGE, each with the server's reply code.
 *
 * Only a 5xx reply to the message itself (its sender, recipient or content) is permanent.
 * Everything else is retried: connection trouble, 4xx replies, and also failures that are about
 * our own set-up rather than the message (authentication, TLS), since retrying is harmless and an
 * operator may fix the set-up. Any transient failure may have happened after the server accepted
 * the message, so it is "possibly delivered": the resend carries the same Message-ID.
 */
export interface DeliveryFailure {
  permanent: boolean;
  /** The server could not be reached or talked to at all (as opposed to refusing this message). */
  connectionLevel: boolean;
  /** For logs and job metadata: error code and reply code only, e.g. "EENVELOPE 550". */
  code: string;
  /** For the alert email (an internal inbox): the code plus the server's reply text. */
  detail: string;
}

const MESSAGE_REFUSALS = new Set(['EENVELOPE', 'EMESSAGE']);

export function classifyFailure(error: unknown): DeliveryFailure {
  const code = stringProperty(error, 'code') ?? 'ERROR';
  const responseCode = numberProperty(error, 'responseCode');
  const response = stringProperty(error, 'response');
  const summary = responseCode === undefined ? code : `${code} ${responseCode}`;
  const permanentReply = responseCode !== undefined && responseCode >= 500 && responseCode < 600 && responseCode !== 503;
  return {
    permanent: permanentReply && MESSAGE_REFUSALS.has(code),
    connectionLevel: responseCode === undefined || responseCode === 421,
    code: summary,
    detail: response === undefined ? summary : `${summary}: ${singleLine(response, 500)}`,
  };
}

/** The server accepted the transaction but refused our (single) recipient. */
export function recipientRejected(rejected: string[]): DeliveryFailure {
  return {
    permanent: true,
    connectionLevel: false,
    code: 'REJECTED',
    detail: `the mail server refused the recipient (${singleLine(rejected.join(', '), 300)})`,
  };
}

function stringProperty(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null || !(key in value)) return undefined;
  const property: unknown = Reflect.get(value, key);
  return typeof property === 'string' ? property : undefined;
}

function numberProperty(value: unknown, key: string): number | undefined {
  if (typeof value !== 'object' || value === null || !(key in value)) return undefined;
  const property: unknown = Reflect.get(value, key);
  return typeof property === 'number' && Number.isFinite(property) ? property : undefined;
}
