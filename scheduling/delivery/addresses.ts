import { singleLine } from './text.js';

/**
 * Email addresses. A patient-typed string placed in a To/Cc/Reply-To header can smuggle in extra
 * recipients ("a@x.com, b@y.com", "a@x.com\r\nBcc: evil@y.com"), so an address is accepted only
 * when the whole string is exactly one plain addr-spec, and it is handed to nodemailer as
 * `{ name, address }`, never as a raw header string.
 */

// Unquoted local part (RFC 5322 dot-atom) and a DNS domain with at least two labels. Quoted local
// parts, comments, IP literals and display names are refused: nobody types those into a chat.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * The address itself when `value` is exactly one valid email address (surrounding spaces
 * ignored), otherwise undefined.
 */
export function parseEmailAddress(value: string): string | undefined {
  const candidate = value.trim();
  if (candidate.length === 0 || candidate.length > 254) return undefined;
  const at = candidate.lastIndexOf('@');
  if (at <= 0 || at !== candidate.indexOf('@')) return undefined;
  const local = candidate.slice(0, at);
  const domain = candidate.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local)) return undefined;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return undefined;
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? '')) return undefined; // no bare IPs
  return candidate;
}

export function isEmailAddress(value: string): boolean {
  return parseEmailAddress(value) !== undefined;
}

/** A mailbox as nodemailer takes it: the name is encoded and quoted by nodemailer itself. */
export interface Mailbox {
  name: string;
  address: string;
}

/** A display name cleaned of control characters and kept short. */
export function displayName(name: string): string {
  return singleLine(name, 100);
}

/** `{ name, address }` when the address is valid, otherwise undefined. */
export function mailbox(name: string, address: string): Mailbox | undefined {
  const parsed = parseEmailAddress(address);
  return parsed === undefined ? undefined : { name: displayName(name), address: parsed };
}
