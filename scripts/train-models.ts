import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/paths.js';
import { readClassifierFileKey } from '../models/classifierFile.js';
import { LEARNED_MODEL_FILE, learnedTrainingKey, writeLearnedModelFile } from '../screening/learnedModel.js';

/**
 * The second half of `npm run build`: trains the learned screener and writes its model file, which
 * start-up loads instead of training (screening/learnedModel.ts). Skipped when the file was already
 * trained from exactly the current inputs.
 */

function isCurrent(file: string, key: string): boolean {
  if (!existsSync(file)) return false;
  try {
    return readClassifierFileKey(file) === key;
  } catch {
    return false;
  }
}

const shown = path.relative(PROJECT_ROOT, LEARNED_MODEL_FILE);
if (isCurrent(LEARNED_MODEL_FILE, learnedTrainingKey())) {
  console.log(`${shown}: up to date`);
} else {
  const started = performance.now();
  writeLearnedModelFile();
  console.log(`${shown}: trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
