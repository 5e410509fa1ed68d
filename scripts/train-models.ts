import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/paths.js';
import { shippedTopicTrainingKey, TOPIC_MODEL_FILE, writeTopicModelFile } from '../knowledge/topicModel.js';
import { readClassifierFileKey } from '../models/classifierFile.js';
import { LEARNED_MODEL_FILE, learnedTrainingKey, writeLearnedModelFile } from '../screening/learnedModel.js';

/**
 * The second half of `npm run build`: trains the learned screener and the knowledge base's topic
 * classifier and writes their model files, which start-up loads instead of training
 * (screening/learnedModel.ts, knowledge/topicModel.ts). A file already trained from exactly the
 * current inputs is left as it is.
 */

const MODELS = [
  { file: LEARNED_MODEL_FILE, key: learnedTrainingKey, write: writeLearnedModelFile },
  { file: TOPIC_MODEL_FILE, key: shippedTopicTrainingKey, write: writeTopicModelFile },
];

function isCurrent(file: string, key: () => string): boolean {
  if (!existsSync(file)) return false;
  try {
    return readClassifierFileKey(file) === key();
  } catch {
    return false;
  }
}

for (const { file, key, write } of MODELS) {
  const shown = path.relative(PROJECT_ROOT, file);
  if (isCurrent(file, key)) {
    console.log(`${shown}: up to date`);
    continue;
  }
  const started = performance.now();
  write(file);
  console.log(`${shown}: trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
