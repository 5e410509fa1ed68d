import { z } from 'zod';
import { projectPath } from '../config/paths.js';
import { parseFile } from './load.js';
import { wordPhraseSchema as phrase } from './schema.js';

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
