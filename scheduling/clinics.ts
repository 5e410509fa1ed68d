import { readFileSync } from 'node:fs';
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { projectPath } from '../config/paths.js';
import { checkEmailAddress, parseUsPhone } from './contact.js';

/**
 * The clinics file: where each clinic is, how to reach its staff, and when it is open. Staff edit
 * the JSON; this schema checks it at start so that a typo stops the start with a line naming the
 * clinic and the field, instead of surfacing later as a wrong "we're open" or a lost email.
 */

export const DEFAULT_CLINICS_FILE = projectPath('scheduling', 'clinics.json');

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening interval of a day, in minutes after local midnight; end may be 1440 ("24:00"). */
export interface OpeningInterval {
  startMinute: number;
  endMinute: number;
}

/** "07:00-19:00" → { startMinute: 420, endMinute: 1140 }; undefined unless HH:MM-HH:MM with start < end. */
export function parseOpeningInterval(text: string): OpeningInterval | undefined {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [startHour, startMinute, endHour, endMinute] = match.slice(1).map(Number) as [number, number, number, number];
  if (startHour > 23 || startMinute > 59 || endMinute > 59) return undefined;
  if (endHour > 24 || (endHour === 24 && endMinute !== 0)) return undefined;
  const interval = { startMinute: startHour * 60 + startMinute, endMinute: endHour * 60 + endMinute };
  return interval.startMinute < interval.endMinute ? interval : undefined;
}

const quoted = (value: unknown): string => JSON.stringify(value) ?? String(value);

const intervalText = z.string().check((ctx) => {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(ctx.value);
  if (!match) {
    ctx.issues.push({ code: 'custom', input: ctx.value, message: `${quoted(ctx.value)} is not HH:MM-HH:MM` });
  } else if (!parseOpeningInterval(ctx.value)) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: `${quoted(ctx.value)} is not a valid interval (times 00:00–24:00, opening before closing)`,
    });
  }
});

const dayHours = z.array(intervalText).check((ctx) => {
  const intervals = ctx.value
    .map((text) => ({ text, interval: parseOpeningInterval(text) }))
    .filter((entry): entry is { text: string; interval: OpeningInterval } => entry.interval !== undefined)
    .sort((a, b) => a.interval.startMinute - b.interval.startMinute);
  for (let i = 1; i < intervals.length; i++) {
    const previous = intervals[i - 1];
    const current = intervals[i];
    if (previous && current && current.interval.startMinute < previous.interval.endMinute) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `intervals ${quoted(previous.text)} and ${quoted(current.text)} overlap`,
      });
    }
  }
});

const weekHours = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((day) => [day, dayHours])) as Record<Weekday, typeof dayHours>,
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown day ${issue.keys.map(quoted).join(', ')}; use mon, tue, wed, thu, fri, sat, sun` : undefined) },
);

const isoDate = z.string().refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid, {
  error: (issue) => `${quoted(issue.input)} is not a date written YYYY-MM-DD`,
});

const phoneNumber = z.string().refine((value) => parseUsPhone(value).ok, {
  error: (issue) => `${quoted(issue.input)} is not a US phone number with area code`,
});

const emailAddress = z.string().refine((value) => checkEmailAddress(value).ok, {
  error: (issue) => `${quoted(issue.input)} is not a single valid email address`,
});

const timeZone = z.string().refine((value) => IANAZone.isValidZone(value), {
  error: (issue) => `${quoted(issue.input)} is not a time zone name like "America/New_York"`,
});

const nonEmptyText = z.string().trim().min(1, 'must not be empty');

const clinicSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens, e.g. "severna-park"'),
  /** Shown to visitors and on buttons: "Forever Fit Bowie". */
  name: nonEmptyText,
  /** The town people know the clinic by: "Bowie". */
  town: nonEmptyText,
  address: nonEmptyText,
  phone: phoneNumber,
  /** Where appointment requests for this clinic are emailed. */
  staffEmail: emailAddress,
  timeZone,
  hours: weekHours,
  /** Whole local dates the clinic is shut (holidays). */
  closed: z.array(isoDate).default([]),
  lat: z.number().min(-90, 'must be a latitude (-90 to 90)').max(90, 'must be a latitude (-90 to 90)'),
  lon: z.number().min(-180, 'must be a longitude (-180 to 180)').max(180, 'must be a longitude (-180 to 180)'),
  /** Names of fields that still hold made-up values, so a deployer sees what to replace. */
  placeholders: z.array(z.string()).default([]),
});
export type Clinic = z.infer<typeof clinicSchema>;

const groupSchema = z.object({
  /** "Forever Fit Physical Therapy" */
  name: nonEmptyText,
  /** The main line, for when no single clinic is the right one to call. */
  phone: phoneNumber.optional(),
  placeholders: z.array(z.string()).default([]),
});
export type ClinicGroup = z.infer<typeof groupSchema>;

const clinicsFileSchema = z
  .object({
    group: groupSchema.optional(),
    clinics: z.array(clinicSchema).min(1, 'lists no clinic'),
  })
  .check((ctx) => {
    const seen = new Set<string>();
    ctx.value.clinics.forEach((clinic, index) => {
      if (seen.has(clinic.id)) {
        ctx.issues.push({ code: 'custom', input: clinic.id, path: ['clinics', index, 'id'], message: `${quoted(clinic.id)} is used by two clinics` });
      }
      seen.add(clinic.id);
    });
  });

export interface ClinicDirectory {
  /** The group as a whole (name, main phone), when the file has one. */
  readonly group: ClinicGroup | undefined;
  /** Clinics in file order (the order buttons are shown in). */
  readonly clinics: readonly Clinic[];
  byId(id: string): Clinic | undefined;
}

export class ClinicsFileError extends Error {
  override name = 'ClinicsFileError';
}

/** Reads and validates a clinics file; throws a one-line ClinicsFileError naming clinic and field. */
export function loadClinics(file: string): ClinicDirectory {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `is not valid JSON (${error.message})` : `cannot be read (${errorCode(error)})`;
    throw new ClinicsFileError(`clinics file ${file}: ${reason}`);
  }
  return clinicDirectory(parseClinicsData(raw, file));
}

/** Validates already-parsed clinics data (tests build directories this way). */
export function parseClinicsData(raw: unknown, file = '(in memory)'): { group?: ClinicGroup; clinics: Clinic[] } {
  const result = clinicsFileSchema.safeParse(raw, { error: describeMissingField });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? describePath(issue.path, raw) : '';
  throw new ClinicsFileError(`clinics file ${file}: ${where}${firstLine(issue?.message ?? 'is invalid')}`);
}

export function clinicDirectory(data: { group?: ClinicGroup; clinics: Clinic[] }): ClinicDirectory {
  const byId = new Map(data.clinics.map((clinic) => [clinic.id, clinic]));
  return {
    group: data.group,
    clinics: Object.freeze([...data.clinics]),
    byId: (id) => byId.get(id),
  };
}

/** Zod's "expected array, received undefined" in the words a person editing the file needs. */
function describeMissingField(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type' || issue.input !== undefined) return undefined;
  const parent = issue.path?.[issue.path.length - 2];
  return parent === 'hours' ? 'is missing (use [] for a day the clinic is closed)' : 'is missing';
}

/** ['clinics', 3, 'hours', 'tue', 0] → 'clinic "bowie": hours.tue[0]: ' */
function describePath(path: readonly PropertyKey[], raw: unknown): string {
  if (path.length === 0) return '';
  let prefix = '';
  let rest = path;
  if (path[0] === 'clinics' && typeof path[1] === 'number') {
    const id = clinicIdAt(raw, path[1]);
    prefix = id !== undefined ? `clinic ${quoted(id)}: ` : `clinics[${path[1]}]: `;
    rest = path.slice(2);
  }
  const field = rest.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');
  return field === '' ? prefix : `${prefix}${field}: `;
}

function clinicIdAt(raw: unknown, index: number): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('clinics' in raw) || !Array.isArray(raw.clinics)) return undefined;
  const clinic: unknown = raw.clinics[index];
  if (typeof clinic !== 'object' || clinic === null || !('id' in clinic)) return undefined;
  return typeof clinic.id === 'string' && clinic.id.trim() !== '' ? clinic.id : undefined;
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
