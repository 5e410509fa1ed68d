import { z } from 'zod';
import { parseFile } from './load.js';
import { projectPath } from '../config/paths.js';

/**
 * The bot's own lines (welcome, help, fallback, …) as data that staff can edit, in
 * knowledge/responses.yaml. `fill` replaces {placeholders} and refuses unknown ones, so a typo in
 * the YAML is caught by the tests rather than shown to a visitor.
 */

const line = z.string().trim().min(1, 'must not be empty');
const responsesSchema = z.strictObject({
  welcome: line,
  welcomeTopics: z.array(z.string()).min(1).max(6),
  welcomeBooking: line,
  help: line,
  fallback: line,
  fallbackActions: z.array(line).max(5),
  clarify: line,
  medication: line,
  sourcesLabel: line,
  tellMeMore: line,
  noMore: line,
  requestAppointment: line,
  greeting: line,
  thanks: line,
  goodbye: line,
  affirm: line,
  nothingToCancel: line,
  startOver: line,
  cancelled: line,
  tooLong: line,
  noText: line,
  followUpNo: line,
  followUpYesLabel: line,
  followUpNoLabel: line,
  emergencyStoppedRequest: line,
  emergencyAfterwards: line,
  urgentNext: line,
  safetyReminderTitle: line,
  turnError: line,
  appointment: z.strictObject({
    intro: line,
    helpLine: line,
    askClinic: line,
    clinicNotFound: line,
    clinicNearest: line,
    clinicFar: line,
    clinicChosen: line,
    askName: line,
    askPhone: line,
    askEmail: line,
    skip: line,
    askPreferredTimes: line,
    askReason: line,
    screeningNo: line,
    screeningYes: line,
    askConsent: line,
    consentYes: line,
    consentNo: line,
    consentDeclined: line,
    summary: line,
    notGiven: line,
    send: line,
    change: line,
    cancel: line,
    askWhatToChange: line,
    fieldClinic: line,
    fieldName: line,
    fieldPhone: line,
    fieldEmail: line,
    fieldPreferredTimes: line,
    fieldReason: line,
    confirmHint: line,
    sent: line,
    sentWithEmail: line,
    urgentReminder: line,
    saveFailed: line,
    tooManyTries: line,
    tooManyTriesNoClinic: line,
  }),
});

export type Responses = z.infer<typeof responsesSchema>;

export const DEFAULT_RESPONSES_FILE = projectPath('knowledge', 'responses.yaml');

export function loadResponses(file: string = DEFAULT_RESPONSES_FILE): Responses {
  return parseFile(file, responsesSchema);
}

export type TemplateValues = Readonly<Record<string, string>>;

/** Fills `{name}` placeholders; an unknown placeholder is a mistake in the data and throws. */
export function fill(template: string, values: TemplateValues = {}): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Unknown placeholder {${name}} in "${template.slice(0, 40)}…"`);
    return value;
  });
}
