import { z } from 'zod';
import { projectPath } from '../config/paths.js';
import { parseFile } from './load.js';
import { wordPhraseSchema as phrase } from './schema.js';

/**
 * Everyday words and phrases (knowledge/everyday-words.yaml): people, family, jobs, holidays,
 * pets, places, chat. They say nothing about whether a message is about our subject, so the
 * retrieval index treats them as neutral: neither signs of our subject nor unknown words.
 */

export const everydayWordsFileSchema = z.strictObject({
  /** Groups of words and phrases; the group names are for the people who edit the file. */
  groups: z.record(z.string(), z.array(phrase).min(1)),
});

export const DEFAULT_EVERYDAY_WORDS_FILE = projectPath('knowledge', 'everyday-words.yaml');

/** Every word and phrase of the file, in file order. */
export function loadEverydayWords(file: string = DEFAULT_EVERYDAY_WORDS_FILE): string[] {
  return Object.values(parseFile(file, everydayWordsFileSchema).groups).flat();
}
