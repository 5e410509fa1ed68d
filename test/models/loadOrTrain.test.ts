import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { featuresOf, TopicClassifier, type ClassifierExample } from '../../knowledge/topicClassifier.js';
import { wordsOf } from '../../knowledge/textAnalysis.js';
import { readClassifierFile, writeClassifierFile } from '../../models/classifierFile.js';
import { loadOrTrain } from '../../models/loadOrTrain.js';
import { trainingKey } from '../../models/trainingKey.js';

function features(text: string): string[] {
  const words = wordsOf(text);
  return featuresOf(words, words);
}

function examples(label: string, texts: string[]): ClassifierExample[] {
  return texts.map((text) => ({ label, features: features(text) }));
}

const HOURS_AND_COST = [
  ...examples('hours', ['when are you open', 'what time do you close', 'opening hours', 'are you open on saturday']),
  ...examples('cost', ['how much does a visit cost', 'price of a session', 'do you take insurance', 'what does it cost']),
];
const STRETCHES = [
  ...examples('hamstring', ['how do I stretch my hamstring', 'hamstring stretch with a towel']),
  ...examples('piriformis', ['figure four stretch', 'piriformis stretch lying down']),
];
const MESSAGES = ['what time do you open on sunday', 'how much for a stretch', 'insurence', 'hamstrnig towel', ''];

describe('Model files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'model-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('give back classifiers that classify exactly as the ones written', () => {
    const trained = new Map([['a', TopicClassifier.train(HOURS_AND_COST)], ['b', TopicClassifier.train(STRETCHES)]]);
    const file = path.join(dir, 'classifiers.bin');
    writeClassifierFile(file, 'the key', trained);
    const read = readClassifierFile(file);
    expect(read.key).to.equal('the key');
    for (const [name, classifier] of trained) {
      for (const message of MESSAGES) expect(read.classifiers.get(name)?.classify(features(message))).to.deep.equal(classifier.classify(features(message)));
    }
  });

  describe('loadOrTrain', () => {
    const stored = TopicClassifier.train(HOURS_AND_COST);
    const fresh = TopicClassifier.train(STRETCHES);
    const run = (file: string, key: string) => {
      const reasons: string[] = [];
      const model = loadOrTrain({
        file,
        key: () => key,
        fromFile: (classifiers) => classifiers.get('model') ?? fail('no model'),
        train: () => fresh,
        reportTraining: (reason) => reasons.push(reason),
      });
      return { model, reasons };
    };

    it('uses the file when it was trained from the current inputs', () => {
      const file = path.join(dir, 'model.bin');
      writeClassifierFile(file, 'current', new Map([['model', stored]]));
      const { model, reasons } = run(file, 'current');
      expect(reasons).to.deep.equal([]);
      expect(model.classify(features('are you open'))).to.deep.equal(stored.classify(features('are you open')));
    });

    it('trains instead, and says why in one line, when the key differs, the file is missing or unreadable', () => {
      const file = path.join(dir, 'model.bin');
      writeClassifierFile(file, 'trained from other data', new Map([['model', stored]]));
      const stale = run(file, 'current');
      expect(stale.model).to.equal(fresh);
      expect(stale.reasons).to.have.length(1);
      expect(stale.reasons[0]).to.match(/key differs/);

      const missing = run(path.join(dir, 'none.bin'), 'current');
      expect(missing.model).to.equal(fresh);
      expect(missing.reasons[0]).to.match(/no model file/);

      const garbage = path.join(dir, 'garbage.bin');
      writeFileSync(garbage, 'not a model');
      const unreadable = run(garbage, 'current');
      expect(unreadable.model).to.equal(fresh);
      expect(unreadable.reasons[0]).to.match(/cannot be read/);

      const cut = path.join(dir, 'cut.bin');
      writeClassifierFile(cut, 'current', new Map([['model', stored]]));
      const bytes = readFileSync(cut);
      writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
      expect(run(cut, 'current').reasons[0]).to.match(/cannot be read/);

      const wrongName = path.join(dir, 'wrong-name.bin');
      writeClassifierFile(wrongName, 'current', new Map([['other', stored]]));
      expect(run(wrongName, 'current').reasons[0]).to.match(/cannot be used \(no model\)/);
    });
  });

  describe('trainingKey', () => {
    it('changes with any byte, name or file of the inputs', () => {
      const a = path.join(dir, 'a.yaml');
      const b = path.join(dir, 'b.yaml');
      writeFileSync(a, 'one');
      writeFileSync(b, 'two');
      const key = trainingKey([a, b]);
      expect(trainingKey([a, b])).to.equal(key);
      expect(trainingKey([a])).to.not.equal(key);
      expect(trainingKey([b, a])).to.not.equal(key);
      writeFileSync(b, 'twO');
      expect(trainingKey([a, b])).to.not.equal(key);
      // The same bytes split differently between two files.
      writeFileSync(a, 'onet');
      writeFileSync(b, 'wo');
      expect(trainingKey([a, b])).to.not.equal(key);
    });
  });
});

function fail(message: string): never {
  throw new Error(message);
}
