import { expect } from 'chai';
import { featuresOf, TopicClassifier, type ClassifierExample } from '../../knowledge/topicClassifier.js';
import { wordsOf } from '../../knowledge/textAnalysis.js';

/** Features from plain words (no stemming or synonyms), enough to test the classifier on its own. */
function featuresOfText(text: string): string[] {
  const words = wordsOf(text);
  return featuresOf(words, words);
}

function examples(label: string, texts: string[]): ClassifierExample[] {
  return texts.map((text) => ({ label, features: featuresOfText(text) }));
}

describe('TopicClassifier', () => {
  const training = [
    ...examples('hamstring', ['how do I stretch my hamstring', 'hamstring stretch with a towel', 'tight hamstring stretch', 'hamstring stretch steps']),
    ...examples('hours', ['when are you open', 'what time do you close', 'opening hours', 'are you open on saturday']),
    ...examples('cost', ['how much does a visit cost', 'price of a session', 'do you take insurance', 'what does it cost']),
  ];
  const classifier = TopicClassifier.train(training);

  it('ranks the label whose examples the message resembles first, with probabilities that add up to 1', () => {
    const ranked = classifier.classify(featuresOfText('what time do you open on sunday'));
    expect(ranked[0]?.label).to.equal('hours');
    expect(ranked.map((entry) => entry.label)).to.have.members(['hamstring', 'hours', 'cost']);
    expect(ranked.reduce((sum, entry) => sum + entry.probability, 0)).to.be.closeTo(1, 1e-9);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]?.probability).to.be.at.least(ranked[i]?.probability ?? 0);
  });

  it('recognizes a misspelt word by its letter groups', () => {
    expect(classifier.classify(featuresOfText('hamstrnig'))[0]?.label).to.equal('hamstring');
    expect(classifier.classify(featuresOfText('insurence'))[0]?.label).to.equal('cost');
  });

  it('learns the same model every time', () => {
    const again = TopicClassifier.train(training);
    const message = featuresOfText('how much for a stretch');
    expect(again.classify(message)).to.deep.equal(classifier.classify(message));
  });
});
