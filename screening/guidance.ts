import { z } from 'zod';
import { projectPath } from '../config/paths.js';
import { RED_FLAGS, compareBySeriousness, isRedFlagId, redFlag } from './redFlags.js';
import { readYamlFile, ScreeningDataError } from './yamlFile.js';

/**
 * What the bot says when a red flag is raised. The words live in guidance.yaml; these functions
 * put them together: action first, one sentence why (never a diagnosis), then what to tell the
 * staff, in the flags' plain labels.
 */

export const DEFAULT_GUIDANCE_FILE = projectPath('screening', 'guidance.yaml');

const sentence = z.string().trim().min(1, 'must not be empty');
const withSymptoms = sentence.refine((text) => text.includes('{symptoms}'), 'must keep the {symptoms} placeholder');

export const guidanceFileSchema = z.strictObject({
  emergency: z.strictObject({ action: sentence, dontDrive: sentence, tellStaff: withSymptoms, tellStaffDescribed: sentence }),
  urgent: z.strictObject({ action: sentence, how: sentence, tellStaff: withSymptoms, tellStaffDescribed: sentence, safetyNet: sentence }),
  reasons: z.record(z.string(), sentence),
  flagReasons: z.record(z.string(), z.string()),
  safetyReminder: sentence,
});
export type GuidanceFile = z.infer<typeof guidanceFileSchema>;

export interface MessageOptions {
  /**
   * The flags are the learned model's guess (ScreeningResult.learned): the reason still comes from
   * the first, but the visitor is asked to tell the staff what they described, not the flags' names.
   */
  guessed?: boolean;
}

export interface Guidance {
  emergencyMessage(flags: readonly string[], options?: MessageOptions): string;
  urgentMessage(flags: readonly string[], options?: MessageOptions): string;
  readonly safetyReminder: string;
}

/** Reads guidance.yaml and checks that every red flag has a reason that exists. */
export function loadGuidance(file: string = DEFAULT_GUIDANCE_FILE): Guidance {
  const data = readYamlFile(file, guidanceFileSchema);
  for (const flag of RED_FLAGS) {
    const reason = data.flagReasons[flag.id];
    if (reason === undefined) throw new ScreeningDataError(`${file}: flagReasons: red flag "${flag.id}" has no reason`);
    if (data.reasons[reason] === undefined) throw new ScreeningDataError(`${file}: flagReasons.${flag.id}: reason "${reason}" is not in reasons`);
  }
  for (const id of Object.keys(data.flagReasons)) {
    if (!isRedFlagId(id)) throw new ScreeningDataError(`${file}: flagReasons: "${id}" is not a red flag id`);
  }
  return createGuidance(data);
}

export function createGuidance(data: GuidanceFile): Guidance {
  const known = (flags: readonly string[]): string[] => [...new Set(flags.filter(isRedFlagId))].sort(compareBySeriousness);
  const why = (flags: readonly string[], fallback: string): string => {
    const first = flags[0];
    const reason = first === undefined ? undefined : data.flagReasons[first];
    return (reason === undefined ? undefined : data.reasons[reason]) ?? fallback;
  };
  const symptoms = (flags: readonly string[]): string => listInWords(flags.map((id) => lowerFirst(redFlag(id).label)));
  const join = (parts: ReadonlyArray<string | undefined>): string => parts.filter((part): part is string => !!part).join(' ');

  return {
    emergencyMessage(flags, { guessed = false } = {}) {
      const ids = known(flags);
      return join([
        data.emergency.action,
        why(ids, data.reasons['nerves'] ?? ''),
        data.emergency.dontDrive,
        guessed ? data.emergency.tellStaffDescribed : ids.length > 0 ? data.emergency.tellStaff.replace('{symptoms}', symptoms(ids)) : undefined,
      ]);
    },
    urgentMessage(flags, { guessed = false } = {}) {
      const ids = known(flags);
      return join([
        data.urgent.action,
        data.urgent.how,
        why(ids, ''),
        guessed ? data.urgent.tellStaffDescribed : ids.length > 0 ? data.urgent.tellStaff.replace('{symptoms}', symptoms(ids)) : undefined,
        data.urgent.safetyNet,
      ]);
    },
    safetyReminder: data.safetyReminder,
  };
}

function lowerFirst(text: string): string {
  // Keep acronyms ("ED") as they are.
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('; ')}; and ${items.at(-1) ?? ''}`;
}

const SHIPPED = loadGuidance();

/** The reply for emergency flags: "Please call 911 or go to the nearest emergency department now." first. */
export function emergencyMessage(flags: string[], options?: MessageOptions): string {
  return SHIPPED.emergencyMessage(flags, options);
}

/** The reply for urgent flags: see a doctor today (urgent care or the ED if their doctor can't be reached). */
export function urgentMessage(flags: string[], options?: MessageOptions): string {
  return SHIPPED.urgentMessage(flags, options);
}

/** One line for answers about red-flag symptoms. */
export const SAFETY_REMINDER: string = SHIPPED.safetyReminder;
