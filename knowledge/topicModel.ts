import { fileURLToPath } from 'node:url';
import { projectPath } from '../config/paths.js';
import { writeClassifierFile } from '../models/classifierFile.js';
import { loadOrTrain } from '../models/loadOrTrain.js';
import { trainingKey } from '../models/trainingKey.js';
import { loadKnowledgeBase, type KnowledgeBase } from './load.js';
import { loadOffDomain, type OffDomain } from './offDomain.js';
import { loadSynonyms, type Synonyms } from './synonyms.js';
import { TextAnalyzer, wordsOf } from './textAnalysis.js';
import { featuresOf, TopicClassifier } from './topicClassifier.js';

/**
 * The knowledge base's topic classifier (see retrieval.ts): what it learns from, how it is trained,
 * and its model file, which `npm run build` writes for the shipped knowledge base and start-up
 * loads instead of training when it was trained from exactly the same examples and code.
 */

export const TOPIC_MODEL_FILE = projectPath('dist', 'trained-models', 'topic-classifier.bin');

/** The classifier's label for the off-domain examples. */
export const OFF_DOMAIN_LABEL = '(off-domain)';

export interface LabelledText {
  readonly label: string;
  readonly text: string;
}

/** Each topic's title and alternate questions, the off-domain examples, and the visitors' questions. */
export function topicExamples(kb: KnowledgeBase, offDomain: OffDomain): LabelledText[] {
  return [
    ...kb.topics.flatMap((topic) => [topic.title, ...topic.questions].map((text) => ({ label: topic.id, text }))),
    ...offDomain.examples.map((text) => ({ label: OFF_DOMAIN_LABEL, text })),
    // Visitors' own questions teach the classifier only: their everyday words must not become
    // words of our subject for BM25 and the domain share (measured: that let more off-topic
    // questions through, for no more right answers).
    ...[...(kb.visitorQuestions?.values() ?? [])].flatMap((set) => [
      ...Object.entries(set.topics).flatMap(([topicId, questions]) => questions.map((text) => ({ label: topicId, text }))),
      ...set.off_topic.map((text) => ({ label: OFF_DOMAIN_LABEL, text })),
    ]),
  ];
}

export function trainTopicClassifier(examples: readonly LabelledText[], analyzer: TextAnalyzer): TopicClassifier {
  return TopicClassifier.train(examples.map(({ label, text }) => ({ label, features: featuresOf(analyzer.terms(text), wordsOf(text)) })));
}

/**
 * The examples and synonym groups themselves (the features are computed from nothing else), and
 * the code that computes the features and trains: the index may be built from any knowledge base,
 * so the key is of what it was handed, not of files.
 */
export function topicTrainingKey(examples: readonly LabelledText[], synonyms: Synonyms): string {
  const compiled = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
  return trainingKey(
    [
      compiled('./topicModel.js'),
      compiled('./textAnalysis.js'),
      compiled('./topicClassifier.js'),
      compiled('../models/classifierFile.js'),
      projectPath('node_modules', 'stemmer', 'package.json'),
    ],
    [JSON.stringify(examples.map(({ label, text }) => [label, text])), JSON.stringify(synonyms.groups)],
  );
}

export interface TopicModelFile {
  readonly file: string;
  /** Told, in one line, why the classifier is trained instead of loaded. */
  readonly reportTraining: (reason: string) => void;
}

export function loadOrTrainTopicClassifier(examples: readonly LabelledText[], synonyms: Synonyms, analyzer: TextAnalyzer, { file, reportTraining }: TopicModelFile): TopicClassifier {
  return loadOrTrain({
    file,
    key: () => topicTrainingKey(examples, synonyms),
    fromFile: (classifiers) => {
      const classifier = classifiers.get('topics');
      if (!classifier) throw new Error('the classifier is missing');
      return classifier;
    },
    train: () => trainTopicClassifier(examples, analyzer),
    reportTraining,
  });
}

/** Trains on the shipped knowledge base (as app.ts loads it) and writes the model file with its key. */
export function writeTopicModelFile(file: string = TOPIC_MODEL_FILE): void {
  const synonyms = loadSynonyms();
  const examples = topicExamples(loadKnowledgeBase(), loadOffDomain());
  writeClassifierFile(file, topicTrainingKey(examples, synonyms), new Map([['topics', trainTopicClassifier(examples, new TextAnalyzer(synonyms))]]));
}

/** The key the shipped knowledge base's classifier would be trained under now. */
export function shippedTopicTrainingKey(): string {
  return topicTrainingKey(topicExamples(loadKnowledgeBase(), loadOffDomain()), loadSynonyms());
}
