import { z } from 'zod';
import { projectPath } from '../config/paths.js';
import { KnowledgeBaseError, parseFile } from './load.js';

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

/** Reads and validates a synonyms file; a phrase listed in two groups is an error. */
export function loadSynonyms(file: string = DEFAULT_SYNONYMS_FILE): Synonyms {
  const { groups } = parseFile(file, synonymsFileSchema);
  const groupOf = new Map<string, number>();
  groups.forEach((group, index) => {
    for (const entry of group) {
      const normalized = entry.replace(/\s+/g, ' ');
      const earlier = groupOf.get(normalized);
      if (earlier !== undefined) {
        throw new KnowledgeBaseError(
          `${file}: groups.${index}: "${entry}" is already in group ${earlier} ("${groups[earlier]?.[0] ?? ''}")`,
        );
      }
      groupOf.set(normalized, index);
    }
  });
  return { groups };
}
