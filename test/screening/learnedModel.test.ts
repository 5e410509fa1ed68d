import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TopicClassifier } from '../../knowledge/topicClassifier.js';
import { writeClassifierFile } from '../../models/classifierFile.js';
import { LEARNED_MODEL_FILE, loadOrTrainLearnedScreener, shippedLearnedTraining } from '../../screening/learnedModel.js';
import { learnedFeatures, learnedScreenerOf, trainLearnedModels, type LearnedModels, type LearnedScreener } from '../../screening/learnedScreener.js';
import { redFlag } from '../../screening/redFlags.js';

/**
 * The learned screener ships as a model file that `npm run build` trains (screening/learnedModel.ts).
 * What a visitor must be able to rely on: the loaded model judges every message exactly as the
 * model training would give today, and a model file trained from other inputs is never used.
 */
describe('The learned screener from its model file', function () {
  // Training the backstop on the whole corpus takes about 6 s on a 2-core machine, twice here.
  this.timeout(180_000);

  const training = shippedLearnedTraining();
  const texts = [...new Set([...training.phrasings.map((item) => item.text), ...training.ordinaryMessages])];
  const levelOf = (flag: string) => redFlag(flag).level;
  let freshModels: LearnedModels;
  let fresh: LearnedScreener;
  let dir: string;

  before(() => {
    freshModels = trainLearnedModels(training);
    fresh = learnedScreenerOf(freshModels, levelOf);
    dir = mkdtempSync(path.join(os.tmpdir(), 'learned-model-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function expectSameJudgements(screener: LearnedScreener, messages: readonly string[]): void {
    let differing = 0;
    for (const text of messages) if (JSON.stringify(screener.judge(text)) !== JSON.stringify(fresh.judge(text))) differing++;
    expect(differing, `messages judged differently, of ${messages.length}`).to.equal(0);
  }

  it('is the one the build wrote, current, and judges every phrasing and visitor question exactly as a freshly trained one', () => {
    const reasons: string[] = [];
    const loaded = loadOrTrainLearnedScreener((reason) => reasons.push(reason), LEARNED_MODEL_FILE);
    expect(reasons, 'the build should have written a current model file').to.deep.equal([]);
    expect(texts.length).to.be.greaterThan(20_000);
    expectSameJudgements(loaded, texts);
  });

  it('is not used when its key does not match the current training inputs: the screener is trained instead', () => {
    // A model that judges very differently, stored under a key no training inputs have.
    const tiny = (labels: string[]) => TopicClassifier.train(labels.map((label, index) => ({ label, features: learnedFeatures(`message number ${index}`) })));
    const stale = path.join(dir, 'stale.bin');
    writeClassifierFile(stale, 'trained from yesterday\'s phrasings', new Map([['levels', tiny(['none', 'urgent', 'emergency'])], ['flags', tiny([...freshModels.flags.labels])]]));
    const reasons: string[] = [];
    const screener = loadOrTrainLearnedScreener((reason) => reasons.push(reason), stale);
    expect(reasons).to.have.length(1);
    expect(reasons[0]).to.match(/key differs/);
    expectSameJudgements(screener, texts.filter((_, index) => index % 10 === 0));
  });
});
