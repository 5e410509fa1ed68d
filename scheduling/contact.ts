import { domainToASCII } from 'node:url';
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';

/**
 * Contact details typed by a visitor. Everything here is untrusted: it ends up in an email to
 * clinic staff, so each parser returns either one clean value or a short sentence the bot can show
 * the visitor to ask again. Nothing here logs what it was given.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface UsPhone {
  /** International form for systems: "+13015550123". */
  e164: string;
  /** How people write it: "(301) 555-0123", with " ext. 12" when an extension was given. */
  display: string;
  extension?: string;
}

const PHONE_EXAMPLE = 'like 301-555-0123';

/**
 * Regions that share the +1 country code and that clinic staff can call as an ordinary domestic
 * number: the US, its territories, and Canada. Other +1 regions (the Caribbean) are billed as
 * international calls and are a classic route for call-back fraud.
 */
const CALLABLE_REGIONS: ReadonlySet<CountryCode> = new Set<CountryCode>(['US', 'PR', 'VI', 'GU', 'AS', 'MP', 'CA']);

/**
 * Finds one US phone number in what the visitor typed ("(301) 555-0123", "+1 301 555 0123",
 * "my cell is 301.555.0123"). libphonenumber-js (with its full metadata) checks the number against
 * the area codes and exchanges actually in service, which change every year as overlays open;
 * a hand-written NANP rule set would either go stale or accept numbers nobody can dial.
 */
export function parseUsPhone(text: string): Parsed<UsPhone> {
  const cleaned = removeControlCharacters(text).trim();
  if (cleaned === '') return problem(`Please type a phone number, ${PHONE_EXAMPLE}.`);
  if (cleaned.length > 200) return problem(`Please type just the phone number, ${PHONE_EXAMPLE}.`);

  const found = findPhoneNumbersInText(cleaned, { defaultCountry: 'US' });
  const distinct = new Map(found.map(({ number }) => [number.number + (number.ext ?? ''), number]));
  if (distinct.size > 1) return problem(`Please give just one phone number, ${PHONE_EXAMPLE}.`);
  const [phone] = distinct.values();
  if (!phone) {
    const spelledWithLetters = cleaned.split(/\s+/).some((word) => /\d/.test(word) && /[a-z]/i.test(word) && !/^(?:ext|x)\.?\d+$/i.test(word));
    if (spelledWithLetters) {
      return problem(`Please type the phone number with digits only, ${PHONE_EXAMPLE}.`);
    }
    return problem(`That doesn't look like a US phone number — please include the area code, ${PHONE_EXAMPLE}.`);
  }
  if (phone.countryCallingCode !== '1' || !phone.country || !CALLABLE_REGIONS.has(phone.country)) {
    return problem(`We can only call US phone numbers — please give one with its area code, ${PHONE_EXAMPLE}.`);
  }
  if (phone.getType() === 'PREMIUM_RATE') {
    return problem(`That number can't take our calls — please give a home, work or cell number, ${PHONE_EXAMPLE}.`);
  }
  const digits = phone.nationalNumber;
  const display = `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
  if (!phone.ext) return { ok: true, value: { e164: phone.number, display } };
  return { ok: true, value: { e164: phone.number, display: `${display} ext. ${phone.ext}`, extension: phone.ext } };
}

const EMAIL_EXAMPLE = 'like name@example.com';
const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

/** RFC 5322 "dot-atom": the ordinary form of the part before the @ (no quoted strings). */
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const TOP_LEVEL_DOMAIN = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;
/** Phone keyboards make these: ".con", ".cmo"… are not top-level domains. */
const MISTYPED_COM = new Set(['con', 'cmo', 'ocm', 'vom', 'xom', 'comm', 'coom']);

/**
 * A lead-in some people type before the address ("my email is …", "email: …"). Only this exact
 * kind of prefix is removed; anything else around the address makes it invalid.
 */
const EMAIL_LEAD_IN = /^(?:(?:(?:my|the)\s+)?(?:e-?mail(?:\s+address)?|address)(?:\s+is\s+|\s*:\s*|\s+)|it(?:['’]s|\s+is)\s+)/i;

/**
 * One plain email address ("name@example.com") from what the visitor typed, or a problem. A
 * display name, angle brackets, a list, spaces or line breaks are refused rather than cleaned up:
 * such text is how extra recipients get smuggled into mail headers.
 */
export function parseEmail(text: string): Parsed<string> {
  let candidate = text.trim();
  if (candidate === '') return problem(`Please type an email address, ${EMAIL_EXAMPLE}.`);
  candidate = candidate.replace(EMAIL_LEAD_IN, '').replace(/\.$/, '');
  return checkEmailAddress(candidate);
}

/** The strict check behind parseEmail, also used for staff addresses in the clinics file. */
export function checkEmailAddress(candidate: string): Parsed<string> {
  const atCount = candidate.split('@').length - 1;
  if (/[\u0000-\u001f\u007f]/.test(candidate)) return problem(`Please type the email address on one line, ${EMAIL_EXAMPLE}.`);
  if (atCount > 1 || /[,;]/.test(candidate)) return problem(`Please give just one email address, ${EMAIL_EXAMPLE}.`);
  if (/[<>"]/.test(candidate)) return problem(`Please type just the email address itself, ${EMAIL_EXAMPLE}.`);
  if (/\s/.test(candidate)) return problem(`An email address has no spaces — please type it ${EMAIL_EXAMPLE}.`);
  if (atCount === 0) return problem(`That doesn't look like an email address — it needs an @, ${EMAIL_EXAMPLE}.`);
  if (candidate.length > MAX_EMAIL_LENGTH) return problem(`That email address is too long — please check it.`);

  const at = candidate.lastIndexOf('@');
  const localPart = candidate.slice(0, at);
  const domain = toAsciiDomain(candidate.slice(at + 1));
  const invalid = problem(`That doesn't look like an email address — please check it, ${EMAIL_EXAMPLE}.`);
  if (localPart.length === 0 || localPart.length > MAX_LOCAL_PART_LENGTH || !LOCAL_PART.test(localPart)) return invalid;
  if (domain === undefined) return invalid;
  const labels = domain.split('.');
  const topLevel = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label)) || !TOP_LEVEL_DOMAIN.test(topLevel)) {
    return invalid;
  }
  if (MISTYPED_COM.has(topLevel)) {
    return problem(`Please check the end of the address — did you mean ".com"?`);
  }
  const address = `${localPart}@${domain}`;
  if (address.length > MAX_EMAIL_LENGTH) return problem(`That email address is too long — please check it.`);
  return { ok: true, value: address };
}

/** Lower-cases the domain and turns an international one ("müller.de") into its ASCII form. */
function toAsciiDomain(domain: string): string | undefined {
  if (domain === '' || domain.length > 253) return undefined;
  const ascii = /^[\x20-\x7e]*$/.test(domain) ? domain.toLowerCase() : domainToASCII(domain);
  return ascii === '' ? undefined : ascii;
}

const MAX_NAME_LENGTH = 100;
/** Letters (any script) with their accents, spaces, apostrophes, hyphens, periods and commas. */
const NAME_CHARACTERS = /^[\p{L}\p{M}\s'’‘.,\-‐]+$/u;
/** "my name is Ana", "I'm Ana", "name: Ana", "this is Ana" → "Ana". */
const NAME_LEAD_IN = /^(?:(?:my\s+)?(?:full\s+)?name(?:\s+is\s+|\s*:\s*)|(?:i['’]?m|i\s+am|this\s+is|it['’]s)\s+)/i;

/** A person's name as typed, tidied ("  zoë   O'Neil-Smith Jr. " → "zoë O'Neil-Smith Jr."). */
export function cleanPersonName(text: string): Parsed<string> {
  const name = collapseWhitespace(removeControlCharacters(text.normalize('NFC')))
    .replace(NAME_LEAD_IN, '')
    .replace(/^["'“”]+|["'“”]+$/g, '')
    .trim();
  if (name === '') return problem('Please type your name.');
  if (/[<>]/.test(name)) return problem('Please type just your name, without < or > signs.');
  if (/@|https?:|www\.|\.(?:com|net|org)\b/i.test(name)) return problem('Please type just your name here, not an email or web address.');
  if (/^[\d\s()+.-]+$/.test(name) && /\d/.test(name)) return problem("That looks like a number — please type your name, like Maria Lopez.");
  if (name.length > MAX_NAME_LENGTH) return problem(`Please keep your name under ${MAX_NAME_LENGTH} characters.`);
  if (!NAME_CHARACTERS.test(name) || !/\p{L}/u.test(name)) {
    return problem('Please type just your name, using letters, like Maria Lopez.');
  }
  return { ok: true, value: name };
}

/**
 * Free text (a reason for the visit, a note) made safe to store and show: control characters and
 * bidirectional-override characters removed, whitespace collapsed to single spaces, and cut at a
 * word boundary with "…" when longer than maxLength (the result never exceeds maxLength).
 */
export function cleanFreeText(text: string, maxLength: number): string {
  const clean = collapseWhitespace(removeControlCharacters(text.normalize('NFC'))).trim();
  if (clean.length <= maxLength) return clean;
  if (maxLength <= 1) return clean.slice(0, Math.max(0, maxLength));
  const room = clean.slice(0, maxLength - 1);
  const lastSpace = room.lastIndexOf(' ');
  const cut = lastSpace > maxLength / 2 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,;:.-]+$/, '')}…`;
}

/**
 * Line breaks and tabs become spaces; other control characters and the invisible characters that
 * reorder text on screen (bidi overrides, used to disguise content) are dropped.
 */
function removeControlCharacters(text: string): string {
  return text
    .replace(/[\r\n\t\v\f\u0085\u2028\u2029]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '');
}

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ');
}

function problem(sentence: string): { ok: false; problem: string } {
  return { ok: false, problem: sentence };
}
