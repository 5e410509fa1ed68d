import { z } from 'zod';
import { projectPath } from '../config/paths.js';
import { readYamlFile, ScreeningDataError } from './yamlFile.js';

/**
 * Loads screening/red-flags.yaml: validates its shape with zod, expands `{term}` references and
 * compiles every pattern, so that a mistake in the file stops start-up with a message naming the
 * file, the flag and the rule instead of silently missing a symptom.
 */

export type RedFlagLevel = 'emergency' | 'urgent';
export type Scope = 'clause' | 'sentence' | 'message';

/** A mistake in the red-flag rules file (a ScreeningDataError, so callers can catch either). */
export class RedFlagRulesError extends ScreeningDataError {
  override name = 'RedFlagRulesError';
}

export const DEFAULT_RULES_FILE = projectPath('screening', 'red-flags.yaml');

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens');
const text = z.string().trim().min(1, 'must not be empty');
const pattern = z.string().min(1, 'a pattern must not be empty');
const patterns = z.array(pattern);

const allRuleSchema = z.strictObject({
  all: z.array(pattern).min(2, '"all" needs at least two patterns'),
  within: z.enum(['clause', 'sentence', 'message']).default('clause'),
  sameSubject: z.boolean().default(false),
  /** The parts must be found in the order they are written (a story told in time order). */
  inOrder: z.boolean().default(false),
  /**
   * Parts (by index) that name a condition a person has, not an event: "my scan last year showed
   * osteoporosis" is osteoporosis now, so "last year" does not make that part past.
   */
  historyParts: z.array(z.number().int().min(0)).default([]),
  /**
   * Parts (by index) that only say what the message is about ("pee", "bladder"): found anywhere,
   * they count whatever is said of them, so "peeing was fine at first, but since this morning I
   * can't go at all" is about passing water though its "peeing" clause is denied.
   */
  topicParts: z.array(z.number().int().min(0)).default([]),
  unless: patterns.default([]),
});
const nearRuleSchema = z.strictObject({
  near: z.tuple([pattern, pattern]),
  words: z.number().int().min(0).max(12).default(4),
  blockedBy: pattern.optional(),
  notFollowedBy: pattern.optional(),
  unless: patterns.default([]),
});
const ruleSchema = z.union([pattern, allRuleSchema, nearRuleSchema]);
type RuleSpec = z.infer<typeof ruleSchema>;

const flagSchema = z.strictObject({
  id,
  level: z.enum(['emergency', 'urgent']),
  /** Plain words for staff emails and for "tell the staff there…". */
  label: text,
  /** The whole flag as one closed yes/no question ("yes" raises it). */
  question: text,
  sources: z.array(id).min(1, 'every flag names at least one source'),
  longStanding: z.literal('ask').optional(),
  history: z.boolean().default(false),
  personalHistory: z.boolean().default(false),
  /**
   * A sign that counts with the back trouble of the same person (a fever): someone else's does
   * not count when the message tells only the writer's own trouble, with "I" ("my kid had a
   * temperature last week and now I've got a sore back from carrying her").
   */
  withSameSufferer: z.boolean().default(false),
  /** A risk factor that matters only with a trouble: not raised when the back is said to be fine and no trouble is told. */
  riskFactor: z.boolean().default(false),
  detect: z.array(ruleSchema).min(1, 'a flag needs at least one rule'),
  unless: patterns.default([]),
  /** Patterns that cancel the flag anywhere in the message: a history told together with "no pain at all". */
  unlessInMessage: patterns.default([]),
  /** A mention in a sentence matching one of these gets the closed question instead of raising the flag. */
  askInstead: patterns.default([]),
  /** Other flags that together mean this one: cancer-history with foot-drop is cancer-neuro (new weakness). */
  alsoRaisedBy: z.array(z.array(id).min(2, 'a combination names at least two flags')).default([]),
  ambiguous: z
    .strictObject({
      /** Where an ambiguous mention needs a narrower question than the flag's own. */
      question: text.optional(),
      detect: z.array(ruleSchema).min(1),
      unless: patterns.default([]),
    })
    .optional(),
});

const sourceSchema = z.strictObject({ id, citation: text, url: z.url().optional() });

export const rulesFileSchema = z.strictObject({
  version: z.number().int().positive(),
  newOrUsualQuestion: text,
  sources: z.array(sourceSchema).min(1),
  spellings: z.record(z.string().regex(/^[a-z0-9 ]+$/, 'must be lowercase words'), z.array(z.string().regex(/^[a-z0-9]+$/, 'a misspelling is one lowercase word'))),
  /** Real words typed for another word, fixed only where the words around them show it: "cant fell my legs". */
  phraseSpellings: z.record(z.string().regex(/^[a-z0-9]+(?: [a-z0-9]+)+$/, 'a phrase is two or more lowercase words'), z.string().regex(/^[a-z0-9 ]+$/, 'must be lowercase words')).default({}),
  /** Words a typo is corrected toward when it is no English word ("controll" → "control"). */
  vocabulary: z.array(z.string().regex(/^[a-z]{4,}$/, 'a vocabulary word is one lowercase word of 4+ letters')).default([]),
  terms: z.record(z.string().regex(/^[a-z][a-z_0-9]*$/, 'a term name starts with a letter, then lowercase letters, digits and _'), z.array(pattern).min(1)),
  flags: z.array(flagSchema).min(1),
});

export interface Source {
  readonly id: string;
  readonly citation: string;
  readonly url?: string | undefined;
}

export interface CompiledRule {
  /** "saddle-numbness detect 3", for explanations and debugging. */
  readonly name: string;
  /** One regular expression per part; a phrase or `near` rule has one part. */
  readonly parts: readonly RegExp[];
  readonly within: Scope;
  readonly sameSubject: boolean;
  /** Each part must be found after the one before it in the message. */
  readonly inOrder: boolean;
  /** Parts read as a history (past time does not cancel them), as with a flag's `history`. */
  readonly historyParts: readonly number[];
  /** Parts that only name the message's subject: their negation or time does not matter. */
  readonly topicParts: readonly number[];
  readonly unless: readonly RegExp[];
}

export interface CompiledFlag {
  readonly id: string;
  readonly level: RedFlagLevel;
  readonly label: string;
  /** The flag's own closed question ("yes" raises it). */
  readonly question: string;
  readonly sources: readonly Source[];
  readonly asksIfLongStanding: boolean;
  readonly history: boolean;
  readonly personalHistory: boolean;
  readonly withSameSufferer: boolean;
  readonly riskFactor: boolean;
  readonly detect: readonly CompiledRule[];
  readonly unless: readonly RegExp[];
  /** Cancel the flag when found anywhere in the message. */
  readonly unlessInMessage: readonly RegExp[];
  readonly askInstead: readonly RegExp[];
  /** Combinations of other flags that raise this one too. */
  readonly alsoRaisedBy: ReadonlyArray<readonly string[]>;
  readonly ambiguous?: {
    readonly question: string;
    readonly detect: readonly CompiledRule[];
    readonly unless: readonly RegExp[];
  };
}

export interface RedFlagRules {
  readonly version: number;
  readonly newOrUsualQuestion: string;
  readonly sources: readonly Source[];
  readonly flags: readonly CompiledFlag[];
  /** misspelled word → correct word(s) */
  readonly spellings: ReadonlyMap<string, string>;
  /** misspelled phrase → correct phrase (real words in the wrong place: "cant fell" → "cant feel") */
  readonly phraseSpellings: ReadonlyMap<string, string>;
  /** Words typos are corrected toward. */
  readonly vocabulary: readonly string[];
  /** Words that make a question one about red flags ("warning signs", "bladder", "ER"). */
  readonly redFlagTopic: RegExp;
  /** Generic worry words ("serious", "worried") that make it one only with a back word (`backContext`). */
  readonly redFlagConcern: RegExp;
  readonly backContext: RegExp;
  /** Words that show someone describing symptoms (whose symptoms they are matters for history flags). */
  readonly symptomReport: RegExp;
  /** Any back, leg or nerve trouble told with a history (`history_symptom`, broader than `symptomReport`). */
  readonly historySymptom: RegExp;
  /** Words saying a feeling has not passed: they keep `askInstead` from turning a report into a question. */
  readonly persisting: RegExp;
}

/**
 * Orders flag ids most serious first: emergency before urgent, then in the rules file's order
 * (unknown ids last).
 */
export function bySeriousness(flags: ReadonlyArray<{ readonly id: string; readonly level: RedFlagLevel }>): (a: string, b: string) => number {
  const rank = new Map(flags.map((flag, index) => [flag.id, (flag.level === 'emergency' ? 0 : flags.length) + index]));
  const of = (id: string): number => rank.get(id) ?? Number.MAX_SAFE_INTEGER;
  return (a, b) => of(a) - of(b);
}

/** A `near` rule never reaches across a negation: "my legs are not weak". */
const NEGATION_GAP_BLOCKERS = 'no|not|never|dont|doesnt|didnt|isnt|arent|wasnt|werent|havent|hasnt|without|nothing';

/** Terms the screener itself relies on; the file must define them. */
const REQUIRED_TERMS = ['red_flag_topic', 'red_flag_concern', 'back_context', 'symptom_report'] as const;

/** Reads, validates and compiles a rules file; throws a RedFlagRulesError naming file and field. */
export function loadRedFlagRules(file: string = DEFAULT_RULES_FILE): RedFlagRules {
  let data: RulesFile;
  try {
    data = readYamlFile(file, rulesFileSchema, describePath);
  } catch (error) {
    throw error instanceof ScreeningDataError ? new RedFlagRulesError(error.message) : error;
  }
  return compileRules(data, file);
}

/** "flags[3] (urinary-retention).detect.2" rather than "flags.3.detect.2". */
function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  if (parts[0] === 'flags' && parts[1] !== undefined && isRecord(raw) && Array.isArray(raw['flags'])) {
    const flag: unknown = raw['flags'][Number(parts[1])];
    const flagId = isRecord(flag) && typeof flag['id'] === 'string' ? ` (${flag['id']})` : '';
    return [`flags[${parts[1]}]${flagId}`, ...parts.slice(2)].join('.');
  }
  return parts.join('.');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type RulesFile = z.infer<typeof rulesFileSchema>;

function compileRules(data: RulesFile, file: string): RedFlagRules {
  const fail = (where: string, message: string): never => {
    throw new RedFlagRulesError(`${file}: ${where}: ${message}`);
  };

  const sourcesById = new Map<string, Source>();
  for (const source of data.sources) {
    if (sourcesById.has(source.id)) fail(`sources (${source.id})`, 'listed twice');
    sourcesById.set(source.id, source);
  }
  for (const name of REQUIRED_TERMS) {
    if (!(name in data.terms)) fail('terms', `the screener needs a term called "${name}"`);
  }

  const expander = new TermExpander(data.terms, fail);
  const compile = (source: string, where: string): RegExp => compilePattern(expander.expand(source, where), where, fail);
  const compileNear = (rule: Extract<RuleSpec, { near: unknown }>, where: string): RegExp => {
    const [first, second] = rule.near;
    const blockers = [NEGATION_GAP_BLOCKERS, ...(rule.blockedBy ? [expander.expand(rule.blockedBy, where)] : [])].join('|');
    const blocked = `(?!(?:${blockers})(?![a-z0-9]))`;
    const notFollowed = rule.notFollowedBy ? `(?! (?:${expander.expand(rule.notFollowedBy, where)})(?![a-z0-9]))` : '';
    const gap = `(?: ${blocked}[^ ]+){0,${rule.words}}`;
    const body = `(?:${expander.expand(first, where)})${gap} (?:${expander.expand(second, where)})${notFollowed}`;
    return compilePattern(body, where, fail);
  };
  const compileRule = (rule: RuleSpec, where: string): CompiledRule => {
    if (typeof rule === 'string') return { name: where, parts: [compile(rule, where)], within: 'clause', sameSubject: false, inOrder: false, historyParts: [], topicParts: [], unless: [] };
    const unless = rule.unless.map((item, index) => compile(item, `${where} unless ${index}`));
    if ('all' in rule) {
      const parts = rule.all.map((part, index) => compile(part, `${where} part ${index}`));
      for (const [option, indexes] of [['historyParts', rule.historyParts], ['topicParts', rule.topicParts]] as const) {
        const outside = indexes.find((index) => index >= parts.length);
        if (outside !== undefined) fail(where, `${option} names part ${outside}, but the rule has ${parts.length} parts`);
      }
      if (rule.topicParts.length >= parts.length) fail(where, 'topicParts must leave at least one part that tells the symptom');
      return { name: where, parts, within: rule.within, sameSubject: rule.sameSubject, inOrder: rule.inOrder, historyParts: rule.historyParts, topicParts: rule.topicParts, unless };
    }
    return { name: where, parts: [compileNear(rule, where)], within: 'clause', sameSubject: false, inOrder: false, historyParts: [], topicParts: [], unless };
  };

  const seen = new Set<string>();
  const flags = data.flags.map((flag): CompiledFlag => {
    const at = `flag ${flag.id}`;
    if (seen.has(flag.id)) fail(at, 'this id is used by two flags');
    seen.add(flag.id);
    const sources = flag.sources.map((sourceId) => sourcesById.get(sourceId) ?? fail(at, `source "${sourceId}" is not in sources`));
    return {
      id: flag.id,
      level: flag.level,
      label: flag.label,
      question: flag.question,
      sources,
      asksIfLongStanding: flag.longStanding === 'ask',
      history: flag.history,
      personalHistory: flag.personalHistory,
      withSameSufferer: flag.withSameSufferer,
      riskFactor: flag.riskFactor,
      detect: flag.detect.map((rule, index) => compileRule(rule, `${flag.id} detect ${index + 1}`)),
      unless: flag.unless.map((item, index) => compile(item, `${flag.id} unless ${index + 1}`)),
      unlessInMessage: flag.unlessInMessage.map((item, index) => compile(item, `${flag.id} unlessInMessage ${index + 1}`)),
      askInstead: flag.askInstead.map((item, index) => compile(item, `${flag.id} askInstead ${index + 1}`)),
      alsoRaisedBy: flag.alsoRaisedBy,
      ...(flag.ambiguous
        ? {
            ambiguous: {
              question: flag.ambiguous.question ?? flag.question,
              detect: flag.ambiguous.detect.map((rule, index) => compileRule(rule, `${flag.id} ambiguous ${index + 1}`)),
              unless: flag.ambiguous.unless.map((item, index) => compile(item, `${flag.id} ambiguous unless ${index + 1}`)),
            },
          }
        : {}),
    };
  });

  for (const flag of flags) {
    const unknown = flag.alsoRaisedBy.flat().find((flagId) => !seen.has(flagId));
    if (unknown !== undefined) fail(`flag ${flag.id}`, `alsoRaisedBy: "${unknown}" is not a flag id`);
  }

  const spellings = new Map<string, string>();
  for (const [correct, wrongs] of Object.entries(data.spellings)) {
    for (const wrong of wrongs) spellings.set(wrong, correct);
  }

  return {
    version: data.version,
    newOrUsualQuestion: data.newOrUsualQuestion,
    sources: [...sourcesById.values()],
    flags,
    spellings,
    phraseSpellings: new Map(Object.entries(data.phraseSpellings)),
    vocabulary: data.vocabulary,
    redFlagTopic: compile('{red_flag_topic}', 'terms red_flag_topic'),
    redFlagConcern: compile('{red_flag_concern}', 'terms red_flag_concern'),
    backContext: compile('{back_context}', 'terms back_context'),
    symptomReport: compile('{symptom_report}', 'terms symptom_report'),
    historySymptom: compile('{history_symptom}', 'terms history_symptom'),
    persisting: compile('{persisting}', 'terms persisting'),
  };
}

/** Expands `{name}` references to the named term's alternatives, recursively. */
class TermExpander {
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly terms: Readonly<Record<string, readonly string[]>>,
    private readonly fail: (where: string, message: string) => never,
  ) {}

  expand(source: string, where: string, trail: readonly string[] = []): string {
    return source.replace(/\{([a-z][a-z_0-9]*)\}/g, (_whole, name: string) => {
      if (trail.includes(name)) this.fail(where, `term "${name}" refers to itself (${[...trail, name].join(' → ')})`);
      const cached = this.cache.get(name);
      if (cached !== undefined) return cached;
      const alternatives = this.terms[name];
      if (!alternatives) return this.fail(where, `unknown term {${name}}`);
      const expanded = `(?:${alternatives.map((alt) => this.expand(alt, `term ${name}`, [...trail, name])).join('|')})`;
      this.cache.set(name, expanded);
      return expanded;
    });
  }
}

/** Whole words only: a pattern never matches inside a longer word. */
function compilePattern(body: string, where: string, fail: (where: string, message: string) => never): RegExp {
  try {
    return new RegExp(`(?<![a-z0-9])(?:${body})(?![a-z0-9])`, 'g');
  } catch (error) {
    return fail(where, `not a valid pattern (${(error as Error).message})`);
  }
}
