import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { CONTRACT_TOPIC_IDS } from '../../knowledge/contractTopics.js';
import { DEFAULT_KNOWLEDGE_DIR, KnowledgeBaseError, loadKnowledgeBase, type KnowledgeBase } from '../../knowledge/load.js';
import { countWords, MAX_ANSWER_WORDS, type Topic } from '../../knowledge/schema.js';

/** "Tell me more" text is read on phones too. */
const MAX_MORE_WORDS = 150;
const MIN_ALTERNATE_QUESTIONS = 12;
const MAX_ILLUSTRATION_BYTES = 8 * 1024;
const EXERCISE_TOPIC_IDS = ['figure-four-stretch', 'hamstring-stretch', 'bridge-exercise', 'lower-body-nerve-glide'];
const CLINIC_FACT_TOPIC_IDS = ['clinic-locations', 'clinic-hours', 'insurance-cost', 'contact-human'];

/** Everything a visitor can read in a topic. */
function visibleText(topic: Topic): string {
  const exercise = topic.exercise;
  const exerciseText = exercise ? [...exercise.steps, exercise.safety, exercise.illustrationAlt] : [];
  return [topic.title, topic.answer, topic.more ?? '', ...exerciseText].join('\n');
}

/**
 * Why an SVG file is not well-formed XML, or undefined if it is. Enough for our hand-drawn files:
 * one root element, tags that nest and close, quoted attributes, no stray `<` or `&`.
 */
function xmlProblem(text: string): string | undefined {
  const body = text.replace(/^<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '');
  const open: string[] = [];
  let roots = 0;
  let last = 0;
  for (const match of body.matchAll(/<[^<>]*>/g)) {
    const between = body.slice(last, match.index);
    if (/[<>]/.test(between) || /&(?!(?:amp|lt|gt|quot|apos|#\d+);)/.test(between)) return `stray markup near "${between.trim().slice(0, 30)}"`;
    last = match.index + match[0].length;
    const tag = match[0];
    const closing = /^<\/([\w:-]+)\s*>$/.exec(tag);
    if (closing) {
      if (open.pop() !== closing[1]) return `</${closing[1]}> does not close the open element`;
      continue;
    }
    const element = /^<([\w:-]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>$/.exec(tag);
    if (!element?.[1]) return `malformed tag ${tag.slice(0, 40)}`;
    if (open.length === 0) roots += 1;
    if (element[3] !== '/') open.push(element[1]);
  }
  if (body.slice(last).trim() !== '') return 'text after the root element';
  if (open.length > 0) return `<${open.join('>, <')}> never closed`;
  if (roots !== 1) return `${roots} root elements`;
  return undefined;
}

describe('knowledge base content', () => {
  let kb: KnowledgeBase;

  before(() => {
    kb = loadKnowledgeBase();
  });

  it('loads and validates', () => {
    expect(kb.topics.length).to.be.at.least(CONTRACT_TOPIC_IDS.length);
    expect(kb.sourcesById.size).to.be.greaterThan(0);
  });

  it('has every topic id the conversation contract promises', () => {
    const missing = CONTRACT_TOPIC_IDS.filter((id) => !kb.topicsById.has(id));
    expect(missing, 'contract topics without a file').to.deep.equal([]);
  });

  it('reports every other topic under a contract topic id (partOf), so channelData.topic is always one the website knows', () => {
    const contract = new Set<string>(CONTRACT_TOPIC_IDS);
    const unreported = kb.topics
      .filter((topic) => !contract.has(topic.id) && !(topic.partOf !== undefined && contract.has(topic.partOf)))
      .map((topic) => topic.id);
    expect(unreported).to.deep.equal([]);
    for (const id of EXERCISE_TOPIC_IDS) expect(kb.topicsById.get(id)?.partOf, id).to.equal('home-exercises');
  });

  it('names at least one known source for every answer', () => {
    for (const topic of kb.topics) {
      expect(topic.sources, topic.id).to.not.be.empty;
      for (const sourceId of topic.sources) expect(kb.sourcesById.has(sourceId), `${topic.id}: ${sourceId}`).to.equal(true);
    }
  });

  it('keeps answers and "Tell me more" short enough to read on a phone', () => {
    for (const topic of kb.topics) {
      expect(countWords(topic.answer), `${topic.id} answer`).to.be.at.most(MAX_ANSWER_WORDS);
      if (topic.more) expect(countWords(topic.more), `${topic.id} more`).to.be.at.most(MAX_MORE_WORDS);
    }
  });

  it('leaves citations and headings to the bot', () => {
    for (const topic of kb.topics) {
      const text = [topic.answer, topic.more ?? ''].join('\n');
      expect(text, topic.id).to.not.match(/\bsources?\s*:/i);
      expect(text, topic.id).to.not.match(/^\s*#/m);
    }
  });

  it(`gives every topic at least ${MIN_ALTERNATE_QUESTIONS} alternate questions`, () => {
    for (const topic of kb.topics) expect(topic.questions.length, topic.id).to.be.at.least(MIN_ALTERNATE_QUESTIONS);
  });

  it('never lists the same alternate question under two topics', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const topic of kb.topics) {
      for (const question of new Set(topic.questions.map((q) => q.trim().toLowerCase()))) {
        const other = owner.get(question);
        if (other) clashes.push(`"${question}" in ${other} and ${topic.id}`);
        owner.set(question, topic.id);
      }
    }
    expect(clashes).to.deep.equal([]);
  });

  it('gives every topic a distinct title', () => {
    const titles = kb.topics.map((topic) => topic.title.trim().toLowerCase());
    expect(new Set(titles).size).to.equal(titles.length);
  });

  it('relates topics only to other topics that exist', () => {
    for (const topic of kb.topics) {
      for (const relatedId of topic.related) {
        expect(kb.topicsById.has(relatedId), `${topic.id} -> ${relatedId}`).to.equal(true);
        expect(relatedId, topic.id).to.not.equal(topic.id);
      }
    }
  });

  it('has the four home exercises, each with steps and a picture, introduced by home-exercises', () => {
    for (const id of EXERCISE_TOPIC_IDS) {
      const exercise = kb.topicsById.get(id)?.exercise;
      expect(exercise, id).to.not.equal(undefined);
      expect(exercise?.illustration).to.equal(`${id}.svg`);
    }
    expect(kb.topicsById.get('home-exercises')?.related).to.have.members(EXERCISE_TOPIC_IDS);
  });

  it('draws every exercise illustration as a small, well-formed, self-contained SVG with a title', () => {
    for (const topic of kb.topics) {
      if (!topic.exercise) continue;
      const file = path.join(DEFAULT_KNOWLEDGE_DIR, 'illustrations', topic.exercise.illustration);
      const svg = readFileSync(file, 'utf8');
      expect(xmlProblem(svg), file).to.equal(undefined);
      expect(svg, file).to.match(/^\s*(<\?xml[^>]*\?>\s*)?<svg\b[^>]*\bxmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg, file).to.match(/<svg\b[^>]*\brole="img"/);
      expect(svg, file).to.match(/<svg\b[^>]*\bviewBox="/);
      expect(svg, file).to.match(/<title\b[^>]*>[^<]+<\/title>/);
      expect(svg, file).to.match(/<desc\b[^>]*>[^<]+<\/desc>/);
      expect(svg, file).to.not.match(/\bhref=|url\(|<script|<image/i);
      expect(Buffer.byteLength(svg), file).to.be.at.most(MAX_ILLUSTRATION_BYTES);
    }
  });

  it('leaves clinic addresses, hours, phone numbers and prices to the clinics file', () => {
    for (const id of CLINIC_FACT_TOPIC_IDS) {
      const topic = kb.topicsById.get(id);
      expect(topic?.clinicInfo, id).to.not.equal(undefined);
      const text = topic ? visibleText(topic) : '';
      expect(text, id).to.not.match(/\d{3}[-.\s)]+\d{3}[-.\s]\d{4}/); // phone numbers
      expect(text, id).to.not.match(/\$\s*\d/); // prices
      expect(text, id).to.not.match(/\b\d{1,2}(:\d{2})?\s*(am|pm)\b|\b\d{1,2}:\d{2}\b/i); // times
      expect(text, id).to.not.match(/@/); // email addresses
    }
  });

  it('gives no medication advice anywhere', () => {
    const medication =
      /\b(ibuprofen|naproxen|acetaminophen|paracetamol|aspirin|tylenol|advil|aleve|gabapentin|pregabalin|opioids?|codeine|tramadol|steroids?|nsaids?|muscle relaxants?|\d+\s*mg)\b/i;
    for (const topic of kb.topics) expect(visibleText(topic), topic.id).to.not.match(medication);
  });

  it('tells people plainly when to call 911 or go to the emergency department', () => {
    const answer = kb.topicsById.get('red-flags')?.answer ?? '';
    expect(answer).to.include('911');
    expect(answer).to.match(/emergency department/i);
    for (const sign of [/bladder/i, /bowel/i, /numbness between your legs/i, /both legs/i, /fever/i, /cancer/i, /weight loss/i]) {
      expect(answer).to.match(sign);
    }
  });
});

describe('loadKnowledgeBase on a broken knowledge base', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'knowledge-'));
    for (const part of ['sources.yaml', 'topics', 'illustrations', 'visitor-questions']) {
      cpSync(path.join(DEFAULT_KNOWLEDGE_DIR, part), path.join(dir, part), { recursive: true });
    }
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function editTopic(id: string, edit: (topic: Record<string, unknown>) => void): string {
    const file = path.join(dir, 'topics', `${id}.yaml`);
    const topic = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>;
    edit(topic);
    writeFileSync(file, stringifyYaml(topic));
    return file;
  }

  function loadError(): KnowledgeBaseError {
    try {
      loadKnowledgeBase(dir);
    } catch (error) {
      if (error instanceof KnowledgeBaseError) return error;
      throw error;
    }
    throw new Error('the broken knowledge base loaded without complaint');
  }

  it('loads the unbroken copy (so the failures below come from the edits)', () => {
    expect(loadKnowledgeBase(dir).topics.length).to.equal(loadKnowledgeBase().topics.length);
  });

  it('names the file and field of a title too long for a button', () => {
    const file = editTopic('bridge-exercise', (topic) => {
      topic['title'] = 'How do I do a bridge exercise when my back and my leg both hurt a lot?';
    });
    const { message } = loadError();
    expect(message).to.include(file);
    expect(message).to.include('title');
  });

  it('names the file and field of a missing answer', () => {
    const file = editTopic('red-flags', (topic) => {
      delete topic['answer'];
    });
    const { message } = loadError();
    expect(message).to.include(file);
    expect(message).to.include('answer');
  });

  it('names the file and the topic of a partOf that does not exist', () => {
    const file = editTopic('bridge-exercise', (topic) => {
      topic['partOf'] = 'home-exercise';
    });
    const { message } = loadError();
    expect(message).to.include('bridge-exercise.yaml');
    expect(message).to.include('"home-exercise"');
    expect(file).to.include('bridge-exercise.yaml');
  });

  it('refuses a partOf chain (a topic part of a topic that is itself part of another)', () => {
    editTopic('home-exercises', (topic) => {
      topic['partOf'] = 'treatment-approaches';
    });
    expect(loadError().message).to.match(/bridge-exercise\.yaml|figure-four-stretch\.yaml|hamstring-stretch\.yaml|lower-body-nerve-glide\.yaml/);
  });

  it('names the visitor-questions file and a topic that does not exist', () => {
    const file = path.join(dir, 'visitor-questions', 'front-desk.yaml');
    writeFileSync(file, 'topics:\n  clinic-hour:\n    - "r u open sat"\n');
    const { message } = loadError();
    expect(message).to.include(file);
    expect(message).to.include('"clinic-hour"');
  });

  it('names the visitor-questions file and field of an empty question', () => {
    const file = path.join(dir, 'visitor-questions', 'front-desk.yaml');
    writeFileSync(file, 'topics:\n  clinic-hours:\n    - "  "\n');
    const { message } = loadError();
    expect(message).to.include(file);
    expect(message).to.include('topics');
  });

  it('names the file and the unknown source', () => {
    const file = editTopic('surgery', (topic) => {
      topic['sources'] = ['a-blog-nobody-listed'];
    });
    const { message } = loadError();
    expect(message).to.include(file);
    expect(message).to.include('a-blog-nobody-listed');
  });
});
