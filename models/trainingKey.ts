import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/paths.js';

/**
 * The key of what a model is trained from: a sha256 over the files that training reads (data) and
 * runs (compiled code, library versions), each with its path inside the project and its length, so
 * that a changed byte, a renamed, added or removed file all give another key; and over `data`, what
 * training learns from when it is handed over in memory rather than as files. A model file whose
 * key differs from the current inputs' is stale and must not be used.
 */
export function trainingKey(files: readonly string[], data: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const file of files) {
    const bytes = readFileSync(file);
    hash.update(`${path.relative(PROJECT_ROOT, file)}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  for (const item of data) hash.update(`data\0${Buffer.byteLength(item)}\0${item}`);
  return hash.digest('hex');
}
