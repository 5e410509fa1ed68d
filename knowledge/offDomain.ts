import { z } from 'zod';
import { projectPath } from '../config/paths.js';
import { parseFile } from './load.js';
import { wordPhraseSchema as phrase } from './schema.js';
import { wordsOf } from './textAnalysis.js';

/**
 * What is not our subject (knowledge/off-domain.yaml): marker words and phrases of other domains
 * ("car insurance", "sore throat", "post office") and example messages about other things, from
 * which the topic classifier learns what an off-topic message looks like.
 */


export const offDomainFileSchema = z.strictObject({
  /** Groups of markers; the group names are for the people who edit the file. */
  markers: z.record(z.string(), z.array(phrase).min(1)),
  examples: z.array(z.string().trim().min(1, 'must not be empty')).min(1),
});

export interface OffDomain {
  readonly markers: readonly string[];
  readonly examples: readonly string[];
}

export const DEFAULT_OFF_DOMAIN_FILE = projectPath('knowledge', 'off-domain.yaml');

export function loadOffDomain(file: string = DEFAULT_OFF_DOMAIN_FILE): OffDomain {
  const { markers, examples } = parseFile(file, offDomainFileSchema);
  return { markers: Object.values(markers).flat(), examples };
}

/**
 * Finds marker phrases in a message, word by word, allowing a plural s or es on the message's
 * words ("sore throats" finds "sore throat"). Deliberately not by stems: "mechanical" must not
 * find "mechanic", nor "hearing" find "hear".
 */
export class OffDomainMarkers {
  /** Marker phrases as word lists, by their first word. */
  private readonly byFirstWord = new Map<string, string[][]>();

  constructor(markers: readonly string[]) {
    for (const marker of markers) {
      const words = wordsOf(marker);
      const [first] = words;
      if (first === undefined) continue;
      const list = this.byFirstWord.get(first);
      if (list) list.push(words);
      else this.byFirstWord.set(first, [words]);
    }
  }

  /** Positions of the words (as numbered by wordsOf) that belong to a marker phrase. */
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

  /** How many marker phrases the message contains (neighbouring or overlapping ones once). */
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
