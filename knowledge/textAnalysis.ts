import { stemmer } from 'stemmer';
import type { SpellingCorrector } from './spelling.js';
import type { Synonyms } from './synonyms.js';

/**
 * Turns free text (knowledge-base entries and what visitors type) into the terms the retrieval
 * index compares: normalized, split into words, typo-corrected (queries only), stemmed, with
 * domain synonyms folded into one term per group and filler words dropped.
 */

/**
 * At most this much of a message is analysed: enough for any real question, bounded cost for the
 * rest. Of a longer message, its start (who and what) and its end (where people put the
 * question after a long story) are kept.
 */
export const MAX_ANALYSED_CHARS = 1000;
const KEPT_START_CHARS = 300;
const MAX_WORDS = 200;

function startAndEnd(raw: string): string {
  if (raw.length <= MAX_ANALYSED_CHARS) return raw;
  return `${raw.slice(0, KEPT_START_CHARS)}\n${raw.slice(raw.length - (MAX_ANALYSED_CHARS - KEPT_START_CHARS))}`;
}

/**
 * Lowercase text without accents, HTML tags, entities or invisible characters (zero-width
 * spaces, bidi marks, soft hyphens), curly apostrophes made straight.
 */
export function normalizeText(raw: string): string {
  return startAndEnd(raw)
    .replace(/<[^<>]{0,200}>/g, ' ')
    .replace(/&amp;/gi, ' and ')
    .replace(/&(?:[a-z]{2,8}|#\d{1,6}|#x[0-9a-f]{1,6});/gi, ' ')
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/&/g, ' and ')
    .toLowerCase();
}

/** Words of normalized text: "x-ray" → x, ray; "doctor's" → doctor; "don't" → dont. */
export function splitWords(normalized: string): string[] {
  const words: string[] = [];
  for (const match of normalized.matchAll(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu)) {
    words.push(match[0].replace(/'s$/, '').replace(/'/g, ''));
    if (words.length >= MAX_WORDS) break;
  }
  return words;
}

/** The words of any text, as they are compared (no stemming): normalizeText then splitWords. */
export function wordsOf(text: string): string[] {
  return splitWords(normalizeText(text));
}

/**
 * Words that carry no topic: articles, pronouns, auxiliaries, fillers. Question words that do
 * point somewhere ("where", "when", "why", "long", "much") are deliberately kept.
 */
const STOPWORDS = new Set(
  `a an the and or but if then so of to in on at by for with about from into onto off up out over
  i me my mine myself you your yours yourself we us our it its they them their he him his she her
  this that these those there here is am are was were be been being do does did doing have has had
  having can could will would shall should may might must who whom how just really
  very also too please pls plz um uh umm hmm ok okay im ive id ill dont doesnt didnt cant cannot
  wont isnt arent wasnt werent couldnt wouldnt shouldnt hasnt havent hadnt aint hows thats theres youre theyre get gets got getting any some
  anything something all such as than like not no yes s t d ll re ve m want wants wanted wanna know tell
  let lets say said maybe still even ever again well hi hello hey thanks thank thx u ur r gonna
  gotta wil shes hes whos itll itd youve youll youd weve theyve theyll theyd
  hed wed thatll wouldve couldve shouldve whatre hw abt bc cuz coz tho thru w kinda sorta lemme`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

export interface AnalysedTerm {
  /** The term compared with the index: a stem ("stretch") or a synonym group's term ("physical_therapy"). */
  readonly term: string;
  /** The word or words it came from, after typo correction. */
  readonly source: string;
  /** True when a typo correction produced this term. */
  readonly corrected: boolean;
  /** Position of its first word among the message's words (as numbered by wordsOf), and how many words it spans. */
  readonly position: number;
  readonly length: number;
}

export class TextAnalyzer {
  /** Stems of a phrase joined by spaces → the term of its synonym group. */
  private readonly phraseTerms = new Map<string, string>();
  private readonly longestPhrase: number;

  constructor(synonyms: Synonyms) {
    let longest = 1;
    for (const group of synonyms.groups) {
      const [canonical] = group;
      if (canonical === undefined) continue;
      const groupTerm = stemsOf(canonical).join('_');
      for (const phrase of group) {
        const stems = stemsOf(phrase);
        if (stems.length === 0) continue;
        longest = Math.max(longest, stems.length);
        this.phraseTerms.set(stems.join(' '), groupTerm);
      }
    }
    this.longestPhrase = longest;
  }

  /** Terms of knowledge-base text, spelled as written. */
  terms(text: string): string[] {
    return this.analyse(text).map((item) => item.term);
  }

  /** Terms of what a visitor typed, each typo corrected toward `corrector`'s vocabulary when given. */
  analyse(text: string, corrector?: SpellingCorrector): AnalysedTerm[] {
    const words = wordsOf(text);
    const corrections = words.map((word) => (corrector ? corrector.correct(word) : word));
    // Words split apart are joined into their first position; the positions they spanned stay empty.
    const spans = words.map(() => 1);
    if (corrector) joinSplitWords(words, corrections, spans, corrector);
    const stems = corrections.map((word) => stemmer(word));
    const terms: AnalysedTerm[] = [];
    let index = 0;
    while (index < words.length) {
      const wasCorrected = (from: number, to: number): boolean =>
        corrections.slice(from, to).some((word, offset) => word !== words[from + offset]);
      if ((spans[index] ?? 1) > 1) {
        const span = spans[index] ?? 1;
        const word = corrections[index] ?? '';
        const phrase = this.phraseTerms.get(stems[index] ?? '');
        terms.push({ term: phrase ?? stems[index] ?? word, source: word, corrected: true, position: index, length: span });
        index += span;
        continue;
      }
      const phrase = this.longestPhraseAt(stems, index);
      if (phrase) {
        terms.push({
          term: phrase.term,
          source: corrections.slice(index, index + phrase.length).join(' '),
          corrected: wasCorrected(index, index + phrase.length),
          position: index,
          length: phrase.length,
        });
        index += phrase.length;
        continue;
      }
      const word = corrections[index] ?? '';
      const stem = stems[index] ?? '';
      if (!isStopword(word) && !isStopword(words[index] ?? '') && stem.length > 0) {
        terms.push({ term: stem, source: word, corrected: wasCorrected(index, index + 1), position: index, length: 1 });
      }
      index += 1;
    }
    return terms;
  }

  private longestPhraseAt(stems: readonly string[], start: number): { term: string; length: number } | undefined {
    for (let length = Math.min(this.longestPhrase, stems.length - start); length >= 1; length--) {
      const term = this.phraseTerms.get(stems.slice(start, start + length).join(' '));
      if (term !== undefined) return { term, length };
    }
    return undefined;
  }
}

/** Longest parts first: "m r i" as one word before "r i". */
const MAX_SPLIT_PARTS = 3;

function joinSplitWords(words: readonly string[], corrections: string[], spans: number[], corrector: SpellingCorrector): void {
  for (let index = 0; index < words.length; index++) {
    for (let parts = Math.min(MAX_SPLIT_PARTS, words.length - index); parts >= 2; parts--) {
      const joined = corrector.joined(words.slice(index, index + parts));
      if (joined === undefined) continue;
      corrections[index] = joined;
      spans[index] = parts;
      for (let offset = 1; offset < parts; offset++) corrections[index + offset] = '';
      index += parts - 1;
      break;
    }
  }
}

/**
 * A question word at the start, after any openers ("ok and what do I bring", "so how long"), or a
 * question asked indirectly ("I was wondering if…", "I need to know, does…", "I'm curious, how…").
 */
const QUESTION_START =
  /^(?:(?:ok|okay|and|so|but|also|then|oh|well|hi|hey|right|alright|now|anyway|seriously) )*(?:(?:i was |i am |im |just )?wondering|i wonder|not sure|(?:i|we) (?:want|need|would like) to know|id like to know|(?:im|i am) curious|do you know|tell me|what|whats|how|hows|when|where|why|which|who|is|are|am|do|does|did|can|could|should|would|will|may|must|have|has|need|any|anything)\b/;

/** The text starts like a question (its words as wordsOf reads them). */
export function startsLikeQuestion(text: string): boolean {
  return QUESTION_START.test(wordsOf(text).join(' '));
}

/** A phrase as compared word by word: each word's stem. */
export function stemsOf(phrase: string): string[] {
  return wordsOf(phrase).map((word) => stemmer(word));
}
