import { expect } from 'chai';
import { incomingText } from '../../bot/incomingText.js';

describe('incomingText', () => {
  it('reads text, or a card value when there is no text', () => {
    expect(incomingText({ text: '  what is sciatica?  ' })).to.equal('what is sciatica?');
    expect(incomingText({ text: '', value: { text: 'Bowie' } })).to.equal('Bowie');
    expect(incomingText({ value: { other: 1 } })).to.equal('');
    expect(incomingText({})).to.equal('');
  });

  it('removes invisible characters that would hide words from the screener', () => {
    expect(incomingText({ text: 'numb\u200bness down\u200d there' })).to.equal('numbness down there');
    expect(incomingText({ text: '\u202eright-to-left\u202c text' })).to.equal('right-to-left text');
    expect(incomingText({ text: 'line one\r\nline two\ttab' })).to.equal('line one line two tab');
  });

  it('folds full-width and compatibility characters', () => {
    expect(incomingText({ text: 'ＰＴ ｈｅｌｐ' })).to.equal('PT help');
  });
});
