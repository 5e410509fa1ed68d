import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKnowledgeBase } from '../../knowledge/load.js';
import { KnowledgeIndex } from '../../knowledge/retrieval.js';
import { wordsOf } from '../../knowledge/textAnalysis.js';
import { featuresOf, TopicClassifier } from '../../knowledge/topicClassifier.js';
import { TOPIC_MODEL_FILE } from '../../knowledge/topicModel.js';
import { writeClassifierFile } from '../../models/classifierFile.js';

/**
 * The knowledge base's topic classifier ships as a model file that `npm run build` trains
 * (knowledge/topicModel.ts); start-up builds the index with it. A visitor must get the same answer
 * either way, and a file trained from other examples must not be used.
 */
describe('The knowledge index with the topic classifier from its model file', function () {
  this.timeout(120_000);

  const kb = loadKnowledgeBase();
  const questions = [
    ...kb.topics.flatMap((topic) => [topic.title, ...topic.questions]),
    ...[...(kb.visitorQuestions?.values() ?? [])].flatMap((set) => [...Object.values(set.topics).flat(), ...set.off_topic]),
  ];
  const trained = KnowledgeIndex.build(kb);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'topic-model-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function expectSameSignals(index: KnowledgeIndex, texts: readonly string[]): void {
    let differing = 0;
    for (const text of texts) if (JSON.stringify(index.signals(text)) !== JSON.stringify(trained.signals(text))) differing++;
    expect(differing, `questions answered differently, of ${texts.length}`).to.equal(0);
  }

  it('is the one the build wrote, current, and answers every known question exactly as with a freshly trained classifier', () => {
    const reasons: string[] = [];
    const loaded = KnowledgeIndex.build(kb, { modelFile: { file: TOPIC_MODEL_FILE, reportTraining: (reason) => reasons.push(reason) } });
    expect(reasons, 'the build should have written a current model file').to.deep.equal([]);
    expect(questions.length).to.be.greaterThan(5_000);
    expectSameSignals(loaded, questions);
  });

  it('is not used when it was trained from other examples: the classifier is trained instead', () => {
    const words = wordsOf('a classifier that knows nothing of sciatica');
    const stale = path.join(dir, 'stale.bin');
    const other = TopicClassifier.train(kb.topics.map((topic) => ({ label: topic.id, features: featuresOf(words, words) })));
    writeClassifierFile(stale, 'trained on last week\'s knowledge base', new Map([['topics', other]]));
    const reasons: string[] = [];
    const index = KnowledgeIndex.build(kb, { modelFile: { file: stale, reportTraining: (reason) => reasons.push(reason) } });
    expect(reasons).to.have.length(1);
    expect(reasons[0]).to.match(/key differs/);
    expectSameSignals(index, questions.filter((_, i) => i % 5 === 0));
  });
});
