import { expect } from 'chai';
import { classifyFailure } from '../../scheduling/delivery/failures.js';
import { retryDelayMs, DEFAULT_RETRY_POLICY } from '../../scheduling/delivery/sender.js';

describe('delivery failures', () => {
  const failure = (code: string, responseCode?: number, response?: string) =>
    classifyFailure(Object.assign(new Error('failed'), { code, responseCode, response }));

  it('treats a 5xx refusal of the message as permanent and everything else as worth retrying', () => {
    expect(failure('EENVELOPE', 550, '550 5.1.1 mailbox unavailable').permanent).to.equal(true);
    expect(failure('EMESSAGE', 554).permanent).to.equal(true);
    for (const retryable of [failure('EENVELOPE', 451), failure('EMESSAGE', 452), failure('EENVELOPE', 503), failure('ESOCKET'), failure('ECONNECTION'), failure('ETIMEDOUT'), failure('EAUTH', 535), failure('ETLS', 500)]) {
      expect(retryable.permanent, retryable.code).to.equal(false);
    }
    expect(classifyFailure(new Error('no code')).permanent).to.equal(false);
  });

  it('keeps the server reply out of the code that is logged', () => {
    const refused = failure('EENVELOPE', 550, '550 5.1.1 <dana@example.com>: mailbox unavailable');
    expect(refused.code).to.equal('EENVELOPE 550');
    expect(refused.detail).to.include('mailbox unavailable');
  });

  it('knows connection trouble from a refusal', () => {
    expect(failure('ESOCKET').connectionLevel).to.equal(true);
    expect(failure('ECONNECTION', 421).connectionLevel).to.equal(true);
    expect(failure('EMESSAGE', 451).connectionLevel).to.equal(false);
  });

  it('waits seconds at first, doubling up to at most 30 minutes, and keeps trying for five days', () => {
    const delays = Array.from({ length: 12 }, (_, i) => retryDelayMs(DEFAULT_RETRY_POLICY, i + 1));
    expect(delays.slice(0, 4)).to.deep.equal([5_000, 10_000, 20_000, 40_000]);
    expect(Math.max(...delays)).to.equal(30 * 60_000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 500)).to.equal(30 * 60_000);
    expect(DEFAULT_RETRY_POLICY.giveUpAfterMs).to.be.at.least(5 * 24 * 60 * 60_000);
  });
});
