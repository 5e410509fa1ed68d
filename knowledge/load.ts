import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectPath } from '../config/paths.js';
import { readYamlData } from '../config/yamlData.js';
import {
  countWords,
  MAX_ANSWER_WORDS,
  sourcesFileSchema,
  topicSchema,
  visitorQuestionsFileSchema,
  type Source,
  type Topic,
  type VisitorQuestions,
} from './schema.js';

export interface KnowledgeBase {
  /** Topics in a stable order (by id). */
  readonly topics: readonly Topic[];
  readonly topicsById: ReadonlyMap<string, Topic>;
  readonly sourcesById: ReadonlyMap<string, Source>;
  /** knowledge/visitor-questions/, by file name without .yaml; absent in hand-built test knowledge bases. */
  readonly visitorQuestions?: ReadonlyMap<string, VisitorQuestions>;
}

export class KnowledgeBaseError extends Error {
  override name = 'KnowledgeBaseError';
}

export const DEFAULT_KNOWLEDGE_DIR = projectPath('knowledge');

/** Reads and validates the knowledge base; throws a KnowledgeBaseError naming file and field. */
export function loadKnowledgeBase(dir: string = DEFAULT_KNOWLEDGE_DIR): KnowledgeBase {
  const sourcesFile = path.join(dir, 'sources.yaml');
  const { sources } = parseFile(sourcesFile, sourcesFileSchema);
  const sourcesById = new Map<string, Source>();
  for (const source of sources) {
    if (sourcesById.has(source.id)) throw new KnowledgeBaseError(`${sourcesFile}: source "${source.id}" is listed twice`);
    sourcesById.set(source.id, source);
  }

  const topicsDir = path.join(dir, 'topics');
  const topicFiles = readdirSync(topicsDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort();
  const topics = topicFiles.map((name) => {
    const file = path.join(topicsDir, name);
    const topic = parseFile(file, topicSchema);
    if (`${topic.id}.yaml` !== name) throw new KnowledgeBaseError(`${file}: id "${topic.id}" must match the file name`);
    const words = countWords(topic.answer);
    if (words > MAX_ANSWER_WORDS) {
      throw new KnowledgeBaseError(
        `${file}: answer has ${words} words; keep it to ${MAX_ANSWER_WORDS} and move the rest to "more"`,
      );
    }
    for (const sourceId of topic.sources) {
      if (!sourcesById.has(sourceId)) throw new KnowledgeBaseError(`${file}: source "${sourceId}" is not in sources.yaml`);
    }
    if (topic.exercise && !existsSync(path.join(dir, 'illustrations', topic.exercise.illustration))) {
      throw new KnowledgeBaseError(`${file}: illustration "${topic.exercise.illustration}" is not in knowledge/illustrations/`);
    }
    return topic;
  });

  const topicsById = new Map<string, Topic>();
  for (const topic of topics) topicsById.set(topic.id, topic);
  for (const topic of topics) {
    for (const relatedId of topic.related) {
      if (!topicsById.has(relatedId)) throw new KnowledgeBaseError(`topics/${topic.id}.yaml: related topic "${relatedId}" does not exist`);
      if (relatedId === topic.id) throw new KnowledgeBaseError(`topics/${topic.id}.yaml: a topic cannot be related to itself`);
    }
    if (topic.partOf !== undefined) {
      const whole = topicsById.get(topic.partOf);
      if (!whole) throw new KnowledgeBaseError(`topics/${topic.id}.yaml: partOf topic "${topic.partOf}" does not exist`);
      if (whole.partOf !== undefined || whole.id === topic.id) {
        throw new KnowledgeBaseError(`topics/${topic.id}.yaml: partOf must name a topic that is not itself part of another ("${topic.partOf}" is)`);
      }
    }
  }
  return { topics, topicsById, sourcesById, visitorQuestions: loadVisitorQuestions(path.join(dir, 'visitor-questions'), topicsById) };
}

function loadVisitorQuestions(dir: string, topicsById: ReadonlyMap<string, Topic>): Map<string, VisitorQuestions> {
  const sets = new Map<string, VisitorQuestions>();
  if (!existsSync(dir)) return sets;
  for (const name of readdirSync(dir).filter((entry) => entry.endsWith('.yaml')).sort()) {
    const file = path.join(dir, name);
    const questions = parseFile(file, visitorQuestionsFileSchema);
    for (const topicId of Object.keys(questions.topics)) {
      if (!topicsById.has(topicId)) throw new KnowledgeBaseError(`${file}: topic "${topicId}" does not exist`);
    }
    sets.set(name.replace(/\.yaml$/, ''), questions);
  }
  return sets;
}

/** The topic id a reply reports in channelData.topic: the topic's own, or the one it is part of. */
export function reportedTopicId(kb: KnowledgeBase, topicId: string): string {
  return kb.topicsById.get(topicId)?.partOf ?? topicId;
}

/** Parses one YAML file against a schema; a KnowledgeBaseError names the file and the first bad field. */
export function parseFile<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  return readYamlData(file, schema, (message) => new KnowledgeBaseError(message));
}
