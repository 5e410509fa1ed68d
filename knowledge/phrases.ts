import { wordsOf } from './textAnalysis.js';

/**
 * Finds listed phrases in a message, word by word, allowing a plural s or es on the message's
 * words ("sore throats" finds "sore throat"). Deliberately not by stems: "mechanical" must not
 * find "mechanic", nor "hearing" find "hear".
 */
export class PhraseMatcher {
  /** Phrases as word lists, by their first word. */
  private readonly byFirstWord = new Map<string, string[][]>();

  constructor(phrases: readonly string[]) {
    for (const phrase of phrases) {
      const words = wordsOf(phrase);
      const [first] = words;
      if (first === undefined) continue;
      const list = this.byFirstWord.get(first);
      if (list) list.push(words);
      else this.byFirstWord.set(first, [words]);
    }
  }

  /** Positions of the words (as numbered by wordsOf) that belong to a listed phrase. */
  coveredPositions(words: readonly string[]): Set<number> {
    const covered = new Set<number>();
    words.forEach((_, start) => {
      const candidates = new Set(singularForms(words[start] ?? '').flatMap((form) => this.byFirstWord.get(form) ?? []));
      for (const phrase of candidates) {
        const fits = phrase.every((word, offset) => singularForms(words[start + offset] ?? '').includes(word));
        if (fits) phrase.forEach((_, offset) => covered.add(start + offset));
      }
    });
    return covered;
  }

  /** How many listed phrases the message contains (neighbouring or overlapping ones once). */
  count(words: readonly string[]): number {
    const covered = [...this.coveredPositions(words)].sort((a, b) => a - b);
    return covered.filter((position, index) => index === 0 || covered[index - 1] !== position - 1).length;
  }
}

/** The word and the forms it has without a plural ending: "sinuses" → sinuses, sinuse, sinus. */
function singularForms(word: string): string[] {
  const forms = [word];
  if (word.length > 3 && word.endsWith('s')) forms.push(word.slice(0, -1));
  if (word.length > 4 && word.endsWith('es')) forms.push(word.slice(0, -2));
  return forms;
}
