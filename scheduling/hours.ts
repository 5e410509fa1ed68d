import { DateTime } from 'luxon';
import { parseOpeningInterval, WEEKDAYS, type Clinic, type OpeningInterval, type Weekday } from './clinics.js';
import { parseUsPhone } from './contact.js';

/**
 * Opening hours, always in the clinic's own time zone whatever the server's zone is. The clinics
 * file gives wall-clock intervals per weekday; each is placed on real calendar dates with luxon,
 * so the day daylight saving starts or ends still opens at 7:00 local time.
 */

/** How far ahead to look for the next opening before telling visitors to call instead. */
export const LOOKAHEAD_DAYS = 60;
/** A clinic closing sooner than this will not follow up "today": staff are wrapping up. */
const CLOSING_SOON_MINUTES = 30;

export interface OpeningStatus {
  openNow: boolean;
  /** While open: when the current opening ends (back-to-back intervals count as one). */
  closesAt?: DateTime;
  /** The next time the clinic opens after now (after the current opening when open now). */
  nextOpening?: DateTime;
}

export interface FollowUp {
  openNow: boolean;
  /** When staff can act on a request; undefined when the clinic has no opening in LOOKAHEAD_DAYS. */
  at: DateTime | undefined;
  /**
   * Fits "Staff will contact you ___.": "today", "later today at 1:00 PM", "tomorrow at 7:00 AM",
   * "Monday at 8:00 AM", "on Friday, January 2 at 7:00 AM", or a sentence part telling to call.
   */
  phrase: string;
}

interface OpenSpan {
  start: DateTime;
  end: DateTime;
}

export function openingStatus(clinic: Clinic, now: Date): OpeningStatus {
  const local = localTime(clinic, now);
  const at = local.toMillis();
  const status: OpeningStatus = { openNow: false };
  for (const span of openSpans(clinic, local)) {
    if (span.end.toMillis() <= at) continue;
    if (span.start.toMillis() <= at) {
      status.openNow = true;
      status.closesAt = span.end;
      continue;
    }
    status.nextOpening = span.start;
    break;
  }
  return status;
}

export function followUpTime(clinic: Clinic, now: Date): FollowUp {
  const local = localTime(clinic, now);
  const status = openingStatus(clinic, now);
  if (status.closesAt && status.closesAt.diff(local, 'minutes').minutes > CLOSING_SOON_MINUTES) {
    return { openNow: true, at: local, phrase: 'today' };
  }
  if (!status.nextOpening) {
    return { openNow: status.openNow, at: undefined, phrase: `when the clinic reopens (to reach someone sooner, call ${phoneForVisitors(clinic)})` };
  }
  return { openNow: status.openNow, at: status.nextOpening, phrase: relativeTime(local, status.nextOpening) };
}

/** "Forever Fit Bowie is open now, until 7:00 PM." / "Forever Fit Bowie is closed now; it opens tomorrow at 7:00 AM." */
export function openStatusSentence(clinic: Clinic, now: Date): string {
  const local = localTime(clinic, now);
  const status = openingStatus(clinic, now);
  if (status.closesAt) return `${clinic.name} is open now, until ${untilPhrase(local, status.closesAt)}.`;
  if (status.nextOpening) return `${clinic.name} is closed now; it opens ${relativeTime(local, status.nextOpening)}.`;
  return `${clinic.name} is closed now; please call ${phoneForVisitors(clinic)} to ask when it reopens.`;
}

const DAY_LABELS: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** The regular week, consecutive days with the same hours grouped: ["Mon–Thu: 7:00 AM – 7:00 PM", "Sat–Sun: closed"]. */
export function weeklyHoursLines(clinic: Clinic): string[] {
  const lines: Array<{ first: Weekday; last: Weekday; hours: string }> = [];
  for (const day of WEEKDAYS) {
    const intervals = dayIntervals(clinic, day);
    const hours = intervals.length === 0 ? 'closed' : intervals.map(describeInterval).join(', ');
    const previous = lines[lines.length - 1];
    if (previous && previous.hours === hours) previous.last = day;
    else lines.push({ first: day, last: day, hours });
  }
  return lines.map(({ first, last, hours }) => {
    const days = first === last ? DAY_LABELS[first] : `${DAY_LABELS[first]}–${DAY_LABELS[last]}`;
    return `${days}: ${hours}`;
  });
}

function localTime(clinic: Clinic, now: Date): DateTime {
  return DateTime.fromJSDate(now, { zone: clinic.timeZone });
}

/** The day's intervals in order of opening. */
function dayIntervals(clinic: Clinic, day: Weekday): OpeningInterval[] {
  return clinic.hours[day]
    .map(parseOpeningInterval)
    .filter((interval): interval is OpeningInterval => interval !== undefined)
    .sort((a, b) => a.startMinute - b.startMinute);
}

/**
 * Every opening from the start of today (local) through LOOKAHEAD_DAYS, skipping closed dates, in
 * order. Intervals that touch (Mon "20:00-24:00" then Tue "00:00-06:00") are merged into one span.
 * A span is yielded once the next interval does not touch it, so its end is final. Lazy: the
 * caller usually needs today's and the next opening, and placing 60 days of intervals in a time
 * zone took 3 ms per clinic (an hours question names five clinics).
 */
function* openSpans(clinic: Clinic, local: DateTime): Generator<OpenSpan> {
  const closedDates = new Set(clinic.closed);
  const today = local.startOf('day');
  let pending: OpenSpan | undefined;
  for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset++) {
    const date = today.plus({ days: offset });
    if (closedDates.has(date.toISODate() ?? '')) continue;
    const weekday = WEEKDAYS[date.weekday - 1];
    if (!weekday) continue;
    for (const interval of dayIntervals(clinic, weekday)) {
      const start = atMinuteOfDay(date, interval.startMinute);
      const end = atMinuteOfDay(date, interval.endMinute);
      if (pending && start.toMillis() <= pending.end.toMillis()) {
        if (end.toMillis() > pending.end.toMillis()) pending.end = end;
      } else {
        if (pending) yield pending;
        pending = { start, end };
      }
    }
  }
  if (pending) yield pending;
}

/** Wall-clock time on a local date; minute 1440 ("24:00") is the next day's midnight. */
function atMinuteOfDay(date: DateTime, minute: number): DateTime {
  if (minute >= 24 * 60) return date.plus({ days: 1 }).startOf('day');
  return date.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 });
}

/** "later today at 1:00 PM", "tomorrow at 7:00 AM", "Monday at 8:00 AM", "on Friday, January 2 at 7:00 AM". */
function relativeTime(local: DateTime, target: DateTime): string {
  const days = calendarDaysBetween(local, target);
  const time = clockTime(target);
  if (days <= 0) return `later today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  if (days <= 6) return `${weekdayName(target)} at ${time}`;
  return `on ${weekdayName(target)}, ${target.setLocale('en-US').toFormat('LLLL d')} at ${time}`;
}

/** "7:00 PM" today, "midnight" at the end of today, otherwise like relativeTime. */
function untilPhrase(local: DateTime, closesAt: DateTime): string {
  const days = calendarDaysBetween(local, closesAt);
  if (days === 0) return clockTime(closesAt);
  if (days === 1 && closesAt.hour === 0 && closesAt.minute === 0) return 'midnight';
  return relativeTime(local, closesAt).replace(/^on /, '');
}

function calendarDaysBetween(from: DateTime, to: DateTime): number {
  return Math.round(to.startOf('day').diff(from.startOf('day'), 'days').days);
}

function weekdayName(date: DateTime): string {
  return date.setLocale('en-US').toFormat('cccc');
}

function clockTime(date: DateTime): string {
  return formatClock(date.hour * 60 + date.minute);
}

function describeInterval(interval: OpeningInterval): string {
  const end = interval.endMinute >= 24 * 60 ? 'midnight' : formatClock(interval.endMinute);
  return `${formatClock(interval.startMinute)} – ${end}`;
}

/** 420 → "7:00 AM", 780 → "1:00 PM", 0 → "12:00 AM"; independent of the server's locale. */
function formatClock(minuteOfDay: number): string {
  const hour24 = Math.floor(minuteOfDay / 60) % 24;
  const minute = minuteOfDay % 60;
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  return `${hour12}:${String(minute).padStart(2, '0')} ${hour24 < 12 ? 'AM' : 'PM'}`;
}

function phoneForVisitors(clinic: Clinic): string {
  const phone = parseUsPhone(clinic.phone);
  return phone.ok ? phone.value.display : clinic.phone;
}
