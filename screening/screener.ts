import { mentionStatus, type MentionStatus, type StatusOptions } from './context.js';
import { comparesWithOwn } from './framing.js';
import { toldAsDone } from './timing.js';
import { analyzeMessage, type MentionPlace, type MessageAnalysis } from './analysis.js';
import { isNoPatient, subjectAt, type Subject } from './people.js';
import { readFollowUpAnswer } from './followUpAnswer.js';
import { modelMayRead, withBackstop, wordsIn } from './backstop.js';
import type { LearnedJudgement } from './learnedScreener.js';
import { loadOrTrainLearnedScreener } from './learnedModel.js';
import { createNormalizer } from './normalize.js';
import { RULES } from './redFlags.js';
import { bySeriousness, type CompiledFlag, type CompiledRule, type RedFlagLevel, type RedFlagRules } from './rules.js';

/**
 * The red-flag screener: run on every incoming message before any dialog or answer.
 * Plain functions, no Bot Framework types. See red-flags.yaml for what each flag looks like and
 * context.ts for how negation, questions, time and people are read.
 */

export type { RedFlagLevel };

export interface FollowUp {
  flag: string;
  kind: 'ambiguous' | 'new-or-usual';
  question: string;
}

export interface ScreeningResult {
  level: RedFlagLevel | 'none';
  /** Ids of every flag that fired (all levels), most serious first. */
  flags: string[];
  /** Only when nothing fired and one closed question should be asked. */
  followUp?: FollowUp;
  /** A question ABOUT red-flag symptoms (education, not a report). */
  asksAboutRedFlags: boolean;
  /**
   * Nothing fired, no question about red flags, and the visitor says they do NOT have a red-flag
   * symptom ("no bladder problems, just leg pain when I sit"): reassurance to take in, not a
   * subject to answer.
   */
  deniesRedFlags: boolean;
  /**
   * The learned model raised the level or asked the question where the rules alone did not
   * (backstop.ts). The flag it names is its best guess at what the visitor described.
   */
  learned?: true;
}

/**
 * Why the screener decided what it did: which rule saw what, and how it was read. For tests and
 * tuning only: it holds words the visitor typed, so it must never be logged (use auditRecord).
 */
export interface ScreeningExplanation extends ScreeningResult {
  normalized: string;
  /** What the learned model made of the message (only the shipped screener has one). */
  model?: LearnedJudgement;
  mentions: Array<{ flag: string; rule: string; status: MentionStatus; subject: Subject; text: string }>;
}

/** What to log about a screening: never the message text, only what the screener decided. */
export interface RedFlagAuditRecord {
  rulesVersion: number;
  level: RedFlagLevel | 'none';
  flags: string[];
  followUpFlag?: string;
  followUpKind?: FollowUp['kind'];
  asksAboutRedFlags: boolean;
  /** The learned backstop decided (see ScreeningResult.learned). */
  learned?: true;
}

export interface Screener {
  screen(text: string): ScreeningResult;
  explain(text: string): ScreeningExplanation;
  answerFollowUp(followUp: FollowUp, replyText: string): 'yes' | 'no' | 'unclear';
}

// ---------------------------------------------------------------------------------------------

interface Found {
  readonly place: MentionPlace;
  readonly status: MentionStatus;
  readonly subject: Subject;
  /** Judges the mention again, with the spans of the rule's other parts set aside. */
  readonly rejudge: (ignore: ReadonlyArray<readonly [number, number]>) => MentionStatus;
}

type Judged = Exclude<MentionStatus, 'negated' | 'past'>;
const STRENGTH: Readonly<Record<Judged, number>> = { report: 4, 'long-standing': 3, uncertain: 2, hypothetical: 1 };

interface Evidence {
  flag: string;
  rule: string;
  status: MentionStatus;
  subject: Subject;
  text: string;
}

export function createScreener(rules: RedFlagRules): Screener {
  const normalize = createNormalizer(rules);
  const mostSeriousFirst = bySeriousness(rules.flags);

  function run(text: string, evidence: Evidence[] = []): { result: ScreeningResult; normalized: string } {
    const normalized = normalize(text);
    const analysis = analyzeMessage(normalized);
    const { ownSymptomsOnly, othersSymptoms } = whoseSymptoms(analysis, rules.symptomReport);
    // The back, leg and nerve troubles told, read once and only when a flag needs them.
    let troubles: TroubleReading[] | undefined;
    const troublesTold = (): TroubleReading[] => (troubles ??= readTroubles(analysis, rules.historySymptom));
    const ownSymptomsTold = (): boolean => writerTellsASymptom(troublesTold());
    const ownTroubleToldAsI = (): boolean => writerTellsATroubleAsI(analysis, troublesTold());
    const backSaidFine = (): boolean => backIsFineAndNoTrouble(analysis, troublesTold());
    const inSentence = sentenceTester(analysis);
    const statusOf = statusReader(analysis);
    const comparedWithOwn = comparesWithOwn(analysis.normalized);

    const fired: string[] = [];
    const followUps: FollowUp[] = [];
    let hypothetical = false;

    for (const flag of rules.flags) {
      if (flag.unlessInMessage.some((pattern) => matches(pattern, analysis.normalized))) continue;
      if (flag.riskFactor && backSaidFine()) continue;
      const judge = (ruleList: readonly CompiledRule[], unless: readonly RegExp[]): Judged | undefined => {
        let best: Judged | undefined;
        for (const rule of ruleList) {
          const status = evaluateRule(analysis, flag, rule, [...unless, ...rule.unless], { ownSymptomsOnly, othersSymptoms, ownSymptomsTold, ownTroubleToldAsI, inSentence, statusOf, persisting: rules.persisting, comparedWithOwn, evidence });
          if (status && (!best || STRENGTH[status] > STRENGTH[best])) best = status;
        }
        return best;
      };
      const detected = judge(flag.detect, flag.unless);
      const ambiguous = flag.ambiguous ? judge(flag.ambiguous.detect, [...flag.unless, ...flag.ambiguous.unless]) : undefined;
      if (detected === 'hypothetical' || ambiguous === 'hypothetical') hypothetical = true;
      const decision = decide(flag, detected, ambiguous, rules.newOrUsualQuestion);
      if (decision === 'raise') fired.push(flag.id);
      else if (decision) followUps.push(decision);
    }

    for (const flag of rules.flags) {
      if (!fired.includes(flag.id) && flag.alsoRaisedBy.some((combination) => combination.every((id) => fired.includes(id)))) fired.push(flag.id);
    }
    fired.sort(mostSeriousFirst);
    followUps.sort((a, b) => mostSeriousFirst(a.flag, b.flag));
    const level = levelOf(fired, rules);
    const asksAboutRedFlags = hypothetical || asksAboutTopic(analysis, rules);
    const result: ScreeningResult = {
      level,
      flags: fired,
      asksAboutRedFlags,
      deniesRedFlags:
        fired.length === 0 && followUps.length === 0 && !asksAboutRedFlags && evidence.some((mention) => mention.status === 'negated'),
    };
    const followUp = followUps[0];
    if (fired.length === 0 && followUp) result.followUp = followUp;
    return { result, normalized };
  }

  return {
    screen: (text) => run(text).result,
    explain: (text) => {
      const evidence: Evidence[] = [];
      const { result, normalized } = run(text, evidence);
      return { ...result, normalized, mentions: evidence };
    },
    answerFollowUp: (followUp, replyText) => readFollowUpAnswer(followUp, replyText, normalize, (reply) => run(reply).result.flags),
  };
}

/**
 * What one flag's readings come to: raise it, ask one closed question, or nothing.
 * - a report raises it (so does "long-standing" or "uncertain" when the flag has nothing to ask);
 * - long-standing and unchanged asks "Is this new, or different from usual?";
 * - an uncertain report, or an ambiguous mention, asks the flag's own question.
 */
function decide(flag: CompiledFlag, detected: Judged | undefined, ambiguous: Judged | undefined, newOrUsualQuestion: string): 'raise' | FollowUp | undefined {
  if (detected === 'report') return 'raise';
  if (detected === 'long-standing') return flag.asksIfLongStanding ? { flag: flag.id, kind: 'new-or-usual', question: newOrUsualQuestion } : 'raise';
  if (detected === 'uncertain' && !flag.ambiguous) return 'raise';
  if (ambiguous === 'long-standing') return { flag: flag.id, kind: 'new-or-usual', question: newOrUsualQuestion };
  if (flag.ambiguous && (detected === 'uncertain' || ambiguous === 'report' || ambiguous === 'uncertain')) {
    return { flag: flag.id, kind: 'ambiguous', question: flag.ambiguous.question };
  }
  return undefined;
}

function levelOf(flags: readonly string[], rules: RedFlagRules): ScreeningResult['level'] {
  const levels = new Set(flags.map((id) => rules.flags.find((flag) => flag.id === id)?.level));
  if (levels.has('emergency')) return 'emergency';
  if (levels.has('urgent')) return 'urgent';
  return 'none';
}

// ---------------------------------------------------------------------------------------------
// Rules against the analysed message
// ---------------------------------------------------------------------------------------------

interface RunContext {
  readonly ownSymptomsOnly: boolean;
  readonly othersSymptoms: boolean;
  /** The writer tells a trouble of their own that they do not deny or call over (worked out when first needed). */
  readonly ownSymptomsTold: () => boolean;
  /** …and says "I" in telling it ("I hurt my back"), not only "my", which a quoted message may use of someone else. */
  readonly ownTroubleToldAsI: () => boolean;
  /** Whether a pattern occurs in a sentence, worked out once per pattern and sentence. */
  readonly inSentence: (pattern: RegExp, sentence: number) => boolean;
  /** How a mention reads (context.ts), worked out once per place: many rules' parts match the same words. */
  readonly statusOf: (place: MentionPlace, options: StatusOptions) => MentionStatus;
  /** Words saying a feeling has not passed (RedFlagRules.persisting). */
  readonly persisting: RegExp;
  /** The writer holds their own trouble up against someone else's story (framing.ts). */
  readonly comparedWithOwn: boolean;
  readonly evidence: Evidence[] | undefined;
}

/**
 * "…couldn't feel the seat under me. Still can't.": the next sentence says the feeling has not passed.
 * Narrower than the rules' `persisting` words, which read the mention's own sentence: a next
 * sentence counts only when it opens with "still" and says no more ("still can't believe…" does not).
 */
const STILL_SO =
  /^(?:(?:and|but|it|its|i|he|she|hes|shes|im) )*still (?:(?:cant|cannot|can not|couldnt)(?: feel(?: it| anything| a thing| them)?)?(?: at all| properly)?(?= , | ,$|$)|(?:numb|dead|nothing|no feeling|the same)\b)/;

function sentenceTester(analysis: MessageAnalysis): RunContext['inSentence'] {
  const cache = new Map<RegExp, Map<number, boolean>>();
  return (pattern, sentence) => {
    let bySentence = cache.get(pattern);
    if (!bySentence) cache.set(pattern, (bySentence = new Map()));
    let found = bySentence.get(sentence);
    if (found === undefined) bySentence.set(sentence, (found = matches(pattern, analysis.sentences[sentence]?.text ?? '')));
    return found;
  };
}

function statusReader(analysis: MessageAnalysis): RunContext['statusOf'] {
  const cache = new Map<string, MentionStatus>();
  return (place, options) => {
    if (options.ignore) return mentionStatus(analysis, place, options);
    const key = `${place.sentence}:${place.clause}:${place.start}:${place.end}:${options.history}:${options.historyTold ?? ''}`;
    let status = cache.get(key);
    if (status === undefined) cache.set(key, (status = mentionStatus(analysis, place, options)));
    return status;
  };
}

function evaluateRule(analysis: MessageAnalysis, flag: CompiledFlag, rule: CompiledRule, unless: readonly RegExp[], run: RunContext): Judged | undefined {
  const { ownSymptomsOnly, othersSymptoms, ownSymptomsTold, inSentence, statusOf, persisting, evidence } = run;
  const historyPlaces = rule.historyParts.flatMap((partIndex) => findMentions(analysis, rule.parts[partIndex] as RegExp));
  const perPart = rule.parts.map((pattern, partIndex) => {
    const history = flag.history || rule.historyParts.includes(partIndex);
    return findMentions(analysis, pattern).flatMap((place): Found[] => {
      if (unless.some((exclusion) => inSentence(exclusion, place.sentence))) return [];
      const subject = subjectAt(analysis, place);
      if (isNoPatient(subject)) return [];
      if (rule.topicParts.includes(partIndex)) return [{ place, status: 'report', subject, rejudge: () => 'report' }];
      if (flag.personalHistory && subject === 'other' && (ownSymptomsOnly || !othersSymptoms)) return [];
      if (flag.withSameSufferer && subject === 'other' && ownSymptomsOnly && run.ownTroubleToldAsI()) return [];
      // 2026-12-07 probe 34: the writer's own history, and only someone else's symptoms ("I'm a breast cancer survivor, my back is fine; asking for my husband, he has sciatica")
      if (flag.personalHistory && othersSymptoms && saidOfThemselves(analysis, place) && !ownSymptomsTold()) return [];
      const historyTold = history ? undefined : historyToldBeside(historyPlaces, place);
      // "my cousin had a tumour on her spine and lost the use of her legs, that's what scares me": a
      // story held up against the writer's own trouble is over, as far as this message goes
      const mentionClause = analysis.sentences[place.sentence]?.clauses[place.clause];
      const heldUpAgainstOwn = subject === 'other' && run.comparedWithOwn && mentionClause !== undefined && toldAsDone(mentionClause);
      const read = heldUpAgainstOwn ? 'past' : statusOf(place, { history, historyTold });
      const askInstead =
        flag.askInstead.some((pattern) => inSentence(pattern, place.sentence)) &&
        !inSentence(persisting, place.sentence) &&
        !STILL_SO.test(analysis.sentences[place.sentence + 1]?.text ?? '');
      const status = read === 'report' && askInstead ? 'uncertain' : read;
      if (evidence) {
        const clause = analysis.sentences[place.sentence]?.clauses[place.clause]?.text ?? '';
        evidence.push({ flag: flag.id, rule: rule.name, status, subject, text: clause.slice(place.start, place.end) });
      }
      if (status === 'past' || (status === 'negated' && rule.parts.length === 1)) return [];
      const rejudge = (ignore: ReadonlyArray<readonly [number, number]>): MentionStatus => mentionStatus(analysis, place, { history, historyTold, ignore });
      return [{ place, status, subject, rejudge }];
    });
  });
  // A wall of pasted text can repeat a word hundreds of times; the strongest few readings decide.
  const strongestFirst = perPart.map((found) => [...found].sort((a, b) => strength(b.status) - strength(a.status)).slice(0, MAX_MENTIONS_PER_PART));
  return bestCombination(strongestFirst, rule);
}

const MAX_MENTIONS_PER_PART = 24;

/** Whether a history part of the rule is told in the mention's clause or sentence (its time may be the history's). */
function historyToldBeside(historyPlaces: readonly MentionPlace[], place: MentionPlace): 'clause' | 'sentence' | undefined {
  const inSentence = historyPlaces.filter((other) => other.sentence === place.sentence);
  if (inSentence.some((other) => other.clause === place.clause)) return 'clause';
  return inSentence.length > 0 ? 'sentence' : undefined;
}

function strength(status: MentionStatus): number {
  return status === 'negated' || status === 'past' ? 0 : STRENGTH[status];
}

function findMentions(analysis: MessageAnalysis, pattern: RegExp): MentionPlace[] {
  // A pattern that matches no clause cannot match in the whole message either (clauses are pieces
  // of it), so most patterns are ruled out with one search instead of one per clause.
  if (!isAnchored(pattern) && !matches(pattern, analysis.normalized)) return [];
  const places: MentionPlace[] = [];
  analysis.sentences.forEach((sentence, sentenceIndex) => {
    sentence.clauses.forEach((clause, clauseIndex) => {
      for (const match of clause.text.matchAll(pattern)) {
        places.push({ sentence: sentenceIndex, clause: clauseIndex, start: match.index, end: match.index + match[0].length });
      }
    });
  });
  return places;
}

/**
 * Patterns tied to the start or end of a clause (^, $) must be tried clause by clause. A "^" that
 * opens a negated character class ("[^.]") anchors nothing.
 */
const ANCHORED = /(?<!\[)\^|(?<!\\)\$/;
/** Worked out once per pattern rather than once per pattern and message (the rules are fixed at start). */
const anchoredPatterns = new WeakMap<RegExp, boolean>();

function isAnchored(pattern: RegExp): boolean {
  let anchored = anchoredPatterns.get(pattern);
  if (anchored === undefined) anchoredPatterns.set(pattern, (anchored = ANCHORED.test(pattern.source)));
  return anchored;
}

function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

/** The strongest reading over every way of taking one mention per part (parts must not overlap). */
function bestCombination(perPart: ReadonlyArray<readonly Found[]>, rule: CompiledRule): Judged | undefined {
  let best: Judged | undefined;
  const chosen: Found[] = [];
  const walk = (part: number): void => {
    if (part === perPart.length) {
      const status = combine(chosen);
      if (status && (!best || STRENGTH[status] > STRENGTH[best])) best = status;
      return;
    }
    for (const found of perPart[part] ?? []) {
      if (!chosen.every((other) => compatible(other, found, rule))) continue;
      chosen.push(found);
      walk(part + 1);
      chosen.pop();
      if (best === 'report') return;
    }
  };
  walk(0);
  return best;
}

function compatible(a: Found, b: Found, rule: CompiledRule): boolean {
  const inOneClause = sameClause(a.place, b.place);
  if (rule.within === 'clause' && !inOneClause) return false;
  if (rule.within === 'sentence' && a.place.sentence !== b.place.sentence) return false;
  if (inOneClause && a.place.start < b.place.end && b.place.start < a.place.end) return false;
  if (rule.sameSubject && a.subject !== 'unknown' && b.subject !== 'unknown' && a.subject !== b.subject) return false;
  if (rule.inOrder && !comesBefore(a.place, b.place)) return false;
  return true;
}

/** Whether mention a ends before mention b starts, reading the message from the top. */
function comesBefore(a: MentionPlace, b: MentionPlace): boolean {
  if (a.sentence !== b.sentence) return a.sentence < b.sentence;
  if (a.clause !== b.clause) return a.clause < b.clause;
  return a.end <= b.start;
}

/** The weakest reading among the parts; undefined when one part turns out negated or past. */
function combine(found: readonly Found[]): Judged | undefined {
  let weakest: Judged = 'report';
  for (const item of found) {
    let status = item.status;
    if (status === 'negated') {
      const others = found.filter((other) => other !== item && sameClause(other.place, item.place)).map((other): [number, number] => [other.place.start, other.place.end]);
      status = others.length > 0 ? item.rejudge(others) : status;
    }
    if (status === 'negated' || status === 'past') return undefined;
    if (STRENGTH[status] < STRENGTH[weakest]) weakest = status;
  }
  return weakest;
}

function sameClause(a: MentionPlace, b: MentionPlace): boolean {
  return a.sentence === b.sentence && a.clause === b.clause;
}

/**
 * "My mom had cancer, and I have sciatica": someone else's history does not count when the
 * message describes only the writer's own symptoms, nor when it describes no symptom of theirs
 * at all ("my wife is on chemo, I need a time that fits around it").
 */
function whoseSymptoms(analysis: MessageAnalysis, symptomReport: RegExp): { ownSymptomsOnly: boolean; othersSymptoms: boolean } {
  let own = false;
  let someoneElses = false;
  for (const place of findMentions(analysis, symptomReport)) {
    // "my mum had breast cancer. is back pain genetic?": a general question reports no one's symptom;
    // "my friend had a transplant, she doesn't have back pain, it's her knee" tells none (probe 35).
    const status = mentionStatus(analysis, place, { history: false });
    if (status === 'hypothetical' || status === 'negated') continue;
    const subject = subjectAt(analysis, place);
    if (subject === 'self') own = true;
    if (subject === 'other') someoneElses = true;
  }
  return { ownSymptomsOnly: own && !someoneElses, othersSymptoms: someoneElses };
}

interface TroubleReading {
  readonly place: MentionPlace;
  readonly status: MentionStatus;
  readonly subject: Subject;
}

function readTroubles(analysis: MessageAnalysis, historySymptom: RegExp): TroubleReading[] {
  return findMentions(analysis, historySymptom).map((place) => ({
    place,
    status: mentionStatus(analysis, place, { history: false }),
    subject: subjectAt(analysis, place),
  }));
}

const toldAsOver = (status: MentionStatus): boolean => status === 'negated' || status === 'past';

/** "I hurt my back carrying her laundry": a trouble of the writer's own, told with "I" in its clause. */
function writerTellsATroubleAsI(analysis: MessageAnalysis, troubles: readonly TroubleReading[]): boolean {
  return troubles.some(({ place, status, subject }) => {
    if (subject !== 'self' || toldAsOver(status)) return false;
    const clause = analysis.sentences[place.sentence]?.clauses[place.clause];
    return clause !== undefined && /\b(?:i|im|ive|id)\b/.test(clause.text);
  });
}

/** The writer tells a trouble of their own that they do not deny or call over ("my own back is fine" tells none). */
function writerTellsASymptom(troubles: readonly TroubleReading[]): boolean {
  return troubles.some(({ status, subject }) => subject === 'self' && !toldAsOver(status));
}

/**
 * 2026-12-07 probe 34: "on methotrexate for years. My back is fine; I want help with a stiff
 * shoulder", "HIV positive, coming in for a hamstring strain, not my back": the writer's back is
 * said to be fine, and no back, leg or nerve trouble of anyone's is told. The back may be someone
 * else's when the message is about them: "Grandad is 88, a few falls over the years, his back doesn't hurt".
 */
function backIsFineAndNoTrouble(analysis: MessageAnalysis, troubles: readonly TroubleReading[]): boolean {
  const backDenied = troubles.some(({ place, status }) => status === 'negated' && BACK.test(mentionText(analysis, place)));
  return backDenied && troubles.every(({ status }) => toldAsOver(status));
}

// (or any pain denied: "slipped on soft grass, got right up, no pain at all then or since", probe 65)
const BACK = /\b(?:back|spine|pain|hurts?|hurting|sore|aches?|aching)\b/;

function mentionText(analysis: MessageAnalysis, place: MentionPlace): string {
  return analysis.sentences[place.sentence]?.clauses[place.clause]?.text.slice(place.start, place.end) ?? '';
}

const FIRST_PERSON = /^(?:i|im|ive|id|me|myself)$/;

/**
 * "I'm a breast cancer survivor", "chemo in 2011 and I've no back pain": the writer says it of
 * themselves ("I", not "my", which may open someone the screener does not know: "my coach had
 * prostate cancer"), and names no one else in the clause ("my wife and I both had cancer").
 */
function saidOfThemselves(analysis: MessageAnalysis, place: MentionPlace): boolean {
  const clause = analysis.sentences[place.sentence]?.clauses[place.clause];
  if (!clause || clause.refs.some((ref) => ref.subject !== 'self')) return false;
  const ref = clause.refs.filter((other) => other.at <= place.start).at(-1) ?? clause.refs[0];
  return ref !== undefined && FIRST_PERSON.test(clause.text.slice(ref.at, ref.end));
}

function asksAboutTopic(analysis: MessageAnalysis, rules: RedFlagRules): boolean {
  return analysis.sentences.some(
    (sentence) =>
      sentence.questionLike &&
      (matches(rules.redFlagTopic, sentence.text) || (matches(rules.redFlagConcern, sentence.text) && matches(rules.backContext, sentence.text))),
  );
}

// ---------------------------------------------------------------------------------------------
// The shipped screener
// ---------------------------------------------------------------------------------------------

const SHIPPED = createScreener(RULES);
/**
 * Loaded from the model file `npm run build` trained on screening/phrasings/ and
 * knowledge/visitor-questions/ (learnedModel.ts); trained here instead, about 6 s on a 2-core
 * machine, when the file is missing or was trained from other data or code. The logger does not
 * exist yet when this module loads, hence the plain line on stderr.
 */
const LEARNED = loadOrTrainLearnedScreener((reason) => console.warn(`Training the learned screener at start-up: ${reason}`));

/** A flag's own closed question, for the backstop to ask. */
export function followUpFor(flagId: string): FollowUp | undefined {
  const question = RULES.flags.find((flag) => flag.id === flagId)?.question;
  return question === undefined ? undefined : { flag: flagId, kind: 'ambiguous', question };
}

export interface ScreeningOptions {
  /** The message answers a form prompt (a name, a phone number, a time): the rules read it, the model does not. */
  formValue?: boolean;
}

/**
 * Screens one incoming message for red-flag symptoms: the rules, then the learned backstop, which
 * gives a second opinion where the rules saw words of a red flag but read them as no report
 * (negated, past, a question, someone else's, an everyday use); see backstop.ts.
 */
export function screenMessage(text: string, options: ScreeningOptions = {}): ScreeningResult {
  const { normalized: _normalized, mentions: _mentions, model: _model, ...result } = explainMessage(text, options);
  return result;
}

/** Reads the visitor's reply to a follow-up question: "yes" escalates to the flag's level. */
export function answerFollowUp(followUp: FollowUp, replyText: string): 'yes' | 'no' | 'unclear' {
  return SHIPPED.answerFollowUp(followUp, replyText);
}

/** The screening result with the evidence behind it (for tests, the eval script and tuning). */
export function explainMessage(text: string, options: ScreeningOptions = {}): ScreeningExplanation {
  const explained = SHIPPED.explain(text);
  if (options.formValue || !modelMayRead(text, explained.mentions.length > 0)) return explained;
  const model = LEARNED.judge(text);
  const { followUp: _rulesFollowUp, ...evidence } = explained;
  return { ...evidence, ...withBackstop(explained, model, followUpFor, wordsIn(text)), model };
}

/** The rules alone, without the learned backstop (to measure what each part contributes). */
export function screenWithRulesOnly(text: string): ScreeningResult {
  return SHIPPED.screen(text);
}

/** What may be logged about a screening: the decision only, never what the visitor typed. */
export function auditRecord(result: ScreeningResult): RedFlagAuditRecord {
  return {
    rulesVersion: RULES.version,
    level: result.level,
    flags: [...result.flags],
    ...(result.followUp ? { followUpFlag: result.followUp.flag, followUpKind: result.followUp.kind } : {}),
    asksAboutRedFlags: result.asksAboutRedFlags,
    ...(result.learned ? { learned: true } : {}),
  };
}
