import { expect } from 'chai';
import type { IncomingMessage } from 'node:http';
import { clientKey, networkKey } from '../../server/clientAddress.js';
import { RateLimiter } from '../../server/rateLimit.js';

describe('RateLimiter', () => {
  const clock = () => {
    const state = { now: 0 };
    return { state, now: () => state.now };
  };

  it('allows a burst of perMinute, then refuses with the seconds until the next request is allowed', () => {
    const { now } = clock();
    const limiter = new RateLimiter({ perMinute: 30, now });
    for (let i = 0; i < 30; i += 1) expect(limiter.take('conversation-a').ok, `request ${i + 1}`).to.equal(true);
    expect(limiter.take('conversation-a')).to.deep.equal({ ok: false, retryAfterSeconds: 2 });
  });

  it('earns requests back at perMinute a minute, never beyond the burst', () => {
    const { state, now } = clock();
    const limiter = new RateLimiter({ perMinute: 60, now });
    for (let i = 0; i < 60; i += 1) limiter.take('a');
    expect(limiter.take('a').ok).to.equal(false);
    state.now += 1_000;
    expect(limiter.take('a').ok).to.equal(true);
    expect(limiter.take('a').ok).to.equal(false);
    state.now += 60 * 60_000;
    let allowed = 0;
    while (limiter.take('a').ok) allowed += 1;
    expect(allowed).to.equal(60);
  });

  it('counts each key apart', () => {
    const limiter = new RateLimiter({ perMinute: 2, now: () => 0 });
    expect([limiter.take('a').ok, limiter.take('a').ok, limiter.take('a').ok]).to.deep.equal([true, true, false]);
    expect(limiter.take('b').ok).to.equal(true);
  });

  it('is off at 0: everything passes and nothing is remembered', () => {
    const limiter = new RateLimiter({ perMinute: 0 });
    for (let i = 0; i < 1_000; i += 1) expect(limiter.take('a').ok).to.equal(true);
    expect(limiter.enabled).to.equal(false);
    expect(limiter.size).to.equal(0);
  });

  it('remembers at most maxKeys keys under a flood of random ids, forgetting the least recently seen', () => {
    const limiter = new RateLimiter({ perMinute: 1, maxKeys: 100, now: () => 0 });
    expect(limiter.take('regular').ok).to.equal(true);
    for (let i = 0; i < 50; i += 1) limiter.take(`random-${i}`);
    expect(limiter.take('regular').ok, 'still remembered: seen more recently than the oldest').to.equal(false);
    for (let i = 0; i < 100_000; i += 1) limiter.take(`random-${Math.random()}`);
    expect(limiter.size).to.be.within(90, 100);
  });

  it('refuses a limit that is not a whole number', () => {
    expect(() => new RateLimiter({ perMinute: 1.5 })).to.throw(/whole number/);
    expect(() => new RateLimiter({ perMinute: -1 })).to.throw(/whole number/);
  });
});

describe('clientKey', () => {
  const request = (remoteAddress: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;

  it('is the peer address, whatever X-Forwarded-For says, unless the proxy is trusted', () => {
    expect(clientKey(request('203.0.113.5', { 'x-forwarded-for': '198.51.100.1' }), false)).to.equal('203.0.113.5');
  });

  it('behind a trusted proxy, is the address the proxy added last (a client can write the earlier ones)', () => {
    expect(clientKey(request('127.0.0.1', { 'x-forwarded-for': '10.9.9.9, 198.51.100.7' }), true)).to.equal('198.51.100.7');
    expect(clientKey(request('127.0.0.1', {}), true)).to.equal('127.0.0.1');
  });

  it('keys IPv6 clients by their /64 network and IPv4-mapped ones as IPv4', () => {
    expect(networkKey('2001:db8:1:2:aaaa::1')).to.equal('2001:db8:1:2::/64');
    expect(networkKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).to.equal('2001:db8:1:2::/64');
    expect(networkKey('2001:0DB8::5')).to.equal('2001:db8:0:0::/64');
    expect(networkKey('::1')).to.equal('0:0:0:0::/64');
    expect(networkKey('::ffff:192.0.2.4')).to.equal('192.0.2.4');
  });
});
