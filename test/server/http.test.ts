import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../app.js';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../config/logger.js';
import { startChannel, visitorActivity, type TestChannel } from '../support/channel.js';

describe('the bot over HTTP (Bot Framework protocol)', function () {
  this.timeout(30_000);
  let dataDir: string;
  let app: RunningApp;
  let base: string;
  let channel: TestChannel;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'http-'));
    channel = await startChannel();
    app = await startApp({ ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), port: 0 }, createLogger('silent'), { host: '127.0.0.1' });
    base = `http://127.0.0.1:${app.port}`;
  });
  after(async () => {
    await app.close();
    await channel.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const activity = (conversation: string, fields: Record<string, unknown>) => visitorActivity(channel, conversation, fields);

  async function post(body: unknown, raw = false): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw ? String(body) : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: response.status, json };
  }

  it('is healthy once the knowledge base, clinics and stores are ready', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal({ status: 'ok' });
  });

  it('welcomes on conversationUpdate, posting to the channel', async () => {
    const before = channel.received.length;
    const result = await post(activity('conv-welcome', { type: 'conversationUpdate', membersAdded: [{ id: 'visitor-1' }] }));
    expect(result.status).to.be.within(200, 202);
    const replies = channel.received.slice(before);
    expect(replies).to.have.length(1);
    expect(replies[0]?.path).to.match(/^\/v3\/conversations\/conv-welcome\/activities/);
    expect(replies[0]?.body.text).to.match(/911/);
  });

  it('answers a question by posting the reply, with its topic in channelData, to the activity it replies to', async () => {
    const before = channel.received.length;
    const question = activity('conv-faq', { text: 'how long is a PT session?' });
    const result = await post(question);
    expect(result.status).to.be.within(200, 202);
    const replies = channel.received.slice(before);
    expect(replies.length).to.be.greaterThan(0);
    expect(replies[0]?.path).to.equal(`/v3/conversations/conv-faq/activities/${String(question.id)}`);
    expect(replies[0]?.body.channelData?.topic).to.equal('session-length');
    expect(replies[0]?.body.replyToId).to.equal(question.id);
  });

  it('returns the replies in the response body with deliveryMode expectReplies', async () => {
    const result = await post(activity('conv-expect', { text: 'can I feel anything when I wipe? no, I cannot feel anything down there', deliveryMode: 'expectReplies' }));
    expect(result.status).to.equal(200);
    const replies = (result.json as { activities: Array<{ type: string; channelData?: { redFlag?: { level: string } } }> }).activities;
    const messages = replies.filter((reply) => reply.type === 'message');
    expect(messages[0]?.channelData?.redFlag?.level).to.equal('emergency');
  });

  const malformed: Array<[string, unknown, boolean]> = [
    ['invalid JSON', '{"type": "message", ', true],
    ['a JSON array', '[1,2,3]', true],
    ['no type', { channelId: 'x', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'c' }, from: { id: 'u' } }, false],
    ['an unknown type', { type: 'explode', channelId: 'x', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'c' }, from: { id: 'u' } }, false],
    ['no conversation', { type: 'message', channelId: 'x', serviceUrl: 'http://127.0.0.1:1', from: { id: 'u' }, text: 'hi' }, false],
  ];
  for (const [what, body, raw] of malformed) {
    it(`answers ${what} with a 400 and keeps serving`, async () => {
      const result = await post(body, raw);
      expect(result.status).to.equal(400);
      expect((await fetch(`${base}/healthz`)).status).to.equal(200);
    });
  }

  it('answers every message of a fast scripted conversation in local mode (only this machine can call, so no rate limit)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i += 1) statuses.push((await post(activity('conv-scripted', { text: 'how long is a PT session?', deliveryMode: 'expectReplies' }))).status);
    expect(statuses.filter((status) => status !== 200)).to.deep.equal([]);
  });

  it('refuses a body over the limit with 413', async () => {
    const result = await post(activity('conv-big', { text: 'x'.repeat(400_000) }));
    expect(result.status).to.equal(413);
  });

  it('answers a 50 KB message politely instead of failing', async () => {
    const result = await post(activity('conv-50k', { text: 'my back hurts. '.repeat(3_500), deliveryMode: 'expectReplies' }));
    expect(result.status).to.equal(200);
    const replies = (result.json as { activities: Array<{ type: string; text?: string }> }).activities.filter((reply) => reply.type === 'message');
    expect(replies[0]?.text).to.match(/shorter questions/);
  });

  it('serves the exercise illustrations as SVG and nothing else from that route', async () => {
    const svg = await fetch(`${base}/illustrations/bridge-exercise.svg`);
    expect(svg.status).to.equal(200);
    expect(svg.headers.get('content-type')).to.match(/^image\/svg\+xml/);
    expect(await svg.text()).to.match(/<svg/);
    expect((await fetch(`${base}/illustrations/..%2F..%2Fpackage.json`)).status).to.equal(404);
  });
});
