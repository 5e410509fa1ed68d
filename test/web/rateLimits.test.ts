import { expect } from 'chai';
import { startTestSite, type TestSite } from './harness.js';
import { startConversation } from './directLineClient.js';

async function post(url: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}), ...options.headers },
    body: JSON.stringify(options.body ?? {}),
  });
  const text = await response.text();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

describe('website rate limits', () => {
  describe('per conversation', () => {
    let site: TestSite;
    before(async () => {
      site = await startTestSite({ env: { RATE_LIMIT_CONVERSATION_PER_MINUTE: '3', RATE_LIMIT_CLIENT_PER_MINUTE: '0' } });
    });
    after(async () => site.close());

    it('takes a visitor\'s messages up to the allowance, then answers 429 with Retry-After in Direct Line\'s error shape', async () => {
      const { conversation, domain } = await startConversation(site.url);
      const url = `${domain}/conversations/${conversation.conversationId}/activities`;
      const results = [];
      for (let i = 0; i < 5; i += 1) results.push(await post(url, { token: conversation.token, body: { type: 'message', text: `message ${i}`, from: { id: 'x' } } }));
      expect(results.map((result) => result.status)).to.deep.equal([200, 200, 200, 429, 429]);
      expect(Number(results[3]?.retryAfter)).to.be.within(1, 20);
      expect(results[3]?.body).to.deep.nested.include({ 'error.code': 'TooManyRequests' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const texts = site.bot.seen.filter((seen) => seen.conversation === conversation.conversationId && seen.type === 'message').map((seen) => seen.text);
      expect(texts).to.deep.equal(['message 0', 'message 1', 'message 2']);

      const other = await startConversation(site.url);
      const fresh = await post(`${other.domain}/conversations/${other.conversation.conversationId}/activities`, { token: other.conversation.token, body: { type: 'message', text: 'hello', from: { id: 'x' } } });
      expect(fresh.status).to.equal(200);
    });
  });

  describe('per visitor address', () => {
    let site: TestSite;
    before(async () => {
      site = await startTestSite({ env: { RATE_LIMIT_CONVERSATION_PER_MINUTE: '0', RATE_LIMIT_CLIENT_PER_MINUTE: '4' } });
    });
    after(async () => site.close());

    it('counts tokens, starts and posts of one address together, and a made-up X-Forwarded-For does not reset the count', async () => {
      const { conversation, domain } = await startConversation(site.url); // token + start: 2 of 4
      const url = `${domain}/conversations/${conversation.conversationId}/activities`;
      expect((await post(url, { token: conversation.token, body: { type: 'message', text: 'one', from: { id: 'x' } } })).status).to.equal(200);
      expect((await post(url, { token: conversation.token, body: { type: 'message', text: 'two', from: { id: 'x' } } })).status).to.equal(200);
      const refused = await post(`${site.url}/api/directline/token`, { headers: { 'X-Forwarded-For': '198.51.100.23' } });
      expect(refused.status).to.equal(429);
      expect(Number(refused.retryAfter)).to.be.within(1, 60);
      expect(refused.body).to.deep.nested.include({ 'error.code': 'TooManyRequests' });
      expect((await post(url, { token: conversation.token, body: { type: 'message', text: 'three', from: { id: 'x' } } })).status).to.equal(429);
      expect((await fetch(`${site.url}/`)).status, 'the page itself is not limited').to.equal(200);
    });
  });

  describe('behind a trusted proxy (TRUST_PROXY=true)', () => {
    let site: TestSite;
    before(async () => {
      site = await startTestSite({ env: { RATE_LIMIT_CLIENT_PER_MINUTE: '2', TRUST_PROXY: 'true' } });
    });
    after(async () => site.close());

    it('counts each visitor by the address the proxy forwarded', async () => {
      const token = (address: string) => post(`${site.url}/api/directline/token`, { headers: { 'X-Forwarded-For': address } });
      expect([(await token('198.51.100.1')).status, (await token('198.51.100.1')).status, (await token('198.51.100.1')).status]).to.deep.equal([200, 200, 429]);
      expect((await token('198.51.100.2')).status).to.equal(200);
      expect((await token('203.0.113.9, 198.51.100.1')).status, 'an address the client wrote in front does not help').to.equal(429);
    });
  });
});
