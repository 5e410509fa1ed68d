import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadEverydayWords } from '../../knowledge/everydayWords.js';

describe('everyday words file', () => {
  it('loads the shipped file, words and phrases of every group', () => {
    const words = loadEverydayWords();
    expect(words).to.include.members(['grandson', 'christmas', 'mother in law', 'laurel']);
  });

  it('names the group and item of an entry with punctuation or capitals', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'everyday-'));
    const file = path.join(dir, 'everyday-words.yaml');
    writeFileSync(file, 'groups:\n  family: [grandson, "Mother-in-law"]\n');
    expect(() => loadEverydayWords(file)).to.throw(/everyday-words\.yaml.*groups\.family\.1/);
  });
});
