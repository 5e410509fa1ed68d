import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { startApp, type RunningApp } from '../../app.js';
import { loadConfig } from '../../config/config.js';
import { createLogger, hashConversationId } from '../../config/logger.js';
import { freePort } from '../delivery/smtpTestServer.js';
import { startConversation } from '../web/directLineClient.js';
import { startChannel, visitorActivity, type TestChannel } from '../support/channel.js';

/**
 * What an attacker, a broken client or an unlucky visitor can send, over real HTTP to the whole
 * service: never a crash, a 4xx for a client's mistake and never a 5xx, replies only to the
 * channel that asked, a conversation in progress unharmed, and nothing typed in the logs.
 */

interface Reply {
  type: string;
  text?: string;
  channelData?: { prompt?: string };
}

// Marked so the log check below can look for each of them.
const HTML = 'Dana <script>alert("xss-marker")</script><img src=x onerror=alert(1)>';
const SQL = "Robert'); DROP TABLE outbox_jobs;-- OR '1'='1' sqlmarker";
const EMOJI = '👍🏽👨‍👩‍👧‍👦 my back 🔥🔥 hurts emojimarker 🦴';
const RTL = 'ظهري يؤلمني rtlmarker \u202Eevil.exe\u202C';
const ZERO_WIDTH = 'sci\u200Bat\u200Cica\u200D?\uFEFF zwmarker';
const CONTROL = 'nul\u0000 bell\u0007 esc\u001b[31m ctlmarker';
const LONE_SURROGATE = 'broken \uD800 pair \uDFFF surrogatemarker';
const ZALGO = 'h̷̛̼e̵̡͠l̶̰̈́p̸̢̛ ' + '\u0301'.repeat(2_000) + ' zalgomarker';
const LONG_WORD = 'x'.repeat(4_990);
const TOO_LONG = 'longmarker my leg hurts. '.repeat(300);
const PHONE = '301-555-0187';
/** Stands for JSON too deep to build with JSON.stringify here: spliced in as text. */
const NESTED_MARKER = '__nested_json__';
const DEEP_JSON = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
class Nested {
  readonly marker = NESTED_MARKER;
}
const NAME = 'Dana Whitfield';

describe('hostile input over HTTP', function () {
  this.timeout(120_000);
  let dataDir: string;
  let app: RunningApp;
  let base: string;
  let channel: TestChannel;
  const logLines: string[] = [];

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'hostile-'));
    channel = await startChannel();
    const log = createLogger('trace', new Writable({ write: (chunk: Buffer, _encoding, done) => (logLines.push(chunk.toString()), done()) }));
    // The suite sends more than a person would to single conversations; the limits have tests of their own.
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const config = loadConfig({ PORT: String(port), PUBLIC_URL: base, DATA_DIR: dataDir, RATE_LIMIT_CONVERSATION_PER_MINUTE: '300', RATE_LIMIT_CLIENT_PER_MINUTE: '0' });
    app = await startApp(config, log, { host: '127.0.0.1' });
  });
  after(async () => {
    await app?.close();
    await channel?.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    expect((await fetch(`${base}/healthz`)).status, 'still healthy').to.equal(200);
  });

  const activity = (conversation: string, fields: Record<string, unknown> = {}) => visitorActivity(channel, conversation, fields);


  async function post(body: unknown, options: { raw?: boolean; contentType?: string } = {}): Promise<{ status: number; replies: Reply[]; json: unknown }> {
    const response = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': options.contentType ?? 'application/json' },
      body: options.raw ? String(body) : JSON.stringify(body, (_key, value: unknown) => (value instanceof Nested ? value.marker : value)).replace(`"${NESTED_MARKER}"`, DEEP_JSON),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    const replies = ((json as { activities?: Reply[] } | undefined)?.activities ?? []).filter((reply) => reply.type === 'message');
    return { status: response.status, replies, json };
  }

  const say = (conversation: string, text: string | undefined, fields: Record<string, unknown> = {}) =>
    post(activity(conversation, { ...(text === undefined ? {} : { text }), deliveryMode: 'expectReplies', ...fields }));

  const promptOf = (replies: Reply[]) => replies.map((reply) => reply.channelData?.prompt).filter((prompt) => prompt !== undefined).pop();

  describe('requests refused before the bot sees them, sent into a booking in progress', () => {
    const BOOKING = 'conv-booking-in-progress';
    before(async () => {
      expect(promptOf((await say(BOOKING, "I'd like to book an appointment")).replies)).to.equal('clinic');
      expect(promptOf((await say(BOOKING, 'Bowie')).replies)).to.equal('name');
    });

    const refused: Array<[string, () => { body: unknown; raw?: boolean; contentType?: string }, number]> = [
      ['invalid JSON', () => ({ body: `{"type":"message","conversation":{"id":"${BOOKING}"},"text":"${NAME}"`, raw: true }), 400],
      ['a JSON array', () => ({ body: [activity(BOOKING, { text: NAME })] }), 400],
      ['a JSON string', () => ({ body: '"hello"', raw: true }), 400],
      ['JSON null', () => ({ body: 'null', raw: true }), 400],
      ['an empty body', () => ({ body: '', raw: true }), 400],
      ['JSON sent as text/plain', () => ({ body: JSON.stringify(activity(BOOKING, { text: NAME })), raw: true, contentType: 'text/plain' }), 400],
      ['a form instead of JSON', () => ({ body: `type=message&text=${NAME}`, raw: true, contentType: 'application/x-www-form-urlencoded' }), 400],
      ['no type', () => ({ body: { ...activity(BOOKING, { text: NAME }), type: undefined } }), 400],
      ['an unknown type', () => ({ body: activity(BOOKING, { type: 'explode', text: NAME }) }), 400],
      ['a type that is not a string', () => ({ body: activity(BOOKING, { type: { $ne: null }, text: NAME }) }), 400],
      ['an invoke', () => ({ body: activity(BOOKING, { type: 'invoke', name: 'adaptiveCard/action', value: { text: NAME } }) }), 400],
      ['no conversation', () => ({ body: { ...activity(BOOKING, { text: NAME }), conversation: undefined } }), 400],
      ['a conversation id that is an object', () => ({ body: activity(BOOKING, { conversation: { id: { $gt: '' } }, text: NAME }) }), 400],
      ['a 10,000-character conversation id', () => ({ body: activity('c'.repeat(10_000), { text: NAME }) }), 400],
      ['no from', () => ({ body: { ...activity(BOOKING, { text: NAME }), from: undefined } }), 400],
      ['text that is not a string', () => ({ body: activity(BOOKING, { text: { toString: NAME } }) }), 400],
      ['a serviceUrl on another machine', () => ({ body: activity(BOOKING, { text: NAME, serviceUrl: 'https://collector.attacker.example/' }) }), 400],
      ['a file: serviceUrl', () => ({ body: activity(BOOKING, { text: NAME, serviceUrl: 'file:///etc/passwd' }) }), 400],
      ['a body over 256 KB', () => ({ body: activity(BOOKING, { text: `${NAME} `.repeat(20_000) }) }), 413],
    ];
    for (const [what, request, status] of refused) {
      it(`answers ${what} with ${status}, and the bot never sees it`, async () => {
        const posted = channel.received.length;
        const { body, ...options } = request();
        const result = await post(body, options);
        expect(result.status).to.equal(status);
        // Ours say { error }; restify's own (unparseable or oversized body) say { code, message }.
        const reason = (result.json as { error?: unknown; message?: unknown } | undefined) ?? {};
        expect(reason.error ?? reason.message, 'a reason').to.be.a('string').and.not.equal('');
        expect(channel.received.length, 'no reply posted anywhere').to.equal(posted);
      });
    }

    it('then resumes the booking at the same prompt', async () => {
      const result = await say(BOOKING, NAME);
      expect(result.status).to.equal(200);
      expect(promptOf(result.replies)).to.equal('phone');
    });
  });

  describe('messages the bot takes and answers, each in a conversation of its own', () => {
    const accepted: Array<[string, string | undefined, Record<string, unknown>]> = [
      ['HTML and script', HTML, {}],
      ['SQL-looking text', SQL, {}],
      ['emoji, skin tones and joined families', EMOJI, {}],
      ['right-to-left text with an override character', RTL, {}],
      ['zero-width characters inside words', ZERO_WIDTH, {}],
      ['control characters and NUL', CONTROL, {}],
      ['lone UTF-16 surrogates', LONE_SURROGATE, {}],
      ['thousands of combining marks', ZALGO, {}],
      ['one 4,990-letter word', LONG_WORD, {}],
      ['text over the 5,000-character limit', TOO_LONG, {}],
      ['only whitespace', ' \n\t\u00a0\u3000 ', {}],
      ['an attachment without text', undefined, { attachments: [{ contentType: 'image/png', contentUrl: 'https://attacker.example/x.png', name: 'x.png' }] }],
      ['an Adaptive Card attachment without text', undefined, { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: HTML }] } }] }],
      ['a value without text (a card submit)', undefined, { value: { answer: SQL } }],
      ['channelData nested 10,000 levels deep', 'what is sciatica', { channelData: new Nested() }],
      ['a __proto__ key', 'what is sciatica', { channelData: JSON.parse('{"__proto__":{"polluted":"yes"}}') as unknown }],
    ];
    let index = 0;
    for (const [what, text, fields] of accepted) {
      const conversation = `conv-hostile-${(index += 1)}`;
      it(`answers ${what} with 200 and a reply that shows none of it raw`, async () => {
        const started = performance.now();
        const result = await say(conversation, text, fields);
        const ms = performance.now() - started;
        expect(result.status).to.equal(200);
        expect(result.replies.length, 'at least one reply').to.be.greaterThan(0);
        for (const reply of result.replies) expect(reply.text ?? '').not.to.match(/<script|onerror=|\u202E/i);
        expect(ms, 'answered in reasonable time').to.be.below(10_000);
        expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
      });
    }

    it('posts replies only to the channel that sent the activity, for that conversation', async () => {
      const conversation = 'conv-posted';
      const before = channel.received.length;
      const sent = activity(conversation, { text: HTML });
      expect((await post(sent)).status).to.be.within(200, 202);
      const paths = channel.received.slice(before).map((posted) => posted.path);
      expect(paths.length).to.be.greaterThan(0);
      for (const posted of paths) expect(posted).to.equal(`/v3/conversations/${conversation}/activities/${String(sent.id)}`);
    });
  });

  describe('the website\'s Direct Line', () => {
    const visitorRows: Array<[string, unknown, boolean, number]> = [
      ['invalid JSON', '{"type":"message","text":', true, 400],
      ['an unknown type', { type: 'conversationUpdate', membersAdded: [{ id: 'bot' }] }, false, 400],
      ['text over its 20,000-character limit', { type: 'message', text: 'x'.repeat(20_001) }, false, 400],
      ['a body over 256 KB', { type: 'message', text: 'x'.repeat(300_000) }, false, 413],
      ['HTML and script', { type: 'message', text: HTML }, false, 200],
      ['attachment (the page offers no upload)', { type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'https://attacker.example/x.png' }] }, false, 400],
      ['activity naming another sender and serviceUrl', { type: 'message', text: 'hi', from: { id: 'someone-else' }, serviceUrl: 'https://collector.attacker.example' }, false, 200],
    ];
    for (const [what, body, raw, status] of visitorRows) {
      it(`answers a visitor's ${what} with ${status}`, async () => {
        const { conversation, domain } = await startConversation(base);
        const response = await fetch(`${domain}/conversations/${conversation.conversationId}/activities`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${conversation.token}` },
          body: raw ? String(body) : JSON.stringify(body),
        });
        expect(response.status).to.equal(status);
        // Whatever came before, the conversation goes on.
        const next = await fetch(`${domain}/conversations/${conversation.conversationId}/activities`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${conversation.token}` },
          body: JSON.stringify({ type: 'message', text: 'what is sciatica' }),
        });
        expect(next.status).to.equal(200);
      });
    }
  });

  describe('fifty messages at once', () => {
    it('takes 50 messages sent at once to one conversation one at a time: no 5xx, no turn lost, the booking intact', async () => {
      const conversation = 'conv-fifty-at-once';
      expect(promptOf((await say(conversation, 'I want to book an appointment')).replies)).to.equal('clinic');
      const hash = hashConversationId(conversation);
      const turnsBefore = turnNumbers(logLines, hash);

      const results = await Promise.all(Array.from({ length: 50 }, () => say(conversation, 'Bowie')));
      expect(results.map((result) => result.status)).to.deep.equal(Array<number>(50).fill(200));
      // One at a time: the first "Bowie" picks the clinic, the second is taken as the name, the
      // rest are refused as phone numbers. Turns run side by side would each pick the clinic.
      const prompts = results.map((result) => promptOf(result.replies));
      expect(prompts.filter((prompt) => prompt === 'name')).to.have.length(1);
      expect(prompts.filter((prompt) => prompt === 'phone')).to.have.length(49);
      // Every turn counted: botbuilder saves state last-writer-wins, so turns run together would lose counts.
      const turns = turnNumbers(logLines, hash).slice(turnsBefore.length);
      const first = turnsBefore[turnsBefore.length - 1] ?? 0;
      expect([...turns].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 50 }, (_, i) => first + 1 + i));

      const next = await say(conversation, PHONE);
      expect(next.status).to.equal(200);
      expect(promptOf(next.replies)).to.be.a('string').and.not.equal('phone');
    });
  });

  // Last: after every hostile message above has been through the service.
  describe('the log', () => {
    it('logged none of what was typed (the log did record the turns)', () => {
      const log = logLines.join('');
      expect(log).to.include('"msg":"turn"');
      for (const marker of ['xss-marker', 'alert(', 'sqlmarker', 'DROP TABLE', 'emojimarker', '👍', 'rtlmarker', 'ظهري', 'zwmarker', 'ctlmarker', 'surrogatemarker', 'zalgomarker', 'longmarker', 'xxxxxxxxxx', 'Whitfield', PHONE, 'attacker.example', 'polluted']) {
        expect(log, marker).not.to.include(marker);
      }
    });
  });
});

/** The `turn` counter of each logged turn of one conversation, in log order. */
function turnNumbers(lines: string[], conversationHash: string): number[] {
  return lines
    .map((line) => JSON.parse(line) as { msg?: string; conversation?: string; turn?: number })
    .filter((entry) => entry.msg === 'turn' && entry.conversation === conversationHash && typeof entry.turn === 'number')
    .map((entry) => entry.turn as number);
}
