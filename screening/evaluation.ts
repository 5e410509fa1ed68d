import type { CorpusItem } from './phrasings.js';
import type { ScreeningResult } from './screener.js';

/**
 * The figures computed from labelled phrasings (see phrasings.ts): used by the release-gate test
 * and by `npm run eval:redflags`.
 */

export interface ItemOutcome {
  readonly item: CorpusItem;
  readonly result: ScreeningResult;
  /** The level is right and every labelled flag was raised (or the labelled follow-up asked). */
  readonly correct: boolean;
  readonly problems: readonly string[];
}

/** What a user would notice is wrong with one result, or nothing. */
export function judgeItem(item: CorpusItem, result: ScreeningResult): ItemOutcome {
  const problems: string[] = [];
  if (result.level !== item.expect) problems.push(`level ${result.level}, expected ${item.expect}`);
  if (item.expect !== 'none') {
    const missing = item.flags.filter((flag) => !result.flags.includes(flag));
    if (missing.length > 0) problems.push(`missing ${missing.join(', ')}`);
  }
  if (item.followUp) {
    if (result.followUp?.kind !== item.followUp) problems.push(`follow-up ${result.followUp?.kind ?? 'none'}, expected ${item.followUp}`);
    else if (item.flags.length > 0 && !item.flags.includes(result.followUp.flag)) problems.push(`follow-up about ${result.followUp.flag}, expected ${item.flags.join('/')}`);
  }
  if (item.asks && !result.asksAboutRedFlags) problems.push('not recognised as a question about red flags');
  return { item, result, correct: problems.length === 0, problems };
}

export interface Rate {
  readonly hits: number;
  readonly total: number;
}

export interface FlagFigures {
  readonly flag: string;
  /** Messages labelled with this flag that raised it. */
  readonly sensitivity: Rate;
  /** Messages labelled `none` that did not raise it. */
  readonly specificity: Rate;
}

export interface CorpusFigures {
  readonly outcomes: readonly ItemOutcome[];
  /** Emergencies caught at emergency level. */
  readonly emergencyAtLevel: Rate;
  /** Urgent messages caught at urgent level or above. */
  readonly urgentCaught: Rate;
  /** Red-flag messages (either level) that raised any flag. */
  readonly anyFlagSensitivity: Rate;
  /** Messages without a red flag left alone (level none). */
  readonly specificity: Rate;
  /** Messages without a red flag that also got no follow-up question. */
  readonly leftAloneCompletely: Rate;
  readonly followUps: Rate;
  readonly asks: Rate;
  readonly perFlag: readonly FlagFigures[];
  readonly meanMillisecondsPerMessage: number;
  readonly slowestMilliseconds: number;
}

export function evaluateCorpus(
  items: readonly CorpusItem[],
  screen: (text: string) => ScreeningResult,
  flagIds: readonly string[],
): CorpusFigures {
  let elapsedMs = 0;
  let slowestMs = 0;
  const outcomes = items.map((item) => {
    const started = process.hrtime.bigint();
    const result = screen(item.text);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    elapsedMs += ms;
    slowestMs = Math.max(slowestMs, ms);
    return judgeItem(item, result);
  });

  const rate = (pool: readonly ItemOutcome[], hit: (outcome: ItemOutcome) => boolean): Rate => ({
    hits: pool.filter(hit).length,
    total: pool.length,
  });
  const emergencies = outcomes.filter((o) => o.item.expect === 'emergency');
  const urgents = outcomes.filter((o) => o.item.expect === 'urgent');
  const negatives = outcomes.filter((o) => o.item.expect === 'none');
  const plainNegatives = negatives.filter((o) => !o.item.followUp);

  return {
    outcomes,
    emergencyAtLevel: rate(emergencies, (o) => o.result.level === 'emergency'),
    urgentCaught: rate(urgents, (o) => o.result.level !== 'none'),
    anyFlagSensitivity: rate([...emergencies, ...urgents], (o) => o.result.flags.length > 0),
    specificity: rate(negatives, (o) => o.result.level === 'none'),
    leftAloneCompletely: rate(plainNegatives, (o) => o.result.level === 'none' && !o.result.followUp),
    followUps: rate(outcomes.filter((o) => o.item.followUp), (o) => o.result.followUp?.kind === o.item.followUp),
    asks: rate(outcomes.filter((o) => o.item.asks), (o) => o.result.asksAboutRedFlags),
    perFlag: flagIds.map((flag) => ({
      flag,
      sensitivity: rate(outcomes.filter((o) => o.item.expect !== 'none' && o.item.flags.includes(flag)), (o) => o.result.flags.includes(flag)),
      specificity: rate(negatives, (o) => !o.result.flags.includes(flag)),
    })),
    meanMillisecondsPerMessage: items.length > 0 ? elapsedMs / items.length : 0,
    slowestMilliseconds: slowestMs,
  };
}

export function percent(rate: Rate): string {
  if (rate.total === 0) return '   n/a';
  return `${((100 * rate.hits) / rate.total).toFixed(1).padStart(5)}%`;
}
