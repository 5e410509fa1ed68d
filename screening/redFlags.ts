import { bySeriousness, loadRedFlagRules, type RedFlagLevel, type RedFlagRules, type Source } from './rules.js';

export type { RedFlagLevel, Source };

/** One red flag as staff and the rest of the bot see it. */
export interface RedFlag {
  readonly id: string;
  readonly level: RedFlagLevel;
  /** Plain words for staff emails, e.g. "Numbness between the legs (saddle area)". */
  readonly label: string;
  /** The guidance it comes from (citations joined with "; "). */
  readonly source: string;
  readonly sources: readonly Source[];
}

/** The shipped rules, loaded and validated once when the bot starts (a bad file stops the start). */
export const RULES: RedFlagRules = loadRedFlagRules();

export const RED_FLAGS: readonly RedFlag[] = Object.freeze(
  RULES.flags.map((flag) =>
    Object.freeze({
      id: flag.id,
      level: flag.level,
      label: flag.label,
      source: flag.sources.map((source) => source.citation).join('; '),
      sources: flag.sources,
    }),
  ),
);

const BY_ID = new Map(RED_FLAGS.map((flag) => [flag.id, flag]));

/** The flag with this id; throws for an unknown id (a programming error, not user input). */
export function redFlag(id: string): RedFlag {
  const flag = BY_ID.get(id);
  if (!flag) throw new Error(`unknown red flag "${id}"`);
  return flag;
}

export function isRedFlagId(id: string): boolean {
  return BY_ID.has(id);
}

/** Most serious first: emergency before urgent, then in the rules file's order. */
export const compareBySeriousness: (a: string, b: string) => number = bySeriousness(RED_FLAGS);
