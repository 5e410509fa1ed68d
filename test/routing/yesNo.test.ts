import { expect } from 'chai';
import { parseYesNo } from '../../routing/yesNo.js';

describe('parseYesNo', () => {
  const cases: Array<[string, 'yes' | 'no' | undefined]> = [
    ['Yes', 'yes'],
    ['yep', 'yes'],
    ['YES!!', 'yes'],
    ['yes I do', 'yes'],
    ['sure', 'yes'],
    ['No', 'no'],
    ['nope', 'no'],
    ['not really', 'no'],
    ["I don't", 'no'],
    ['no, none of those', 'no'],
    ['None of these', 'no'],
    ['I agree', 'yes'],
    ['ok', 'yes'],
    ['please do', 'yes'],
    ["don't contact me", 'no'],
    ['I do not consent', 'no'],
    ['maybe', undefined],
    ['what do you mean?', undefined],
    ['', undefined],
    ['yesterday I fell', undefined],
    ['nothing like that', 'no'],
    ['nobody', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`reads ${JSON.stringify(text)} as ${String(expected)}`, () => {
      expect(parseYesNo(text)).to.equal(expected);
    });
  }
});
