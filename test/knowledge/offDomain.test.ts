import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOffDomain } from '../../knowledge/offDomain.js';
import { PhraseMatcher } from '../../knowledge/phrases.js';
import { wordsOf } from '../../knowledge/textAnalysis.js';

describe('off-domain markers', () => {
  const markers = new PhraseMatcher(['sore throat', 'car insurance', 'mechanic', 'sinus']);

  it('finds marker phrases as whole words, plural or not', () => {
    expect(markers.count(wordsOf('Sore throats all week'))).to.equal(1);
    expect(markers.count(wordsOf('cheap car insurance and a mechanic'))).to.equal(2);
    expect(markers.count(wordsOf('my sinuses are blocked'))).to.equal(1);
    expect([...markers.coveredPositions(wordsOf('need car insurance'))]).to.deep.equal([1, 2]);
  });

  it('does not find a marker inside a longer word or a different form of it', () => {
    expect(markers.count(wordsOf('mechanical traction'))).to.equal(0);
    expect(markers.count(wordsOf('insurance for my car'))).to.equal(0);
    expect(markers.count(wordsOf('my throat'))).to.equal(0);
  });
});

describe('off-domain file', () => {
  it('loads the shipped file', () => {
    const offDomain = loadOffDomain();
    expect(offDomain.markers).to.include('post office');
    expect(offDomain.examples.length).to.be.above(50);
  });

  it('names the group and item of a marker with punctuation', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'off-domain-'));
    const file = path.join(dir, 'off-domain.yaml');
    writeFileSync(file, 'markers:\n  places: [post office, "Wal-Mart"]\nexamples:\n  - what is the capital of peru\n');
    expect(() => loadOffDomain(file)).to.throw(/off-domain\.yaml.*markers\.places\.1/);
  });
});
