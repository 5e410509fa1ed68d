import { parseOpeningInterval, type Clinic, type Weekday } from './clinics.js';

/**
 * When the visitor would like to come in. Staff book the actual slot by phone, so this stays the
 * visitor's own words, tidied: a quick-reply choice, or a day/time hint taken from their first
 * message ("appointment in Bowie next week" → "next week").
 */

export const PREFERRED_TIME_CHOICES: readonly string[] = Object.freeze([
  'Weekday mornings',
  'Weekday afternoons',
  'Weekday evenings',
  'Saturday',
  'Any time',
]);

const WEEKDAYS_MON_FRI: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** The quick choices that make sense for one clinic: no "Saturday" where it never opens on Saturday, and so on. */
export function preferredTimeChoicesFor(clinic: Clinic): string[] {
  const weekdayIntervals = WEEKDAYS_MON_FRI.flatMap((day) => clinic.hours[day].map(parseOpeningInterval));
  const openBetween = (fromMinute: number, toMinute: number): boolean =>
    weekdayIntervals.some((interval) => interval !== undefined && interval.startMinute < toMinute && interval.endMinute > fromMinute);
  const offered: Record<string, boolean> = {
    'Weekday mornings': openBetween(0, 12 * 60),
    'Weekday afternoons': openBetween(12 * 60, 17 * 60),
    'Weekday evenings': openBetween(17 * 60, 24 * 60),
    Saturday: clinic.hours.sat.length > 0,
  };
  return PREFERRED_TIME_CHOICES.filter((choice) => offered[choice] ?? true);
}

export const AS_SOON_AS_POSSIBLE = 'As soon as possible';

const ASAP = /\b(?:asap|a\.s\.a\.p\.?|as soon as (?:possible|you can|you could)|soonest|earliest (?:available|possible|opening|appointment)|first (?:available|opening)|next available)\b/i;

const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Short forms that are not also everyday words (so no "sat", "sun", "wed", "mon", "may"). */
const DAY_SHORT: Record<string, string> = { tues: 'tuesday', tue: 'tuesday', weds: 'wednesday', thurs: 'thursday', thur: 'thursday', thu: 'thursday', fri: 'friday' };
const MONTH_SHORT = ['jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sept', 'sep', 'oct', 'nov', 'dec'];

const DAY = `(?:${DAY_NAMES.join('|')})s?|${Object.keys(DAY_SHORT).join('|')}`;
const MONTH = [...MONTH_NAMES, ...MONTH_SHORT].join('|');
const ORDINAL = `\\d{1,2}(?:st|nd|rd|th)?`;
const MERIDIEM = `(?:a\\.?m\\.?|p\\.?m\\.?)`;
const CLOCK_WORD = `(?:at|after|before|around|by|from|until|till)`;

/**
 * The pieces of a time preference. A "weak" piece counts only next to a strong one: "Tuesday
 * morning" is a preference, but "worse at night" or "pain 7/10" on its own describes symptoms.
 */
const PIECES: Array<{ pattern: string; weak?: boolean }> = [
  { pattern: `(?:(?:next|this|coming|early|late|later)\\s+)?(?:${DAY})` },
  { pattern: `(?:(?:early|late|later)\\s+)?(?:this|next)\\s+(?:week|weekend|month)` },
  { pattern: `(?:the\\s+)?(?:end|start|beginning)\\s+of\\s+(?:the|this|next)\\s+(?:week|month)` },
  { pattern: `weekends?|weekdays?` },
  { pattern: `(?:day\\s+after\\s+)?(?:today|tonight|tomorrow|tmrw|tmr)` },
  { pattern: `any\\s?time|any\\s+day` },
  { pattern: `in\\s+(?:a|one|two|three|a\\s+couple\\s+of|a\\s+few|\\d)\\s+(?:days?|weeks?)` },
  { pattern: `(?:${CLOCK_WORD}\\s+)?\\d{1,2}(?::\\d{2})?\\s*${MERIDIEM}` },
  { pattern: `(?:${MONTH})\\.?\\s+${ORDINAL}|(?:the\\s+)?${ORDINAL}\\s+of\\s+(?:${MONTH})` },
  { pattern: `(?:on\\s+)?the\\s+\\d{1,2}(?:st|nd|rd|th)|on\\s+\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?` },
  { pattern: `(?:(?:early|late|mid)[\\s-]?)?(?:mornings?|afternoons?|evenings?|nights?|lunch\\s?times?|lunch|midday|noon)`, weak: true },
  { pattern: `(?:before|after)\\s+(?:work|school|lunch)`, weak: true },
  { pattern: `${CLOCK_WORD}\\s+\\d{1,2}(?::\\d{2})?|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?`, weak: true },
];
/** Each piece is whole words: it starts at a word boundary and no letter or digit follows it. */
const PIECE = new RegExp(PIECES.map(({ pattern }) => `\\b(${pattern})(?![a-z0-9/:])`).join('|'), 'gi');

/** What may stand between two pieces of one preference: "Tuesday or Thursday", "next week in the afternoon". */
const JOINER = /^(?:\s|,|-|–|\/|\b(?:or|and|at|in|on|the|around|after|before|between|from|to|maybe|ideally|preferably|either|any|but|not|no)\b)*$/i;

/** A day described in the past ("since Monday", "last week", "over the weekend", "two weeks ago"). */
const PAST_BEFORE = /\b(?:since|last|over)\s+(?:the\s+)?$/i;
const PAST_AFTER = /^\s*ago\b/i;

interface Found {
  start: number;
  end: number;
  weak: boolean;
}

/** A day/time hint from a visitor's message, in their words tidied; undefined when there is none. */
export function extractTimePreference(text: string): string | undefined {
  const message = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (ASAP.test(message)) return AS_SOON_AS_POSSIBLE;

  const pieces: Found[] = [...message.matchAll(PIECE)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    weak: PIECES.some(({ weak }, i) => weak === true && match[i + 1] !== undefined),
  }));

  for (const group of groupAdjacent(message, pieces)) {
    const first = group[0];
    const last = group[group.length - 1];
    if (!first || !last || group.every((piece) => piece.weak)) continue;
    if (PAST_BEFORE.test(message.slice(0, first.start)) || PAST_AFTER.test(message.slice(last.end))) continue;
    return tidy(message.slice(first.start, last.end));
  }
  return undefined;
}

function groupAdjacent(text: string, pieces: Found[]): Found[][] {
  const groups: Found[][] = [];
  for (const piece of pieces) {
    const current = groups[groups.length - 1];
    const previous = current?.[current.length - 1];
    if (current && previous && JOINER.test(text.slice(previous.end, piece.start))) current.push(piece);
    else groups.push([piece]);
  }
  return groups;
}

/** "tuesday MORNING" → "Tuesday morning", "on 3/15" → "3/15", "5pm" → "5 PM", "anytime" → "Any time". */
function tidy(phrase: string): string {
  const words = phrase
    .toLowerCase()
    .replace(/^on\s+/, '')
    .replace(/\btmrw?\b/g, 'tomorrow')
    .replace(/\bany\s?time\b/g, 'any time')
    .replace(/\b(\d{1,2}(?::\d{2})?)\s*(a|p)\.?m\.?(?![a-z])/g, (_, time: string, meridiem: string) => `${time} ${meridiem.toUpperCase()}M`)
    .replace(/\b[a-z]+\b/g, (word) => {
      const day = DAY_SHORT[word] ?? word;
      const singular = day.replace(/s$/, '');
      if (DAY_NAMES.includes(day) || DAY_NAMES.includes(singular) || MONTH_NAMES.includes(day) || MONTH_SHORT.includes(day)) return capitalize(day);
      return word;
    });
  return words === 'any time' ? 'Any time' : words;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
