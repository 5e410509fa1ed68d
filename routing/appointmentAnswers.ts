import { parseYesNo } from './yesNo.js';

/**
 * Reads the short answers of an appointment request that are not contact details: skipping an
 * optional question, confirming the summary, and choosing what to change.
 */

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const SKIP = /^(skip|skip it|skip this|skip that|pass|none|no|nope|n a|na|no thanks|no thank you|not now|rather not|i'?d rather not|i don'?t have (one|an email|email)|don'?t have (one|an email|email)|no email|prefer not to say|leave it out|nothing)$/;

/** "skip", "no", "I don't have one" → true. */
export function isSkip(text: string): boolean {
  return SKIP.test(normalize(text));
}

export type DraftFieldName = 'clinicId' | 'name' | 'phone' | 'email' | 'preferredTimes' | 'reason';

const FIELD_WORDS: Array<[DraftFieldName, RegExp]> = [
  ['clinicId', /\b(clinic|location|office|place|site|town)\b/],
  ['phone', /\b(phone|number|cell|mobile|telephone)\b/],
  ['email', /\b(e ?mail|address)\b/],
  ['preferredTimes', /\b(time|times|day|days|date|when|preferred|schedule|availability|morning|afternoon|evening)\b/],
  ['reason', /\b(reason|why|problem|symptoms?|help with)\b/],
  ['name', /\bname\b/],
];

/** Which part of the request the visitor wants to change ("the phone number", "Preferred times"). */
export function parseFieldChoice(text: string): DraftFieldName | undefined {
  const normalized = normalize(text);
  const found = FIELD_WORDS.filter(([, pattern]) => pattern.test(normalized)).map(([field]) => field);
  return found.length === 1 ? found[0] : undefined;
}

export type Confirmation = { action: 'send' } | { action: 'change'; field?: DraftFieldName };

const SEND = /^(send|send it|send request|send the request|submit|confirm|confirmed|looks good|look good|all good|that'?s (right|correct)|correct|go ahead|yes send|yes please send|please send|send please|ok send)\b/;
const CHANGE = /\b(change|edit|fix|correct|update|wrong|mistake|not right)\b/;

/** The answer to the summary: send it, or change something (perhaps naming what). */
export function parseConfirmation(text: string): Confirmation | undefined {
  const normalized = normalize(text);
  if (CHANGE.test(normalized) && !/^(correct|that'?s correct)$/.test(normalized)) {
    const field = parseFieldChoice(normalized.replace(CHANGE, ' '));
    return field ? { action: 'change', field } : { action: 'change' };
  }
  if (SEND.test(normalized) || parseYesNo(normalized) === 'yes') return { action: 'send' };
  if (parseYesNo(normalized) === 'no') return { action: 'change' };
  return undefined;
}
