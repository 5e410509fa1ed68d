import { expect } from 'chai';
import os from 'node:os';
import { ASK, ANSWER, SLOW, SLOW_ANSWER, WELCOME, startTestSite, type TestSite } from './harness.js';
import { Stream, call, startConversation, type Conversation } from './directLineClient.js';

/**
 * The built-in Direct Line endpoint, spoken to the way DirectLineJS (Web Chat's client) speaks,
 * with the test bot behind a real CloudAdapter.
 */
describe('website Direct Line (protocol)', function () {
  let site: TestSite;
  const streams: Stream[] = [];
  const openStream = async (url: string) => {
    const stream = await Stream.open(url);
    streams.push(stream);
    return stream;
  };

  before(async () => {
    site = await startTestSite({ env: { WEBCHAT_MAX_CONVERSATIONS: '10' } });
  });
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });
  after(async () => site.close());

  it('gives the page a token and the Direct Line domain of this service', async () => {
    const { status, body } = await call(`${site.url}/api/directline/token`, { method: 'POST', body: {} });
    expect(status).to.equal(200);
    expect(body).to.include({ domain: `${site.url}/directline`, expires_in: 3600 });
    expect((body as { token: string }).token).to.match(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('starts the conversation with a real stream URL, and the bot welcomes the visitor before they type', async () => {
    const { conversation } = await startConversation(site.url);
    expect(conversation.streamUrl).to.match(new RegExp(`^ws://127\\.0\\.0\\.1:${site.port}/directline/conversations/${conversation.conversationId}/stream\\?`));
    const stream = await openStream(conversation.streamUrl);
    const welcome = await stream.waitFor((a) => a.text === WELCOME);
    expect(welcome.from?.role).to.equal('bot');
    expect((welcome.suggestedActions as { actions: Array<{ title: string }> }).actions.map((a) => a.title)).to.include(ASK);
    expect(welcome.id).to.equal(`${conversation.conversationId}|0000001`);
  });

  it('echoes the visitor\'s activity with an id and the same clientActivityID, then the answer, replying to that same id', async () => {
    const { conversation, domain } = await startConversation(site.url);
    const stream = await openStream(conversation.streamUrl);
    await stream.waitFor((a) => a.text === WELCOME);
    const posted = await call(`${domain}/conversations/${conversation.conversationId}/activities`, {
      method: 'POST',
      token: conversation.token,
      body: { type: 'message', text: ASK, from: { id: 'someone-else', name: 'Mallory' }, channelData: { clientActivityID: 'client-42' } },
    });
    expect(posted.status).to.equal(200);
    const { id } = posted.body as { id: string };
    const echo = await stream.waitFor((a) => a.id === id);
    expect(echo.channelData).to.deep.equal({ clientActivityID: 'client-42' });
    expect(echo.text).to.equal(ASK);
    const answer = await stream.waitFor((a) => a.text === ANSWER);
    expect(answer.replyToId).to.equal(id);

    // The bot saw the activity under the same id, from the server-assigned visitor, not the page's choice.
    const seen = site.bot.seen.find((s) => s.id === id);
    expect(seen?.conversation).to.equal(conversation.conversationId);
    expect(seen?.from).to.match(/^dl_/);
    expect(echo.from).to.deep.equal({ id: seen?.from, role: 'user' });
  });

  it('shows a typing indicator while the bot works on a slow answer', async () => {
    const { conversation, domain } = await startConversation(site.url);
    const stream = await openStream(conversation.streamUrl);
    await stream.waitFor((a) => a.text === WELCOME);
    await call(`${domain}/conversations/${conversation.conversationId}/activities`, { method: 'POST', token: conversation.token, body: { type: 'message', text: SLOW } });
    const typing = await stream.waitFor((a) => a.type === 'typing', 1_000);
    expect(typing.from?.role).to.equal('bot');
    await stream.waitFor((a) => a.text === SLOW_ANSWER, 5_000);
    // Typing is shown, not kept: a client that reconnects does not get stale dots.
    const history = await call(`${domain}/conversations/${conversation.conversationId}/activities?watermark=`, { token: conversation.token });
    expect((history.body as { activities: Array<{ type: string }> }).activities.map((a) => a.type)).not.to.include('typing');
  });

  it('resumes after a reconnect: a new stream sends what came after the watermark, or everything without one', async () => {
    const { conversation, domain } = await startConversation(site.url);
    const first = await openStream(conversation.streamUrl);
    await first.waitFor((a) => a.text === WELCOME);
    const watermark = first.frames.at(-1)?.watermark ?? '';
    first.close();
    await call(`${domain}/conversations/${conversation.conversationId}/activities`, { method: 'POST', token: conversation.token, body: { type: 'message', text: ASK } });
    // Give the bot time to answer while nobody is connected.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const reconnect = await call(`${domain}/conversations/${conversation.conversationId}?watermark=${watermark}`, { token: conversation.token });
    expect(reconnect.status).to.equal(200);
    const again = reconnect.body as Conversation;
    expect(again.streamUrl).to.include(`watermark=${watermark}`);
    const missed = await openStream(again.streamUrl);
    await missed.waitFor((a) => a.text === ANSWER);
    expect(missed.activities.map((a) => a.text)).to.deep.equal([ASK, ANSWER]);

    const fresh = (await call(`${domain}/conversations/${conversation.conversationId}`, { token: again.token })).body as Conversation;
    const everything = await openStream(fresh.streamUrl);
    await everything.waitFor((a) => a.text === ANSWER);
    expect(everything.activities.map((a) => a.text)).to.deep.equal([WELCOME, ASK, ANSWER]);
  });

  it('serves the history by polling too', async () => {
    const { conversation, domain } = await startConversation(site.url);
    const stream = await openStream(conversation.streamUrl);
    await stream.waitFor((a) => a.text === WELCOME);
    const polled = await call(`${domain}/conversations/${conversation.conversationId}/activities?watermark=`, { token: conversation.token });
    expect(polled.body).to.deep.include({ watermark: '1' });
  });

  it('refreshes a token into a new one that works', async () => {
    const { conversation, domain } = await startConversation(site.url);
    const refreshed = await call(`${domain}/tokens/refresh`, { method: 'POST', token: conversation.token });
    expect(refreshed.status).to.equal(200);
    const { token, conversationId } = refreshed.body as { token: string; conversationId: string };
    expect(conversationId).to.equal(conversation.conversationId);
    const posted = await call(`${domain}/conversations/${conversationId}/activities`, { method: 'POST', token, body: { type: 'message', text: 'still me' } });
    expect(posted.status).to.equal(200);
  });

  it('starting the same conversation twice does not welcome twice', async () => {
    const issued = (await call(`${site.url}/api/directline/token`, { method: 'POST', body: {} })).body as { token: string; domain: string; conversationId: string };
    const first = await call(`${issued.domain}/conversations`, { method: 'POST', token: issued.token, body: {} });
    const second = await call(`${issued.domain}/conversations`, { method: 'POST', token: issued.token, body: {} });
    expect([first.status, second.status]).to.deep.equal([201, 200]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const history = await call(`${issued.domain}/conversations/${issued.conversationId}/activities`, { token: issued.token });
    expect((history.body as { activities: unknown[] }).activities).to.have.length(1);
  });

  describe('keeps conversations apart', () => {
    let mine: Conversation;
    let theirs: Conversation;
    let domain: string;
    before(async () => {
      ({ conversation: mine, domain } = await startConversation(site.url));
      ({ conversation: theirs } = await startConversation(site.url));
    });

    it('a token for one conversation cannot read another', async () => {
      for (const path of [`/conversations/${theirs.conversationId}/activities?watermark=`, `/conversations/${theirs.conversationId}`]) {
        const { status, body } = await call(`${domain}${path}`, { token: mine.token });
        expect(status, path).to.equal(403);
        expect(JSON.stringify(body)).not.to.include(WELCOME);
      }
    });

    it('a token for one conversation cannot post to another', async () => {
      const before = site.bot.seen.length;
      const { status } = await call(`${domain}/conversations/${theirs.conversationId}/activities`, { method: 'POST', token: mine.token, body: { type: 'message', text: 'hijack' } });
      expect(status).to.equal(403);
      // Naming the other conversation in the body changes nothing either: the path and token decide.
      await call(`${domain}/conversations/${mine.conversationId}/activities`, {
        method: 'POST',
        token: mine.token,
        body: { type: 'message', text: 'sneaky', conversation: { id: theirs.conversationId } },
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const reached = site.bot.seen.slice(before).filter((s) => s.text === 'hijack' || s.text === 'sneaky');
      expect(reached.map((s) => [s.text, s.conversation])).to.deep.equal([['sneaky', mine.conversationId]]);
    });

    it('a stream URL for one conversation cannot open another', async () => {
      const mineStream = new URL(mine.streamUrl);
      const forged = mine.streamUrl.replace(mineStream.pathname, `/directline/conversations/${theirs.conversationId}/stream`);
      expect(await Stream.refusal(forged)).to.equal(403);
      expect(await Stream.refusal(theirs.streamUrl.replace(/t=[^&]+/, 't=nonsense'))).to.equal(403);
    });

    it('a missing or forged token gets 403', async () => {
      const forged = `${mine.token.slice(0, -4)}AAAA`;
      for (const token of [undefined, 'nonsense', forged]) {
        const { status } = await call(`${domain}/conversations/${mine.conversationId}/activities`, { method: 'POST', ...(token ? { token } : {}), body: { type: 'message', text: 'x' } });
        expect(status, String(token)).to.equal(403);
      }
    });
  });

  it('refuses activities the page may not send, with a reason', async () => {
    const { conversation, domain } = await startConversation(site.url);
    const url = `${domain}/conversations/${conversation.conversationId}/activities`;
    for (const body of [{ type: 'conversationUpdate' }, { type: 'message', text: 'x'.repeat(20_001) }, { type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'http://evil/x.png' }] }, 'hello']) {
      const { status, body: answer } = await call(url, { method: 'POST', token: conversation.token, body });
      expect(status, JSON.stringify(body).slice(0, 40)).to.equal(400);
      expect((answer as { error: { message: string } }).error.message).to.match(/^Invalid /);
    }
  });

  it('forgets the least recently active conversation beyond the cap, and says so to its client', async () => {
    const { conversation: oldest, domain } = await startConversation(site.url);
    const stream = await openStream(oldest.streamUrl);
    for (let i = 0; i < 10; i++) await startConversation(site.url);
    expect(site.webChat.directLine.conversationCount).to.equal(10);
    expect(await stream.closed).to.equal(1000);
    const { status } = await call(`${domain}/conversations/${oldest.conversationId}`, { token: oldest.token });
    expect(status).to.equal(404);
  });

  describe('loopback-only endpoints (from this machine)', () => {
    it('the connector endpoint takes the bot\'s replies only for conversations it holds', async () => {
      const { status } = await call(`${site.url}/v3/conversations/unknown-conversation/activities`, { method: 'POST', body: { type: 'message', text: 'hi' } });
      expect(status).to.equal(404);
    });

    it('a request relayed by a local proxy is not local', async () => {
      const { conversation } = await startConversation(site.url);
      const viaProxy = { 'X-Forwarded-For': '203.0.113.7' };
      expect((await call(`${site.url}/v3/conversations/${conversation.conversationId}/activities`, { method: 'POST', body: { type: 'message', text: 'fake bot' }, headers: viaProxy })).status).to.equal(403);
      expect((await call(`${site.url}/api/messages`, { method: 'POST', body: {}, headers: viaProxy })).status).to.equal(403);
    });

    it('/api/messages still serves callers on this machine in local mode', async () => {
      const { status } = await call(`${site.url}/api/messages`, { method: 'POST', body: { type: 'message' } });
      expect(status).to.equal(400);
    });
  });

  describe('the page and its files', () => {
    it('serves the chat page with security headers: CSP for self and the stream only, nosniff, no referrer', async () => {
      const response = await fetch(`${site.url}/`);
      expect(response.status).to.equal(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).to.include("default-src 'none'");
      expect(csp).to.include("script-src 'self';");
      expect(csp).to.match(new RegExp(`connect-src 'self' http://127\\.0\\.0\\.1:${site.port} ws://127\\.0\\.0\\.1:${site.port};`));
      expect(csp).to.include("frame-ancestors 'self';");
      expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(response.headers.get('referrer-policy')).to.equal('no-referrer');
      const html = await response.text();
      expect(html).to.include('<meta name="viewport" content="width=device-width, initial-scale=1');
      expect(html).to.include('<h1 class="chat-title">Forever Fit Physical Therapy</h1>');
      expect(html).not.to.match(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i);
    });

    it('serves Web Chat\'s own bundle compressed, cached for good under its version', async () => {
      const html = await (await fetch(`${site.url}/`)).text();
      const bundle = /src="(webchat\/webchat-[\d.]+\.js)"/.exec(html)?.[1];
      expect(bundle).to.equal('webchat/webchat-4.18.1.js');
      const response = await fetch(`${site.url}/${bundle}`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(response.status).to.equal(200);
      expect(response.headers.get('cache-control')).to.include('immutable');
      const body = Buffer.from(await response.arrayBuffer());
      // fetch decompresses: the size on the wire is in content-length.
      expect(Number(response.headers.get('content-length'))).to.be.below(1_200_000);
      expect(body.length).to.be.above(3_000_000);
      expect(body.toString('utf8')).to.include('renderWebChat');
      const etag = response.headers.get('etag') ?? '';
      expect((await fetch(`${site.url}/${bundle}`, { headers: { 'If-None-Match': etag } })).status).to.equal(304);
    });

    it('serves the embed script with the clinic\'s settings filled in', async () => {
      const response = await fetch(`${site.url}/embed.js`);
      expect(response.headers.get('content-type')).to.include('javascript');
      const script = await response.text();
      expect(script).not.to.include('__CLINIC_CHAT_CONFIG__');
      expect(script).to.include(`"chatUrl":"${site.url}/?embed=1"`);
      expect(script).to.include('"launcher":"Questions about sciatica?"');
    });
  });
});

describe('website Direct Line with embedding allowed', () => {
  let site: TestSite;
  before(async () => {
    site = await startTestSite({ env: { SITE_EMBED_ORIGINS: 'https://www.foreverfit.example https://*.clinic.example' } });
  });
  after(async () => site.close());

  it('lets the configured clinic sites frame the chat, and no one else', async () => {
    const csp = (await fetch(`${site.url}/?embed=1`)).headers.get('content-security-policy') ?? '';
    expect(csp).to.include("frame-ancestors 'self' https://www.foreverfit.example https://*.clinic.example;");
  });
});

/** This machine's own address on a network interface other than loopback, if it has one. */
function nonLoopbackAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal)?.address;
}

describe('loopback-only endpoints (from another address)', function () {
  let site: TestSite;
  let base: string;
  before(async function () {
    const address = nonLoopbackAddress();
    if (!address) {
      console.log('      (skipped: this machine has no network address besides loopback to call from)');
      this.skip();
    }
    site = await startTestSite({ host: '0.0.0.0' });
    base = `http://${address}:${site.port}`;
  });
  after(async () => site?.close());

  it('/api/messages in local mode refuses a caller that is not on loopback', async () => {
    const { status, body } = await call(`${base}/api/messages`, {
      method: 'POST',
      body: { type: 'message', channelId: 'emulator', serviceUrl: 'http://203.0.113.1', conversation: { id: 'c' }, from: { id: 'u' }, text: 'hi' },
    });
    expect(status).to.equal(403);
    expect(JSON.stringify(body)).to.include('only answers callers on this machine');
    expect(site.bot.seen).to.deep.equal([]);
  });

  it('the connector endpoint refuses a caller that is not on loopback, even for a live conversation', async () => {
    const { conversation } = await startConversation(site.url);
    const { status } = await call(`${base}/v3/conversations/${conversation.conversationId}/activities`, { method: 'POST', body: { type: 'message', text: 'I am the bot, honest' } });
    expect(status).to.equal(403);
    const history = await call(`${site.url}/directline/conversations/${conversation.conversationId}/activities`, { token: conversation.token });
    expect(JSON.stringify(history.body)).not.to.include('honest');
  });

  it('the page and the visitor-facing Direct Line work from any address', async () => {
    expect((await fetch(`${base}/`)).status).to.equal(200);
    expect((await call(`${base}/api/directline/token`, { method: 'POST', body: {} })).status).to.equal(200);
  });
});

describe('website Direct Line when the bot has Bot Framework credentials', () => {
  let site: TestSite;
  before(async () => {
    site = await startTestSite({ env: { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-password', MicrosoftAppType: 'MultiTenant' } });
  });
  after(async () => site.close());

  it('still serves the website: its activities reach the bot in-process, not through /api/messages', async () => {
    const { conversation, domain } = await startConversation(site.url);
    const stream = await Stream.open(conversation.streamUrl);
    try {
      await stream.waitFor((a) => a.text === WELCOME);
      await call(`${domain}/conversations/${conversation.conversationId}/activities`, { method: 'POST', token: conversation.token, body: { type: 'message', text: ASK } });
      await stream.waitFor((a) => a.text === ANSWER);
    } finally {
      stream.close();
    }
  });

  it('/api/messages then wants a Bot Framework token, even from this machine', async () => {
    // CloudAdapter prints the refusal with console.error; keep the test output readable.
    const printError = console.error;
    console.error = () => undefined;
    const { status } = await call(`${site.url}/api/messages`, {
      method: 'POST',
      body: { type: 'message', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' }, text: 'hi' },
    }).finally(() => (console.error = printError));
    expect(status).to.equal(401);
  });
});
