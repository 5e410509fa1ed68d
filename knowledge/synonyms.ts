import { z } from 'zod';
import { projectPath } from '../config/paths.js';
import { KnowledgeBaseError, parseFile } from './load.js';
import { stemsOf } from './textAnalysis.js';

/**
 * Domain synonyms (knowledge/synonyms.yaml): each group lists phrases that mean the same thing;
 * the first phrase of a group stands for the whole group.
 */
/** A bare number in YAML (911) is read as the text it looks like. */
const phrase = z.preprocess((value) => (typeof value === 'number' ? String(value) : value), z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .regex(/^[a-z0-9 ]+$/, 'must be lowercase letters, digits and spaces'));

export const synonymsFileSchema = z.strictObject({
  groups: z.array(z.array(phrase).min(2, 'a group needs at least two phrases')).min(1),
});

export interface Synonyms {
  /** Each group's phrases, the canonical one first. */
  readonly groups: readonly (readonly string[])[];
}

export const DEFAULT_SYNONYMS_FILE = projectPath('knowledge', 'synonyms.yaml');

/**
 * Reads and validates a synonyms file. A phrase listed in two groups is an error, and so are two
 * phrases of different groups that the bot reads as the same words once endings are stripped
 * ("operator" and "operation" both become "oper"): one group would silently take the other's.
 */
export function loadSynonyms(file: string = DEFAULT_SYNONYMS_FILE): Synonyms {
  const { groups } = parseFile(file, synonymsFileSchema);
  const groupOf = new Map<string, { index: number; entry: string }>();
  groups.forEach((group, index) => {
    for (const entry of group) {
      const key = stemsOf(entry).join(' ');
      const earlier = groupOf.get(key);
      if (earlier !== undefined && (earlier.index !== index || earlier.entry === entry)) {
        const same = earlier.entry === entry ? '' : ` as "${earlier.entry}" once endings are stripped`;
        throw new KnowledgeBaseError(
          `${file}: groups.${index}: "${entry}" is already in group ${earlier.index} ("${groups[earlier.index]?.[0] ?? ''}")${same}`,
        );
      }
      groupOf.set(key, { index, entry });
    }
  });
  return { groups };
}

