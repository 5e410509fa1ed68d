/**
 * Cuts a normalized message into sentences and clauses. Negation, questions and time words are
 * judged within a clause, so "no numbness, but I can't pee" keeps the "no" away from "can't pee",
 * and run-on text ("my back hurts i cant pee") still splits where a new subject starts.
 */

export interface Clause {
  /** Words of the clause, single-spaced, without the punctuation that ended it. */
  readonly text: string;
  /** What joined it to the previous clause: "," ":" "-" or a word such as "but", "and", "or"; "" for the first. */
  readonly joinedBy: string;
}

export interface Sentence {
  readonly text: string;
  /** Ended with "?" (whether it reads as a question is decided later). */
  readonly endsWithQuestionMark: boolean;
  readonly clauses: readonly Clause[];
}

const SENTENCE_END = new Set(['.', '!', '?', ';']);
const CLAUSE_PUNCTUATION = new Set([',', ':', '-']);
/** Words that always start a new clause (and stay at its start, so later steps can see them). */
const CONTRAST = new Set(['but', 'however', 'although', 'though', 'except', 'whereas', 'because', 'otherwise', 'nor', 'plus']);
/** Words that start a new clause only when a new subject or verb follows ("and my legs…", "and cant pee"). */
const JOINERS = new Set(['and', 'or', 'so', 'then', 'also', 'now']);
/** Words that begin a fresh statement after a joiner. */
const FRESH_START = new Set([
  'i', 'im', 'ive', 'id', 'he', 'hes', 'she', 'shes', 'they', 'theyre', 'we', 'it', 'its', 'my', 'his', 'her', 'their', 'our',
  'there', 'theres', 'now', 'then', 'cant', 'can', 'couldnt', 'dont', 'doesnt', 'didnt', 'havent', 'hasnt', 'have', 'has', 'had',
  'keep', 'keeps', 'started', 'am', 'is', 'are', 'was', 'feel', 'feels', 'get', 'got', 'also', 'still', 'this', 'that', 'thats',
  'when', 'whenever', 'sometimes', 'today', 'yesterday', 'suddenly', 'lately', 'recently',
]);
/** Subject pronouns that start a new clause in run-on text, unless the word before glues them on. */
const PRONOUNS = new Set(['i', 'im', 'ive', 'he', 'hes', 'she', 'shes', 'they', 'theyre', 'we']);
const GLUE_BEFORE_PRONOUN = new Set([
  'when', 'whenever', 'if', 'that', 'because', 'as', 'while', 'since', 'until', 'till', 'after', 'before', 'than', 'so', 'and',
  'or', 'but', 'what', 'how', 'why', 'where', 'who', 'which', 'whether', 'do', 'did', 'does', 'can', 'could', 'should', 'would',
  'will', 'am', 'was', 'were', 'is', 'are', 'think', 'know', 'knew', 'said', 'says', 'say', 'tell', 'told', 'feel', 'felt', 'wish',
  'hope', 'guess', 'mean', 'realize', 'realise', 'realized', 'notice', 'noticed', 'unless', 'like', 'though', 'although', 'cant',
  'dont', 'didnt', 'doesnt', 'believe', 'sure', 'worried', 'afraid', 'scared', 'hoping', 'wonder', 'wondering', 'thought', 'swear',
  'then', 'now', 'also', 'even', 'just', 'ever', 'where', 'whereas', 'plus', 'nor', 'once', 'bet', 'suppose', 'reckon', 'seems',
  'seem', 'maybe', 'normal', 'okay', 'ok', 'weird', 'bad', 'possible', 'common', 'why', 'wish', 'hear', 'heard', 'see', 'saw',
  // heads of relative clauses: "nothing I do helps", "the first time I've had", "everything I try"
  'nothing', 'something', 'anything', 'everything', 'thing', 'things', 'time', 'way', 'all', 'one', 'stuff', 'much', 'day',
  // nouns whose clause follows without "that": "the feeling I need to go", "the urge she has to"
  'feeling', 'sensation', 'urge', 'sense', 'impression',
  // "whatever I do", "whichever way I lie", "whatever position I sleep in"
  'whatever', 'whichever', 'wherever', 'position', 'positions',
]);

/** A clause that already has one of these says something, so a following "i…" starts a new one. */
const PREDICATES = new Set([
  'is', 'are', 'am', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'hurts', 'hurt', 'hurting', 'cant', 'can', 'could', 'couldnt',
  'dont', 'doesnt', 'didnt', 'feel', 'feels', 'felt', 'went', 'gone', 'got', 'get', 'keeps', 'keep', 'started', 'aches', 'ache',
  'aching', 'killing', 'numb', 'weak', 'tingling', 'burning', 'sore', 'bad', 'worse', 'fine', 'ok', 'okay', 'isnt', 'arent', 'wasnt',
  'wont', 'need', 'needs', 'want', 'wants', 'help', 'please', 'thanks', 'hi', 'hello', 'hey', 'yes', 'no', 'ago', 'today',
  'yesterday', 'now', 'since', 'fell', 'hit', 'lost', 'gave', 'giving', 'leaking', 'peed', 'wet', 'happened', 'says', 'said',
]);

/** "and today i cant…": a joiner and a time word lead into the clause that follows, not a clause of their own. */
function isJoinerAndTime(words: readonly string[]): boolean {
  return words.length === 2 && (JOINERS.has(words[0] ?? '') || CONTRAST.has(words[0] ?? '')) && TIME_WORDS.has(words[1] ?? '');
}
const TIME_WORDS = new Set(['today', 'now', 'tonight', 'yesterday', 'suddenly', 'since']);

export function splitSentences(normalized: string): Sentence[] {
  const sentences: Sentence[] = [];
  let words: string[] = [];
  let question = false;
  const flush = (): void => {
    if (words.length > 0) sentences.push({ text: words.join(' '), endsWithQuestionMark: question, clauses: splitClauses(words) });
    words = [];
    question = false;
  };
  for (const token of normalized.split(' ')) {
    if (token === '') continue;
    if (!SENTENCE_END.has(token)) {
      words.push(token);
      continue;
    }
    if (token === '?') question = true;
    if (words.length > 0) flush();
    else if (token === '?') markLastAsQuestion(sentences); // "really?!" or "…??"
  }
  flush();
  return sentences;
}

function markLastAsQuestion(sentences: Sentence[]): void {
  const last = sentences.at(-1);
  if (last && !last.endsWithQuestionMark) sentences[sentences.length - 1] = { ...last, endsWithQuestionMark: true };
}

function splitClauses(words: readonly string[]): Clause[] {
  const clauses: Clause[] = [];
  let current: string[] = [];
  let joinedBy = '';
  const startNew = (by: string): void => {
    if (current.length > 0) clauses.push({ text: current.join(' '), joinedBy });
    current = [];
    joinedBy = by;
  };
  words.forEach((word, index) => {
    const previous = words[index - 1];
    const next = words[index + 1];
    if (CLAUSE_PUNCTUATION.has(word)) {
      startNew(word);
      return;
    }
    if (CONTRAST.has(word) && current.length > 0) startNew(word);
    else if (JOINERS.has(word) && !current.every((w) => JOINERS.has(w)) && next !== undefined && !nowAndThen(previous, word, next) && FRESH_START.has(next) && !sharesTheVerb(current, word) && !adverbAfterSubject(current, word)) startNew(word);
    else if (PRONOUNS.has(word) && previous !== undefined && !GLUE_BEFORE_PRONOUN.has(previous) && !reportedSpeech(words, index) && current.length > 1 && current.some((w) => PREDICATES.has(w)) && !isJoinerAndTime(current)) startNew('');
    current.push(word);
  });
  startNew('');
  return clauses;
}

/** "now and then", "now and again": one word for "sometimes", no "and then…" clause. */
function nowAndThen(previous: string | undefined, joiner: string, next: string): boolean {
  return previous === 'now' && joiner === 'and' && (next === 'then' || next === 'again');
}

/** "can't get or keep an erection", "couldn't feel or move": two verbs after one "can't" share it and its object. */
function sharesTheVerb(current: readonly string[], joiner: string): boolean {
  return (joiner === 'or' || joiner === 'nor') && MODAL_INABILITY.has(current.at(-2) ?? '');
}
const MODAL_INABILITY = new Set(['cant', 'couldnt', 'barely', 'hardly', 'to']);

/** "the sciatica now is in both legs", "my foot also drags": an adverb after a subject with no verb yet. */
function adverbAfterSubject(current: readonly string[], joiner: string): boolean {
  return (joiner === 'now' || joiner === 'also' || joiner === 'then') && current.length <= 4 && !current.some((w) => PREDICATES.has(w) || PRONOUNS.has(w));
}

/** "everyone keeps telling me I look thin", "the nurse told him he…": what was said goes on in the same clause. */
function reportedSpeech(words: readonly string[], index: number): boolean {
  return OBJECT_PRONOUNS.has(words[index - 1] ?? '') && SPEECH_VERBS.has(words[index - 2] ?? '');
}
const OBJECT_PRONOUNS = new Set(['me', 'him', 'her', 'us', 'them']);
const SPEECH_VERBS = new Set(['tell', 'tells', 'telling', 'told', 'remind', 'reminds', 'reminded', 'warn', 'warned', 'warns', 'assure', 'assured', 'convince', 'convinced', 'promise', 'promised', 'show', 'showed', 'shown']);
