import { splitSentences, type Clause, type Sentence } from './clauses.js';

/**
 * How a symptom is mentioned, judged from the words around it (rules in red-flags.yaml only say
 * what the symptom looks like):
 * - negated: "no numbness down there", "I don't have any bladder issues", "bladder is fine";
 * - hypothetical: a question or lesson about symptoms in general ("can sciatica affect the
 *   bladder?", "what should I do if I lose bladder control?", "I read that…");
 * - uncertain: "not sure if my butt is numb" (worth one closed question);
 * - past: over and done with ("years ago, healed fine");
 * - long-standing: "for years, nothing new" (worth asking whether it is new);
 * - report: anything else, including questions that report ("is it normal that I can't pee?").
 */
export type MentionStatus = 'report' | 'long-standing' | 'uncertain' | 'hypothetical' | 'past' | 'negated';

export type Subject = 'self' | 'other' | 'animal' | 'unknown';

interface PersonRef {
  readonly at: number;
  readonly end: number;
  readonly subject: Exclude<Subject, 'unknown'>;
}

export interface ClauseInfo {
  readonly text: string;
  readonly sentence: number;
  readonly index: number;
  /** Negation carried over from the previous clause of a list: "no numbness, tingling or weakness". */
  readonly negatedByList: boolean;
  /** A question or "if…" frame carried over from the previous clause: "if I lose bladder control, or can't walk". */
  readonly hypotheticalByList: boolean;
  readonly refs: readonly PersonRef[];
}

export interface SentenceInfo {
  readonly text: string;
  readonly questionLike: boolean;
  readonly clauses: readonly ClauseInfo[];
}

export interface MessageAnalysis {
  readonly sentences: readonly SentenceInfo[];
}

// ---------------------------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------------------------

const NEGATION_CUES = new Set([
  'no', 'not', 'never', 'without', 'none', 'nor', 'neither', 'dont', 'doesnt', 'didnt', 'havent', 'hasnt', 'hadnt', 'isnt',
  'arent', 'wasnt', 'werent', 'aint', 'denies', 'deny', 'denied', 'denying', 'nothing', 'zero', 'free', 'absence', 'negative',
  'ruled', 'lack', 'lacks', 'lacking', 'nobody', 'nowhere', 'nope',
]);
/** A cue followed by one of these is not a negation ("no longer", "not sure", "don't know why"). */
const PSEUDO_NEGATION_NEXT: Readonly<Record<string, ReadonlySet<string>>> = {
  no: new Set(['longer', 'idea', 'clue', 'matter', 'wonder']),
  not: new Set(['only', 'just', 'sure', 'certain', 'as', 'even', 'that', 'quite', 'exactly', 'long']),
  dont: new Set(['know', 'understand', 'get', 'care', 'want', 'like', 'mind', 'wait', 'remember', 'see']),
  didnt: new Set(['know', 'realize', 'realise', 'want', 'mean', 'expect', 'see']),
  doesnt: new Set(['know', 'understand', 'want', 'matter', 'mean']),
  nothing: new Set(['but', 'else', 'new']),
  free: new Set([]),
  negative: new Set([]),
  ruled: new Set([]),
};
/** These cues only negate in a fixed phrase: "free of", "negative for", "ruled out". */
const CUE_NEEDS_NEXT: Readonly<Record<string, string>> = { free: 'of', negative: 'for', ruled: 'out', absence: 'of' };

/** Words that end the reach of a negation cue: "I don't know why my legs are weak". */
const SCOPE_BREAKERS = new Set([
  'but', 'however', 'although', 'though', 'except', 'yet', 'because', 'since', 'so', 'which', 'who', 'when', 'why', 'what', 'how',
  'where', 'if', 'until', 'unless', 'while', 'whereas', 'besides', 'then', 'now', 'also', 'anymore', 'suddenly', 'today', 'even',
]);
const SUBJECT_PRONOUNS = new Set(['i', 'im', 'ive', 'id', 'he', 'hes', 'she', 'shes', 'they', 'theyre', 'we', 'it', 'its']);
/** After these a pronoun still lies inside the negation: "I don't think I have numbness". */
const REPORTING_VERBS = new Set(['think', 'believe', 'recall', 'remember', 'notice', 'noticed', 'suppose', 'reckon', 'feel', 'felt', 'say', 'said', 'know', 'realize', 'guess', 'that', 'thing']);
const POSSESSIVES = new Set(['my', 'his', 'her', 'their']);
/** Before these a possessive still lies inside the negation: "no problems with my bladder". */
const PREPOSITIONS = new Set([
  'in', 'on', 'with', 'of', 'to', 'around', 'between', 'down', 'from', 'about', 'into', 'at', 'near', 'by', 'for', 'under', 'over',
  'through', 'across', 'have', 'has', 'had', 'feel', 'felt', 'lost', 'control', 'move', 'use', 'any', 'affecting', 'affected',
]);
const MAX_NEGATION_REACH = 8;

/** A clause of its own (not a list item) has a subject or a verb: "can't pee", "I leak", "leaking urine". */
const OWN_CLAUSE_WORDS = new Set([
  ...SUBJECT_PRONOUNS, 'my', 'his', 'her', 'their', 'there', 'theres', 'cant', 'couldnt', 'wont', 'is', 'are', 'am', 'was', 'were',
  'have', 'has', 'had', 'been', 'keep', 'keeps', 'started', 'starting', 'feel', 'feels', 'felt', 'get', 'getting', 'got', 'do',
  'does', 'did', 'can', 'could', 'will', 'would', 'now', 'just', 'still', 'also', 'really', 'seem', 'seems', 'going', 'gone',
  'went', 'comes', 'came', 'leaking', 'wetting', 'peeing', 'pissing', 'pooping', 'dribbling', 'losing', 'lost', 'giving', 'gave',
  'buckling', 'collapsing', 'having', 'need', 'needs', 'hurts', 'hurt',
]);
const LIST_JOINERS = new Set([',', 'or', 'nor', 'and', ':', '-', '']);

const NEGATIVE_ANSWER = /^(?:no|nope|none|nah|negative|not really|not at all|never|fine|normal|ok|okay|all good|nothing|no problems?|no issues?|none at all)$/;
const FINE_AFTER = /^(?:(?:is|are|was|were|s|has been|have been|seems?|feels?|been|still|all|both|totally|perfectly|completely|seem to be) )*(?:fine|normal|ok|okay|good|unaffected|not affected|alright|all right|working fine|working normally|no problem|perfect)\b/;

const INTERROGATIVE_START = /^(?:what|whats|when|how|hows|why|where|which|who|can|could|does|do|did|is|are|should|would|will|may|might)\b/;
const QUESTION_WORDS = /\b(?:wonder|wondering|want to know|like to know|wanted to know|curious|question|questions|asking (?:about|if|whether)|tell me|explain|info on|information (?:on|about)|learn (?:more )?about|know more about|what are)\b/;

/** "if…", "in case…": a hypothetical, unless the words after it report something happening now. */
const IF_FRAME = /(?:^| )(?:(?<!(?:not sure|dont know|cant tell|unsure|not certain|no idea) )if|in case|incase|whether|suppose|supposing|should (?:i|you|he|she|someone|they|we) (?:ever )?(?:get|have|develop|notice|experience|lose|start))(?= |$)/g;
const REPORT_AFTER_IF = /\b(?:already|currently|right now|at the moment|still|again|anymore)\b/;
const FUTURE_OR_IMAGINED = /\b(?:ever|were to|would|in the future|later on|someday|one day|happens? to|happened to|end up|suddenly start|begin to|start to)\b/;

/** "can sciatica cause…", "does a herniated disc affect…": a question about symptoms in general. */
const CAUSE_FRAME =
  /(?:^| )(?:can|could|does|do|did|will|would|might|may|is it possible (?:for|that)|is it (?:common|normal|usual|possible|likely) (?:for|to)|how (?:can|does|do|could|would)) (?:[a-z0-9]+ ){0,4}?(?:cause|causes|make|makes|affect|affects|lead|leads|give|gives|result|bring|trigger|produce|mean|means|be (?:a )?(?:sign|symptom|related|from|caused|linked|part)|involve|impact|damage|spread|go|get)(?= |$)/g;
const REPORT_AFTER_CAUSE = /\b(?:my|his|her|their|this|these|those|im|ive|hes|shes|i (?:have|cant|am|feel|keep|started))\b/;

/** "I read that…", "watch out for…", "red flags like…": a lesson, not a report. */
const EDUCATION_FRAME =
  /(?:^| )(?:read|reading|heard|hearing|learned|learnt|learning|googled|googling|according to|(?:said|says|told (?:me|us|him|her)|warned (?:me|us|him|her)|mentioned|explained|advised(?: me)?) (?:to|that if|if|about|what to|when to|that you should|i should)|watch (?:out )?for|look(?:ing)? out for|keep an eye (?:out )?for|be aware of|aware of|what to do if|when to (?:go|call|see|worry|seek)|signs? (?:of|like|such as|including)|(?<!(?:have|having|has|got|with) )symptoms? (?:like|such as|including|to watch)|red flags?|warning signs?|such as|for example|things like)(?= |$)/g;

/** A general question with no person in it: "is numbness in the groin serious?". */
const THEY = /^(?:they|theyre|them|their)$/;
const GENERIC_PEOPLE = /\b(?:you|your|youre|someone|somebody|anyone|anybody|people|a person|one|patients|a patient)\b/;
const REPORTING_QUESTION = /^(?:is it|is that|isnt it|would it be|should i be) (?:\w+ )?(?:normal|ok|okay|bad|weird|common|serious|dangerous|fine|worrying|concerning|an emergency|a problem|worried)\b/;

const TIME_NOW =
  /\b(?:since|right now|currently|at the moment|anymore|any more|lately|recently|today|yesterday|tonight|this (?:morning|week|afternoon|evening)|last night|for the (?:past|last)|for (?:\d+|a few|a couple of|couple|several|two|three|four|five) (?:days|hours|weeks)|started|keeps|still)\b/;

const RESOLVED =
  /\b(?:healed|recovered|resolved|went away|gone away|(?:but )?not (?:any ?more|now|these days|nowadays)|no longer (?:there|now|the case)|cleared up|all better|(?:fine|better|ok|okay|good|normal) now|got better|no (?:problems|issues|trouble) since|long gone|(?:it|its|that|thats|which|they|theyre|fever|chills|numbness)(?: s| is| has| have| was| are)? (?:all )?gone(?! numb| dead| weak)|sorted(?: out)?|fully recovered|back to normal|never came back|hasnt come back|went back to normal|passed(?! out| away)|no longer (?:a problem|an issue|there)|in the past)\b/;
const DISTANT_PAST =
  /\b(?:(?:\d+|a few|few|several|many|couple(?: of)?|a couple of|two|three|ten|some) (?:years?|decades?) (?:ago|back)|years ago|decades ago|a year ago|long (?:time )?ago|ages ago|as a (?:kid|child|teen|teenager|baby)|when i was (?:a kid|young|younger|little|a teen|a teenager|in (?:school|college|high school)|\d+|pregnant)|in (?:high school|college|my (?:20s|30s|teens|twenties|thirties))|back in (?:the day|\d{4}|high school|college)|in (?:19|20)\d\d|last year|(?:\d+|a few|several|couple of|many) months ago|before (?:my|i had) (?:kids|children))\b/;
const ONGOING =
  /\b(?:now|currently|still|again|since|today|tonight|this (?:morning|week|evening|afternoon|month)|last night|yesterday|right now|at the moment|lately|recently|new|newly|started|starting|keeps?|(?<!not )anymore|(?<!not )any more|came back|come back|is back|returned|for the (?:past|last)|has been|have been|ive been|hes been|shes been|ever since|continues?|continued|ongoing|getting)\b/;

const LONG_STANDING =
  /\b(?:for (?:many |several |a few |some |\d+ |two |three |four |five |ten )?(?:years|yrs|decades)|(?<!(?:sitting|sat|trying|waiting|standing|toilet|there|bathroom|loo) )for ages|for (?:a )?(?:long time|very long time|while now)|for the (?:last|past) (?:\d+|few|several|many) years|since (?:i was|childhood|birth|forever|(?:my|the) (?:twenties|20s|teens|kids were born|pregnancy|last pregnancy|childbirth|delivery)|\d{4}|having (?:my|the|a) (?:kids|children|baby|babies|son|daughter|twins)|i had (?:my|the) (?:kids|children|baby)|giving birth|childbirth)|(?:all|most of) (?:my|his|her) life|(?:always|ever since) (?:had|been|have|has)|ive always|(?:hes|shes) always|i always|nothing new|not new|same as (?:always|usual|ever|before)|as usual|normal for (?:me|him|her)|usual for (?:me|him|her)|chronic|long ?standing|years now|on and off for (?:years|ages)|(?:hasnt|has not|havent|have not) changed|no change|unchanged|(?:old|existing|known) (?:injury|problem|issue|thing|damage)|had it since)\b/;
const CHANGED =
  /\b(?:(?<!nothing )(?<!not )(?<!nothing really )new|newly|worse|worsening|suddenly|sudden|different|(?<!hasnt )(?<!has not )(?<!havent )(?<!have not )(?<!not )changed|change in|recently|lately|this (?:week|morning|month)|today|yesterday|last night|now|started|starting|spreading|more than usual|than before|anymore|any more|for the first time|out of nowhere)\b/;

const UNCERTAIN = /\b(?:not sure (?:if|whether|that|but)|dont know (?:if|whether)|unsure (?:if|whether)|cant tell (?:if|whether)|hard to (?:say|tell) (?:if|whether)|not certain (?:if|whether)|no idea (?:if|whether))\b/;

const ANIMAL_REF = /\b(?:my|our|the|his|her) (?:[a-z]+ )?(?:dog|dogs|cat|cats|puppy|kitten|pet|rabbit|bunny|hamster|parrot)\b/g;
const OTHER_REF =
  /\b(?:(?:my|our|his|her) (?:mom|mother|dad|father|husband|wife|son|daughter|partner|boyfriend|girlfriend|fiance|fiancee|brother|sister|grandma|grandmother|grandpa|grandfather|granny|nana|grandad|granddad|aunt|uncle|cousin|friend|neighbor|neighbour|coworker|colleague|boss|patient|client|kid|kids|child|baby|parent|parents|spouse|hubby|wifey|mother in law|father in law|stepdad|stepmom|stepfather|stepmother|niece|nephew|roommate|bf|gf|grandson|granddaughter|teen|teenager|elderly \w+)|he|hes|him|she|shes|they|theyre|them|their)\b/g;
const HIS_HER = /\b(?:his|her|hers)\b/g;
const SELF_REF = /\b(?:i|im|ive|id|me|my|myself|mine)\b/g;

// ---------------------------------------------------------------------------------------------
// Building the analysis
// ---------------------------------------------------------------------------------------------

export function analyzeMessage(normalized: string): MessageAnalysis {
  const sentences = splitSentences(normalized).map((sentence, index) => analyzeSentence(sentence, index));
  return { sentences };
}

function analyzeSentence(sentence: Sentence, index: number): SentenceInfo {
  const clauses: ClauseInfo[] = [];
  sentence.clauses.forEach((clause, clauseIndex) => {
    const previous = clauses[clauseIndex - 1];
    const isListItem = previous !== undefined && LIST_JOINERS.has(clause.joinedBy) && !hasOwnClause(clause);
    clauses.push({
      text: clause.text,
      sentence: index,
      index: clauseIndex,
      negatedByList:
        previous !== undefined &&
        (clause.joinedBy === 'nor' || (isListItem && (previous.negatedByList || negatesToEnd(previous.text)))) &&
        !firstWordIs(clause.text, ['but', 'however', 'although', 'though', 'except']),
      hypotheticalByList:
        previous !== undefined && LIST_JOINERS.has(clause.joinedBy) && !startsWithSubject(clause) && (previous.hypotheticalByList || opensFrame(previous.text)),
      refs: personRefs(clause.text),
    });
  });
  const questionLike =
    sentence.endsWithQuestionMark || INTERROGATIVE_START.test(sentence.text) || QUESTION_WORDS.test(sentence.text);
  return { text: sentence.text, questionLike, clauses };
}

function hasOwnClause(clause: Clause): boolean {
  return clause.text.split(' ').some((word) => OWN_CLAUSE_WORDS.has(word) || NEGATION_CUES.has(word));
}

function startsWithSubject(clause: Clause): boolean {
  const words = clause.text.split(' ');
  const first = words[0] === 'and' || words[0] === 'or' ? words[1] : words[0];
  return first !== undefined && (SUBJECT_PRONOUNS.has(first) || POSSESSIVES.has(first));
}

function firstWordIs(text: string, words: readonly string[]): boolean {
  return words.includes(text.split(' ')[0] ?? '');
}

function opensFrame(text: string): boolean {
  return new RegExp(IF_FRAME.source).test(text) || new RegExp(EDUCATION_FRAME.source).test(text);
}

function personRefs(text: string): PersonRef[] {
  const refs: PersonRef[] = [];
  const taken: Array<[number, number]> = [];
  const add = (pattern: RegExp, subject: PersonRef['subject']): void => {
    for (const match of text.matchAll(pattern)) {
      const at = match.index;
      const end = at + match[0].length;
      if (taken.some(([from, to]) => at < to && end > from)) continue;
      taken.push([at, end]);
      refs.push({ at, end, subject });
    }
  };
  add(ANIMAL_REF, 'animal');
  add(OTHER_REF, 'other');
  add(HIS_HER, 'other');
  add(SELF_REF, 'self');
  return refs.sort((a, b) => a.at - b.at);
}

// ---------------------------------------------------------------------------------------------
// Judging one mention
// ---------------------------------------------------------------------------------------------

export interface MentionPlace {
  readonly sentence: number;
  readonly clause: number;
  readonly start: number;
  readonly end: number;
}

export interface StatusOptions {
  /** A history ("had cancer years ago") still counts however long ago it was. */
  readonly history: boolean;
  /**
   * Spans of the same clause taken by other parts of the rule: a "not" inside them belongs to
   * that phrase ("pain doesn't let up even when lying still") and negates nothing else.
   */
  readonly ignore?: ReadonlyArray<readonly [number, number]>;
}

export function mentionStatus(analysis: MessageAnalysis, place: MentionPlace, options: StatusOptions): MentionStatus {
  const sentence = analysis.sentences[place.sentence];
  const clause = sentence?.clauses[place.clause];
  if (!sentence || !clause) return 'report';
  if (isNegated(analysis, sentence, clause, place, options.ignore ?? [])) return 'negated';
  if (isHypothetical(sentence, clause, place)) return 'hypothetical';
  if (UNCERTAIN.test(clause.text.slice(0, place.start))) return 'uncertain';
  if (!options.history && isPast(sentence, clause)) return 'past';
  if (isLongStanding(sentence, clause)) return 'long-standing';
  return 'report';
}

function isNegated(
  analysis: MessageAnalysis,
  sentence: SentenceInfo,
  clause: ClauseInfo,
  place: MentionPlace,
  ignore: ReadonlyArray<readonly [number, number]>,
): boolean {
  if (clause.negatedByList) return true;
  // Words before the mention; those inside another part's phrase are replaced by a neutral word.
  const words: string[] = [];
  let offset = 0;
  for (const word of clause.text.slice(0, place.start).split(' ')) {
    if (word !== '') words.push(ignore.some(([from, to]) => offset >= from && offset < to) ? '_' : word);
    offset += word.length + 1;
  }
  if (negationReaches(words, MAX_NEGATION_REACH)) return true;
  const after = clause.text.slice(place.end).trim();
  if (FINE_AFTER.test(after)) return true;
  // "Saddle numbness: no." / "Any numbness down there? No."
  const nextClause = sentence.clauses[place.clause + 1];
  if (nextClause && (nextClause.text === '' || NEGATIVE_ANSWER.test(nextClause.text)) && after === '') return true;
  const nextSentence = analysis.sentences[place.sentence + 1];
  const answer = nextSentence?.clauses[0]?.text;
  if (!nextClause && after === '' && sentence.questionLike && answer !== undefined && NEGATIVE_ANSWER.test(answer)) return true;
  return false;
}

/** Whether a negation cue among `words` reaches their end (the mention that follows them). */
function negationReaches(words: readonly string[], maxReach: number): boolean {
  for (let index = words.length - 1; index >= 0; index -= 1) {
    const word = words[index] ?? '';
    const distance = words.length - 1 - index;
    if (isNegationCue(words, index)) return distance <= maxReach;
    if (SCOPE_BREAKERS.has(word)) return false;
    const previous = words[index - 1] ?? '';
    if (SUBJECT_PRONOUNS.has(word) && !REPORTING_VERBS.has(previous) && !NEGATION_CUES.has(previous)) return false;
    if (POSSESSIVES.has(word) && !PREPOSITIONS.has(previous) && !NEGATION_CUES.has(previous)) return false;
  }
  return false;
}

function isNegationCue(words: readonly string[], index: number): boolean {
  const word = words[index] ?? '';
  if (!NEGATION_CUES.has(word)) return false;
  const next = words[index + 1] ?? '';
  if (PSEUDO_NEGATION_NEXT[word]?.has(next)) return false;
  const needed = CUE_NEEDS_NEXT[word];
  if (needed !== undefined && next !== needed) return false;
  // "can't walk without falling" says the opposite of "without".
  if (word === 'without' && words.slice(Math.max(0, index - 3), index).some((w) => w === 'cant' || w === 'couldnt')) return false;
  // "whether or not", "if not"
  if (word === 'not' && (words[index - 1] === 'or' || words[index - 1] === 'if')) return false;
  // "lost weight without trying and pain at night": "without" + a verb in -ing negates only that verb.
  if (word === 'without' && /ing$/.test(next) && index + 2 < words.length) return false;
  return true;
}

/** A cue whose reach is not broken before the clause ends ("no numbness, tingling or weakness"). */
function negatesToEnd(text: string): boolean {
  return negationReaches(text.split(' '), Number.POSITIVE_INFINITY);
}

function isHypothetical(sentence: SentenceInfo, clause: ClauseInfo, place: MentionPlace): boolean {
  const before = clause.text.slice(0, place.start);
  const education = lastMatchEnd(EDUCATION_FRAME, before);
  if (education !== undefined) return true;
  const ifFrame = lastMatchEnd(IF_FRAME, before);
  if (ifFrame !== undefined) {
    const afterIf = clause.text.slice(ifFrame).trim();
    // "if" frames a hypothetical ("what do I do if I can't feel my legs"), unless the words say it is
    // happening now ("…if I haven't peed since last night").
    return FUTURE_OR_IMAGINED.test(afterIf) || !(REPORT_AFTER_IF.test(afterIf) || TIME_NOW.test(clause.text));
  }
  if (clause.hypotheticalByList && !TIME_NOW.test(clause.text)) return true;
  if (!sentence.questionLike) return false;
  const cause = lastMatchEnd(CAUSE_FRAME, before);
  if (cause !== undefined) return !(REPORT_AFTER_CAUSE.test(clause.text.slice(cause)) || TIME_NOW.test(clause.text));
  // "is numbness in the groin serious?" (no one in it) vs "is it normal that I can't pee?" (a report).
  // "when someone can't feel their bum": "their" is the someone, not a real person.
  const generic = GENERIC_PEOPLE.test(sentence.text);
  const personal = sentence.clauses.some((c) =>
    c.refs.some((ref) => ref.subject === 'self' || (ref.subject === 'other' && !(generic && THEY.test(c.text.slice(ref.at, ref.end))))),
  );
  if (REPORTING_QUESTION.test(sentence.text) || TIME_NOW.test(sentence.text)) return false;
  if (!personal) return INTERROGATIVE_START.test(sentence.text) || generic;
  // "would weakness in both legs mean I need surgery?": the symptom is asked about before anyone has it.
  return INTERROGATIVE_START.test(sentence.text) && place.clause === 0 && !clause.refs.some((ref) => ref.at < place.end);
}

function lastMatchEnd(pattern: RegExp, text: string): number | undefined {
  let end: number | undefined;
  for (const match of text.matchAll(new RegExp(pattern.source, 'g'))) end = match.index + match[0].length;
  return end;
}

function isPast(sentence: SentenceInfo, clause: ClauseInfo): boolean {
  if (ONGOING.test(clause.text)) return false;
  const texts = relatedClauses(sentence, clause);
  // "weak since my stroke 5 years ago, hasn't changed" is long-standing, not over.
  if (texts.some((text) => LONG_STANDING.test(text)) && !texts.some((text) => RESOLVED.test(text))) return false;
  return texts.some((text) => RESOLVED.test(text) || DISTANT_PAST.test(text));
}

function isLongStanding(sentence: SentenceInfo, clause: ClauseInfo): boolean {
  const texts = relatedClauses(sentence, clause);
  return texts.some((text) => LONG_STANDING.test(text)) && !texts.some((text) => CHANGED.test(text));
}

/**
 * The clause itself and the clauses of its sentence that have no subject of their own, so they
 * say more about the same thing: "I had a car accident years ago, healed fine", "…, nothing new".
 * "my legs are weak but my back pain went away" keeps the two apart.
 */
function relatedClauses(sentence: SentenceInfo, clause: ClauseInfo): string[] {
  return sentence.clauses
    .filter((other) => other.index === clause.index || !namesItsOwnSubject(other.text))
    .map((other) => other.text);
}

const LEADING_JOINERS = new Set(['but', 'and', 'or', 'so', 'then', 'although', 'though', 'however', 'plus', 'also']);
const OWN_SUBJECTS = new Set(['i', 'im', 'ive', 'id', 'my', 'he', 'hes', 'she', 'shes', 'his', 'her', 'their', 'we', 'now', 'the', 'both', 'there', 'theres']);

function namesItsOwnSubject(text: string): boolean {
  const words = text.split(' ');
  let index = 0;
  while (LEADING_JOINERS.has(words[index] ?? '')) index += 1;
  return OWN_SUBJECTS.has(words[index] ?? '');
}

// ---------------------------------------------------------------------------------------------
// Whose symptom it is
// ---------------------------------------------------------------------------------------------

/** The person a mention is about: the nearest person named before it, else after it, else earlier on. */
export function subjectAt(analysis: MessageAnalysis, place: MentionPlace): Subject {
  const sentence = analysis.sentences[place.sentence];
  const clause = sentence?.clauses[place.clause];
  if (!clause) return 'unknown';
  const before = clause.refs.filter((ref) => ref.at <= place.start).at(-1);
  if (before) return before.subject;
  const after = clause.refs.find((ref) => ref.at > place.start);
  if (after) return after.subject;
  for (let s = place.sentence; s >= 0; s -= 1) {
    const clauses = analysis.sentences[s]?.clauses ?? [];
    const from = s === place.sentence ? place.clause - 1 : clauses.length - 1;
    for (let c = from; c >= 0; c -= 1) {
      const last = clauses[c]?.refs.at(-1);
      if (last) return last.subject;
    }
  }
  return 'unknown';
}
