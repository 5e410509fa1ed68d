import { createRequire } from 'node:module';

let englishWords: ReadonlySet<string> | undefined;

/** About 275,000 English words (the an-array-of-english-words list), loaded once on first use. */
export function isEnglishWord(word: string): boolean {
  englishWords ??= new Set(createRequire(import.meta.url)('an-array-of-english-words') as string[]);
  return englishWords.has(word);
}

/** A joined word shorter than this must match a known word exactly ("to day" → today). */
const MIN_JOINED_LENGTH_TO_CORRECT = 6;

/**
 * Corrects likely typos toward a known vocabulary ("sciatia" → "sciatica", "stretchs" →
 * "stretches"). Conservative on purpose: a wrong correction can turn an off-topic word into a
 * domain word ("flight" → "light"), so
 * - only words of 4+ letters are corrected (1 edit; 2 edits from 8 letters),
 * - the first letter must match (people rarely mistype it, and it rules out most look-alike words),
 * - words that contain digits, are already known, or are real English words stay as they are
 *   ("left" is not a typo of "lift", "sings" not of "signs").
 */
export class SpellingCorrector {
  private readonly frequency = new Map<string, number>();
  private readonly byFirstLetter = new Map<string, string[]>();
  private readonly cache = new Map<string, string>();

  constructor(words: Iterable<string>) {
    for (const word of words) this.frequency.set(word, (this.frequency.get(word) ?? 0) + 1);
    for (const word of this.frequency.keys()) {
      const first = word.charAt(0);
      const bucket = this.byFirstLetter.get(first);
      if (bucket) bucket.push(word);
      else this.byFirstLetter.set(first, [word]);
    }
  }

  /** The word itself when known or not confidently correctable; otherwise the closest known word. */
  correct(word: string): string {
    if (word.length < 4 || this.frequency.has(word) || /[^a-z]/.test(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    if (isEnglishWord(word)) {
      this.remember(word, word);
      return word;
    }

    const maxEdits = word.length >= 8 ? 2 : 1;
    let best = word;
    let bestEdits = maxEdits + 1;
    let bestFrequency = 0;
    for (const candidate of this.byFirstLetter.get(word.charAt(0)) ?? []) {
      if (Math.abs(candidate.length - word.length) > maxEdits || candidate.length < 4) continue;
      const edits = editDistance(word, candidate, maxEdits);
      if (edits > maxEdits) continue;
      const frequency = this.frequency.get(candidate) ?? 0;
      if (edits < bestEdits || (edits === bestEdits && frequency > bestFrequency)) {
        best = candidate;
        bestEdits = edits;
        bestFrequency = frequency;
      }
    }
    this.remember(word, best);
    return best;
  }

  /**
   * The known word that a word split in two or three by voice typing or a slipped space bar makes
   * when joined ("physical the rapy" → therapy, "cairo practor" → chiropractor, "m r i" → mri), or
   * undefined. Parts that are all known words themselves stay apart ("leg pain").
   */
  joined(parts: readonly string[]): string | undefined {
    const joined = parts.join('');
    if (joined.length < 3 || /[^a-z]/.test(joined)) return undefined;
    const letters = parts.filter((part) => part.length === 1).length;
    // Spelled out letter by letter ("m r i"), or a single letter beside a word ("should i"): exact only.
    if (letters > 0) return letters === parts.length && this.frequency.has(joined) ? joined : undefined;
    if (parts.every((part) => this.frequency.has(part))) return undefined;
    if (this.frequency.has(joined)) return joined;
    // Real words apart ("an ice", "is there") join only into a known word exactly ("in jury").
    if (parts.every((part) => isEnglishWord(part)) || joined.length < MIN_JOINED_LENGTH_TO_CORRECT) return undefined;
    const corrected = this.correct(joined);
    return this.frequency.has(corrected) && !parts.includes(corrected) ? corrected : undefined;
  }

  private remember(word: string, correction: string): void {
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(word, correction);
  }
}

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions and swaps of two
 * neighbouring letters each cost 1), or `limit + 1` as soon as it must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length] ?? limit + 1, limit + 1);
}
