import { DateTime } from 'luxon';
import type { Mailbox } from './addresses.js';

/** A message ready for a MailTransport: recipients come only from configuration or validation. */
export interface ComposedEmail {
  /** Stable per request and message kind, so a resend is recognizable as the same message. */
  messageId: string;
  to: Mailbox;
  replyTo?: Mailbox | undefined;
  subject: string;
  text: string;
  html: string;
  /** Extra headers with machine-readable facts (never patient text). */
  headers: Record<string, string>;
  attachments?: Array<{ filename: string; content: string }> | undefined;
}

const MESSAGE_ID_DOMAIN = 'bot.local';

/**
 * e.g. `<FF-7K3M-9QX2.staff@bot.local>` for (reference, message kind): the same on every attempt,
 * so a resent duplicate is recognizable as such.
 */
export function messageIdFor(reference: string, kind: string): string {
  return `<${reference}.${kind}@${MESSAGE_ID_DOMAIN}>`;
}

export const REFERENCE_HEADER = 'X-Appointment-Reference';

/**
 * A UTC timestamp as staff read it in the clinic's own zone, e.g. "Mon, Nov 23, 2026, 11:42 PM EST".
 * An unknown zone falls back to UTC rather than failing the message.
 */
export function formatInZone(isoUtc: string, timeZone: string): string {
  const utc = DateTime.fromISO(isoUtc, { zone: 'utc' });
  if (!utc.isValid) return isoUtc;
  const local = utc.setZone(timeZone);
  const shown = local.isValid ? local : utc;
  return shown.setLocale('en-US').toFormat('ccc, LLL d, yyyy, h:mm a ZZZZ');
}

/** A simple, readable HTML page around already-escaped body content. */
export function htmlPage(escapedTitle: string, bodyHtml: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapedTitle}</title></head>`,
    '<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.4; color: #111;">',
    bodyHtml,
    '</body></html>',
  ].join('\n');
}
