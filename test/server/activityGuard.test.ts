import { expect } from 'chai';
import { checkActivity } from '../../server/activityGuard.js';

const valid = {
  type: 'message',
  channelId: 'emulator',
  serviceUrl: 'http://127.0.0.1:9000',
  conversation: { id: 'c1' },
  from: { id: 'user' },
  recipient: { id: 'bot' },
  text: 'hello',
};

describe('checkActivity', () => {
  it('accepts a well-formed message and keeps unknown fields', () => {
    expect(checkActivity({ ...valid, channelData: { anything: true } })).to.deep.equal({ ok: true });
  });

  const cases: Array<[string, unknown, RegExp]> = [
    ['not an object', 'hello', /JSON Bot Framework activity/],
    ['an array', [valid], /JSON Bot Framework activity/],
    ['null', null, /JSON Bot Framework activity/],
    ['no type', { ...valid, type: undefined }, /no type/],
    ['an unknown type', { ...valid, type: 'smoke-signal' }, /Invalid type/],
    ['no conversation', { ...valid, conversation: undefined }, /no conversation/],
    ['an empty conversation id', { ...valid, conversation: { id: '' } }, /conversation\.id/],
    ['no from', { ...valid, from: undefined }, /no from/],
    ['a javascript: serviceUrl', { ...valid, serviceUrl: 'javascript:alert(1)' }, /serviceUrl/],
    ['a non-string text', { ...valid, text: 42 }, /text/],
    ['an invoke (the bot handles none; botbuilder would answer 501)', { ...valid, type: 'invoke', name: 'adaptiveCard/action' }, /does not handle invoke/],
  ];
  for (const [what, body, reason] of cases) {
    it(`refuses ${what} with a 400 and a reason`, () => {
      const result = checkActivity(body);
      expect(result.ok).to.equal(false);
      if (!result.ok) {
        expect(result.status).to.equal(400);
        expect(result.reason).to.match(reason);
      }
    });
  }
});
