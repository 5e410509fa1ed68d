import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/paths.js';
import type { TopicClassifier } from '../knowledge/topicClassifier.js';
import { readClassifierFile, readClassifierFileKey } from './classifierFile.js';

export interface LoadOrTrain<T> {
  /** The model file the build wrote. */
  readonly file: string;
  /** The key of the current training inputs (trainingKey.ts). */
  readonly key: () => string;
  /** The model from the file's classifiers; throws, saying why, when they do not fit the current code or data. */
  readonly fromFile: (classifiers: ReadonlyMap<string, TopicClassifier>) => T;
  readonly train: () => T;
  /** Told, in one line without any message text, why the model is trained instead of loaded. */
  readonly reportTraining: (reason: string) => void;
}

/**
 * The model from its file when the file was trained from exactly the current inputs; otherwise
 * trained now (and the reason reported): a stale model is never used.
 */
export function loadOrTrain<T>({ file, key, fromFile, train, reportTraining }: LoadOrTrain<T>): T {
  const loaded = loadFromFile(file, key, fromFile);
  if ('model' in loaded) return loaded.model;
  reportTraining(loaded.whyNot);
  return train();
}

function loadFromFile<T>(file: string, key: () => string, fromFile: LoadOrTrain<T>['fromFile']): { readonly model: T } | { readonly whyNot: string } {
  const shown = path.relative(PROJECT_ROOT, file);
  if (!existsSync(file)) return { whyNot: `no model file ${shown} (npm run build writes it)` };
  let stored;
  try {
    if (readClassifierFileKey(file) !== key()) return { whyNot: `the model file ${shown} was trained from other data or code than the current (its key differs)` };
    stored = readClassifierFile(file);
  } catch (error) {
    return { whyNot: `the model file ${shown} cannot be read (${(error as Error).message})` };
  }
  try {
    return { model: fromFile(stored.classifiers) };
  } catch (error) {
    return { whyNot: `the model file ${shown} cannot be used (${(error as Error).message})` };
  }
}
