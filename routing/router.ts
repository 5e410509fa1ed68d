import type { KnowledgeIndex, SearchOptions } from '../knowledge/retrieval.js';
import { SpellingCorrector } from '../knowledge/spelling.js';
import { startsLikeQuestion, wordsOf } from '../knowledge/textAnalysis.js';
import { containsAny, loadIntents, PhraseIntent, type IntentsFile, type SmalltalkAct } from './intents.js';

export type Route =
  | { kind: 'command'; command: 'help' | 'cancel' | 'restart' }
  | { kind: 'smalltalk'; act: SmalltalkAct }
  | { kind: 'more' }
  | { kind: 'booking' }
  | { kind: 'medication' }
  | { kind: 'topic'; topicId: string }
  | { kind: 'clarify'; topicIds: string[] }
  | { kind: 'unknown' };

export type MessageRouter = (text: string, index: KnowledgeIndex, options?: SearchOptions) => Route;

const COMMANDS = ['help', 'cancel', 'restart'] as const;

/**
 * Builds a router over the given vocabularies. In order: a suggested-action button (exact topic
 * title), a command, "tell me more", a medication question, an appointment request, a message
 * that is only small talk, and finally the knowledge base.
 */
export function createRouter(intents: IntentsFile): MessageRouter {
  const fillers = new Set(intents.fillers);
  const commandPhrases = COMMANDS.map((command) => ({ command, phrases: new Set(intents.commands[command].whole) }));
  const morePhrases = new Set(intents.more.whole);
  const smalltalk = intents.smalltalk.map(({ act, whole }) => ({ act, phrases: new Set(whole) }));
  const medication = new PhraseIntent(intents.medication);
  const booking = new PhraseIntent(intents.booking);
  const intentWords = vocabularyOf(intents);
  const corrector = new SpellingCorrector(intentWords);

  return (text, index, options = {}) => {
    const titled = index.topicByTitle(text);
    if (titled) return { kind: 'topic', topicId: titled };

    // Typos of intent words are corrected even where the knowledge base happens to contain the
    // same typo in an alternate question ("befor coming in" is still "before coming in").
    const correctedWords = (part: string) => wordsOf(part).map((word) => (intentWords.has(word) ? word : corrector.correct(word)));
    const words = correctedWords(text);
    if (words.length === 0) return { kind: 'unknown' };
    const message = words.join(' ');
    const essential = withoutFillers(words, fillers);

    for (const { command, phrases } of commandPhrases) {
      if (phrases.has(essential)) return { kind: 'command', command };
    }
    if (morePhrases.has(essential)) return { kind: 'more' };
    if (medication.matches(message)) {
      const topicId = answeredInstead(medication, text, message, index);
      return topicId ? { kind: 'topic', topicId } : { kind: 'medication' };
    }
    // Booking something we do not offer ("book a flight", "how long to book the babysitter for
    // each appointment") is no appointment request: the knowledge base answers or declines it.
    let bookingElsewhere = false;
    if (booking.matchesIgnoringExceptions(message) && containsAny(message, intents.booking.elsewhere)) {
      // "Book me in Bowie on Monday, I work at the post office": the other place is in another
      // clause than a request that names one of our clinics or our care.
      const clauses = clausesOf(text).map((clause) => correctedWords(clause).join(' '));
      const requestForUs = clauses.some(
        (clause) =>
          booking.matchesIgnoringExceptions(clause) &&
          containsAny(clause, intents.booking.ours) &&
          !containsAny(clause, intents.booking.elsewhere),
      );
      bookingElsewhere = !requestForUs;
    }
    if (!bookingElsewhere && booking.matches(message)) {
      const topicId = answeredInstead(booking, text, message, index);
      return topicId ? { kind: 'topic', topicId } : { kind: 'booking' };
    }
    const act = smalltalkActOf(words, smalltalk, fillers);
    if (act) return { kind: 'smalltalk', act };

    const found = index.search(text, options);
    switch (found.outcome) {
      case 'answer':
        return { kind: 'topic', topicId: found.topicId };
      case 'clarify':
        return { kind: 'clarify', topicIds: found.topicIds };
      case 'none':
        return { kind: 'unknown' };
    }
  };
}

/**
 * The topic that answers a question about an intent ("appointment length?", "should I bring a list
 * of my medications?") instead of the intent itself: the message is a question, does not ask
 * outright for the intent, and the knowledge base is sure of one of the intent's `answeredBy`
 * topics. Undefined when the intent stands.
 */
function answeredInstead(intent: PhraseIntent, text: string, message: string, index: KnowledgeIndex): string | undefined {
  if (intent.answeredBy.size === 0 || !isQuestion(text, message) || intent.asksOutright(message)) return undefined;
  const found = index.search(text);
  return found.outcome === 'answer' && found.sure && intent.answeredBy.has(found.topicId) ? found.topicId : undefined;
}

/**
 * Asked as a question: a question mark, a clause that starts with a question word ("can i come in
 * without…", "im nervous about my eval next week, what do they actually do"), or a few words
 * naming what is asked about ("appointment duration").
 */
function isQuestion(text: string, message: string): boolean {
  if (text.includes('?') || message.split(' ').length <= TERSE_QUESTION_WORDS) return true;
  return startsLikeQuestion(message) || clausesOf(text).some((clause) => startsLikeQuestion(clause));
}

/** A message of this many words or fewer is read as a terse question (the knowledge base must still be sure of it). */
const TERSE_QUESTION_WORDS = 3;

let defaultRouter: MessageRouter | undefined;

/** Routes one visitor message using routing/intents.yaml. */
export function routeMessage(text: string, index: KnowledgeIndex, options?: SearchOptions): Route {
  defaultRouter ??= createRouter(loadIntents());
  return defaultRouter(text, index, options);
}

/** The message's clauses: its parts between sentence ends, commas, semicolons and line breaks. */
function clausesOf(text: string): string[] {
  return text.split(/[.!?;,\n]+/).filter((part) => part.trim().length > 0);
}

/** The message without filler words ("help please" → "help"), or as it was if nothing else is left. */
function withoutFillers(words: readonly string[], fillers: ReadonlySet<string>): string {
  const kept = words.filter((word) => !fillers.has(word));
  return (kept.length > 0 ? kept : words).join(' ');
}

/**
 * The small-talk act of a message made only of small-talk phrases and fillers ("hi", "ok thanks
 * bye", "thank you so much"), the act listed first in intents.yaml when several are present;
 * undefined when anything else is said.
 */
function smalltalkActOf(
  words: readonly string[],
  acts: readonly { act: SmalltalkAct; phrases: ReadonlySet<string> }[],
  fillers: ReadonlySet<string>,
): SmalltalkAct | undefined {
  const whole = words.join(' ');
  for (const { act, phrases } of acts) if (phrases.has(whole)) return act;
  if (words.length > 8) return undefined;

  // Acts found along one way of cutting the message into known phrases, per prefix length.
  const actsUpTo: (Set<number> | undefined)[] = [new Set()];
  for (let end = 1; end <= words.length; end++) {
    for (let start = 0; start < end && !actsUpTo[end]; start++) {
      const before = actsUpTo[start];
      if (!before) continue;
      const piece = words.slice(start, end).join(' ');
      const actIndex = acts.findIndex(({ phrases }) => phrases.has(piece));
      if (actIndex >= 0) actsUpTo[end] = new Set([...before, actIndex]);
      else if (fillers.has(piece)) actsUpTo[end] = before;
    }
  }
  const found = actsUpTo[words.length];
  if (!found || found.size === 0) return undefined;
  return acts[Math.min(...found)]?.act;
}

function vocabularyOf(intents: IntentsFile): Set<string> {
  const texts = [
    ...intents.fillers,
    ...COMMANDS.flatMap((command) => intents.commands[command].whole),
    ...intents.more.whole,
    ...intents.smalltalk.flatMap((entry) => entry.whole),
    ...intents.medication.phrases,
    ...intents.booking.phrases,
    ...intents.booking.unless,
  ];
  const patternWords = [
    ...intents.medication.patterns,
    ...intents.medication.unlessPatterns,
    ...intents.booking.patterns,
    ...intents.booking.unlessPatterns,
  ].flatMap(
    (source) => source.match(/[a-z]{4,}/g) ?? [],
  );
  return new Set([...texts.flatMap((text) => wordsOf(text)), ...patternWords]);
}
