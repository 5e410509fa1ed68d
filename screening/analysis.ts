import { splitSentences, type Clause, type Sentence } from './clauses.js';
import { isQuestionLike, opensFrame } from './framing.js';
import { NEGATION_CUES, POSSESSIVES, SUBJECT_PRONOUNS, negatesToEnd } from './negation.js';
import { personRefs, resolvePronouns, type PersonRef } from './people.js';

/**
 * A message cut into sentences and clauses, with what carries over from one clause to the next
 * of a list ("no numbness, tingling or weakness"; "if I lose bladder control, or can't walk") and
 * the people each clause names.
 */

export interface ClauseInfo {
  readonly text: string;
  readonly sentence: number;
  readonly index: number;
  /** What joined it to the previous clause ("," ":" "-", "but", "and"…; "" for the first). */
  readonly joinedBy: string;
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
  /** The whole normalized message. */
  readonly normalized: string;
  readonly sentences: readonly SentenceInfo[];
}

/** Where a rule's pattern matched: a span of one clause's text. */
export interface MentionPlace {
  readonly sentence: number;
  readonly clause: number;
  readonly start: number;
  readonly end: number;
}

/** A clause of its own (not a list item) has a subject or a verb: "can't pee", "I leak", "leaking urine". */
const OWN_CLAUSE_WORDS = new Set([
  ...SUBJECT_PRONOUNS, 'my', 'his', 'her', 'their', 'there', 'theres', 'cant', 'couldnt', 'wont', 'is', 'are', 'am', 'was', 'were',
  'have', 'has', 'had', 'been', 'keep', 'keeps', 'started', 'starting', 'feel', 'feels', 'felt', 'get', 'getting', 'got', 'do',
  'does', 'did', 'can', 'could', 'will', 'would', 'now', 'just', 'still', 'also', 'really', 'seem', 'seems', 'going', 'gone',
  'went', 'comes', 'came', 'leaking', 'wetting', 'peeing', 'pissing', 'pooping', 'dribbling', 'losing', 'lost', 'giving', 'gave',
  'buckling', 'collapsing', 'having', 'need', 'needs', 'hurts', 'hurt',
]);
const LIST_JOINERS = new Set([',', 'or', 'nor', 'and', ':', '-', '']);
/** An age put in as an aside ("never had a backache before, age 61, …") is no item of a negated list. */
const AGE_ASIDE = /^(?:and )?(?:age|aged|at|now) \d{1,3}$|^\d{1,3} (?:year old|years old|years of age|yrs)$/;

export function analyzeMessage(normalized: string): MessageAnalysis {
  const sentences = splitSentences(normalized).map((sentence, index) => analyzeSentence(sentence, index));
  resolvePronouns(sentences.flatMap((sentence) => sentence.clauses.map((clause) => clause.refs)));
  return { normalized, sentences };
}

function analyzeSentence(sentence: Sentence, index: number): SentenceInfo {
  const clauses: ClauseInfo[] = [];
  sentence.clauses.forEach((clause, clauseIndex) => {
    const previous = clauses[clauseIndex - 1];
    const isListItem = previous !== undefined && LIST_JOINERS.has(clause.joinedBy) && !hasOwnClause(clause) && !AGE_ASIDE.test(clause.text);
    clauses.push({
      text: clause.text,
      sentence: index,
      index: clauseIndex,
      joinedBy: clause.joinedBy,
      negatedByList:
        previous !== undefined &&
        (clause.joinedBy === 'nor' || (isListItem && (previous.negatedByList || negatesToEnd(previous.text)))) &&
        !firstWordIs(clause.text, ['but', 'however', 'although', 'though', 'except']) &&
        // "no prior back pain, new constant back pain for 5 weeks": an item told as new is a report
        !NEW_ITEM.test(clause.text),
      hypotheticalByList:
        previous !== undefined &&
        LIST_JOINERS.has(clause.joinedBy) &&
        // "if I ever get numbness down there, or my legs go weak": an "or" item goes on with the frame
        (!startsWithSubject(clause) || firstWordIs(clause.text, ['or'])) &&
        !startsWithNow(clause) &&
        (previous.hypotheticalByList || opensFrame(previous.text)),
      refs: personRefs(clause.text),
    });
  });
  return { text: sentence.text, questionLike: isQuestionLike(sentence.text, sentence.endsWithQuestionMark), clauses };
}

function hasOwnClause(clause: Clause): boolean {
  return clause.text.split(' ').some((word) => OWN_CLAUSE_WORDS.has(word) || NEGATION_CUES.has(word));
}

function startsWithSubject(clause: Clause): boolean {
  const words = clause.text.split(' ');
  // "…according to my GI, but I've dropped 15 lb": "but" and a subject of its own end the frame.
  const first = words[0] === 'and' || words[0] === 'or' || words[0] === 'but' ? words[1] : words[0];
  return first !== undefined && (SUBJECT_PRONOUNS.has(first) || POSSESSIVES.has(first));
}

/** "…watch out for bladder problems, and now I can't pee": what follows "now" is happening, not imagined. */
function startsWithNow(clause: Clause): boolean {
  const words = clause.text.split(' ');
  const first = words[0] === 'and' || words[0] === 'or' || words[0] === 'so' || words[0] === 'well' ? words[1] : words[0];
  return first !== undefined && NOW_WORDS.has(first);
}
/** A list item that starts by calling itself new (not "new or old"). */
const NEW_ITEM = /^(?:and )?(?:new|newly)\b(?! or\b)/;
const NOW_WORDS = new Set(['now', 'today', 'tonight', 'suddenly', 'currently', 'already']);

function firstWordIs(text: string, words: readonly string[]): boolean {
  return words.includes(text.split(' ')[0] ?? '');
}
