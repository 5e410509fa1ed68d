import { fileURLToPath } from 'node:url';
import { projectPath } from '../config/paths.js';
import type { TopicClassifier } from '../knowledge/topicClassifier.js';
import { writeClassifierFile } from '../models/classifierFile.js';
import { loadOrTrain } from '../models/loadOrTrain.js';
import { trainingKey } from '../models/trainingKey.js';
import { learnedScreenerOf, trainLearnedModels, type LearnedModels, type LearnedScreener, type LearnedTraining } from './learnedScreener.js';
import { allOrdinaryMessages, loadCorpus, PHRASINGS_DIR, RELEASE_GATE_CORPUS, VISITOR_QUESTIONS_DIR, yamlFilesIn } from './phrasings.js';
import { isRedFlagId, redFlag, type RedFlagLevel } from './redFlags.js';

/**
 * The shipped learned screener: trained by `npm run build` on screening/phrasings/ and
 * knowledge/visitor-questions/ and stored in LEARNED_MODEL_FILE; at start-up loaded from there when
 * the file's key matches the current training inputs, trained as before otherwise.
 */

export const LEARNED_MODEL_FILE = projectPath('dist', 'trained-models', 'learned-screener.bin');

/** Everything the training reads or runs: a change to any of these bytes makes the model file stale. */
export function learnedTrainingInputs(): string[] {
  const compiled = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
  return [
    ...yamlFilesIn(PHRASINGS_DIR),
    ...yamlFilesIn(VISITOR_QUESTIONS_DIR),
    // What reads the files, computes the features and trains; this file says which files and how.
    compiled('./learnedModel.js'),
    compiled('./learnedScreener.js'),
    compiled('./phrasings.js'),
    compiled('./yamlFile.js'),
    compiled('../config/yamlData.js'),
    compiled('../knowledge/textAnalysis.js'),
    compiled('../knowledge/topicClassifier.js'),
    compiled('../models/classifierFile.js'),
    // The libraries that parse the files and stem the words, by their versions.
    projectPath('node_modules', 'js-yaml', 'package.json'),
    projectPath('node_modules', 'zod', 'package.json'),
    projectPath('node_modules', 'stemmer', 'package.json'),
  ];
}

export function learnedTrainingKey(): string {
  return trainingKey(learnedTrainingInputs());
}

/** The labelled phrasings and the visitor questions, read from their files (a bad file throws). */
export function shippedLearnedTraining(): LearnedTraining {
  const releaseGate = loadCorpus(RELEASE_GATE_CORPUS);
  return {
    phrasings: yamlFilesIn(PHRASINGS_DIR).flatMap((file) => (file === RELEASE_GATE_CORPUS ? releaseGate : loadCorpus(file))),
    releaseGate,
    ordinaryMessages: allOrdinaryMessages(),
    levelOf,
  };
}

/** Trains on the shipped data and writes the model file with the key of what it was trained from. */
export function writeLearnedModelFile(file: string = LEARNED_MODEL_FILE): void {
  const key = learnedTrainingKey();
  const { levels, flags } = trainLearnedModels(shippedLearnedTraining());
  writeClassifierFile(file, key, new Map([['levels', levels], ['flags', flags]]));
}

/**
 * The learned screener from the model file if it was trained from exactly the current inputs,
 * otherwise trained now; `reportTraining` is told why in one line.
 */
export function loadOrTrainLearnedScreener(reportTraining: (reason: string) => void, file: string = LEARNED_MODEL_FILE): LearnedScreener {
  const models = loadOrTrain<LearnedModels>({
    file,
    key: learnedTrainingKey,
    fromFile: modelsFromFile,
    train: () => trainLearnedModels(shippedLearnedTraining()),
    reportTraining,
  });
  return learnedScreenerOf(models, levelOf);
}

function modelsFromFile(classifiers: ReadonlyMap<string, TopicClassifier>): LearnedModels {
  const levels = classifiers.get('levels');
  const flags = classifiers.get('flags');
  if (!levels || !flags) throw new Error('a classifier is missing');
  // red-flags.yaml is not among the training inputs, so that a rule change does not retrain; the
  // phrasings' flags were checked against it when the model was trained, and are checked again here.
  const unknown = flags.labels.find((flag) => !isRedFlagId(flag));
  if (unknown !== undefined) throw new Error(`"${unknown}" is not a red flag id`);
  return { levels, flags };
}

function levelOf(flag: string): RedFlagLevel {
  return redFlag(flag).level;
}
