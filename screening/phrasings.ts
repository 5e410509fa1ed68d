import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectPath } from '../config/paths.js';
import { isRedFlagId } from './redFlags.js';
import { readYamlFile, ScreeningDataError } from './yamlFile.js';

/**
 * Labelled phrasings (screening/phrasings/*.yaml): the release-gate corpus and the sets written to
 * probe the screener. Each file is a YAML list of
 * `{ text, expect: emergency|urgent|none, flags?: [...], followUp?: ambiguous|new-or-usual, asks?: true }`.
 */

export const PHRASINGS_DIR = projectPath('screening', 'phrasings');
export const RELEASE_GATE_CORPUS = path.join(PHRASINGS_DIR, 'corpus.yaml');

export const corpusItemSchema = z.strictObject({
  text: z.string().min(1),
  expect: z.enum(['emergency', 'urgent', 'none']),
  flags: z.array(z.string()).default([]),
  followUp: z.enum(['ambiguous', 'new-or-usual']).optional(),
  asks: z.boolean().optional(),
});
export type CorpusItem = z.infer<typeof corpusItemSchema>;

/** One file of labelled phrasings; an unknown flag id stops the load with the file and item named. */
export function loadCorpus(file: string): CorpusItem[] {
  const items = readYamlFile(file, z.array(corpusItemSchema), (_raw, where) => `item ${where.map(String).join('.')}`);
  items.forEach((item, index) => {
    const unknown = item.flags.find((flag) => !isRedFlagId(flag));
    if (unknown !== undefined) throw new ScreeningDataError(`${file}: item ${index}: "${unknown}" is not a red flag id`);
  });
  return items;
}

/** The YAML files of a folder, in name order (none when the folder is missing). */
export function yamlFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => path.join(dir, name));
}

export const VISITOR_QUESTIONS_DIR = projectPath('knowledge', 'visitor-questions');

/**
 * The visitor messages in one FAQ file (knowledge/visitor-questions/*.yaml or an FAQ evaluation
 * set): every plain string in its lists and the `text` of list items. None of them reports a red
 * flag, so they are the ordinary messages the screener must leave alone.
 */
export function ordinaryMessagesIn(file: string): string[] {
  return allStrings(readYamlFile(file, z.unknown()));
}

/** The ordinary messages of every file in knowledge/visitor-questions/. */
export function allOrdinaryMessages(dir: string = VISITOR_QUESTIONS_DIR): string[] {
  return yamlFilesIn(dir).flatMap(ordinaryMessagesIn);
}

function allStrings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap((item: unknown) => (isRecord(item) && typeof item['text'] === 'string' ? [item['text']] : allStrings(item)));
  if (isRecord(node)) return Object.values(node).flatMap(allStrings);
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
