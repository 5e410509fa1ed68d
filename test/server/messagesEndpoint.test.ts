import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { startTestSite, type TestSite } from '../web/harness.js';

/** POST /api/messages as a channel (or an attacker) would, keeping the headers of the answer. */
async function postActivity(site: TestSite, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${site.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

function message(conversation: string, serviceUrl: string, text = 'hi'): Record<string, unknown> {
  return { type: 'message', channelId: 'emulator', serviceUrl, conversation: { id: conversation }, from: { id: 'u' }, recipient: { id: 'b' }, text, deliveryMode: 'expectReplies' };
}

/** A base64url JWT that looks like a channel's token but is signed by nobody. */
function forgedJwt(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'forged' })}.${part(payload)}.${Buffer.from('not a signature').toString('base64url')}`;
}

/** CloudAdapter reports refusals with console.error; keep the test output readable. */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const printError = console.error;
  console.error = () => undefined;
  try {
    return await work();
  } finally {
    console.error = printError;
  }
}

const APP_ID = '00000000-0000-0000-0000-000000000001';

describe('/api/messages with Bot Framework credentials', () => {
  let site: TestSite;
  before(async () => {
    site = await startTestSite({ env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-password', MicrosoftAppType: 'MultiTenant' } });
  });
  after(async () => site.close());

  const refused: Array<[string, Record<string, string>]> = [
    ['no Authorization header', {}],
    ['a garbage Bearer token', { Authorization: 'Bearer garbage' }],
    ['another scheme', { Authorization: 'Basic dXNlcjpwYXNz' }],
    ['an empty Bearer', { Authorization: 'Bearer ' }],
    ['a token from an issuer nobody trusts', { Authorization: `Bearer ${forgedJwt({ iss: 'https://issuer.invalid', aud: APP_ID, exp: 4102444800 })}` }],
  ];
  for (const [what, headers] of refused) {
    it(`answers ${what} with 401 and JSON, runs no turn, and keeps serving`, async () => {
      const result = await quietly(() => postActivity(site, message('conv-auth', 'http://127.0.0.1:1'), headers));
      expect(result.status).to.equal(401);
      expect(result.headers.get('www-authenticate')).to.equal('Bearer');
      expect(result.body).to.deep.equal({ error: 'A valid Bot Framework token is required.' });
      expect(site.bot.seen).to.deep.equal([]);
      expect((await fetch(`${site.url}/healthz`)).status).to.equal(200);
    });
  }

  it('answers a forged token from a trusted issuer with 401, or 503 when Microsoft\'s signing keys cannot be fetched (never a 500 quoting the error)', async () => {
    const token = forgedJwt({ iss: 'https://api.botframework.com', aud: APP_ID, exp: 4102444800, serviceurl: 'http://127.0.0.1:1' });
    const result = await quietly(() => postActivity(site, message('conv-auth', 'http://127.0.0.1:1'), { Authorization: `Bearer ${token}` }));
    expect(result.status).to.be.oneOf([401, 503]);
    expect(JSON.stringify(result.body)).not.to.match(/botframework\.com|ENOTFOUND|ECONNREFUSED/);
    if (result.status === 503) expect(result.headers.get('retry-after')).to.equal('30');
    expect(site.bot.seen).to.deep.equal([]);
  });

  it('says 401 before reading the body: a malformed activity without a token learns nothing', async () => {
    const result = await postActivity(site, { type: 'explode' });
    expect(result.status).to.equal(401);
  });
});

/** This machine's address on an interface other than loopback, if it has one. */
function nonLoopbackAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal)?.address;
}

describe('/api/messages in local mode (no credentials)', () => {
  let site: TestSite;
  before(async () => {
    site = await startTestSite({ env: { RATE_LIMIT_CONVERSATION_PER_MINUTE: '3' } });
  });
  after(async () => site.close());
  afterEach(() => site.bot.seen.splice(0));

  it('answers an activity whose serviceUrl is on this machine', async () => {
    const result = await postActivity(site, message('conv-local', 'http://127.0.0.1:1', 'What is sciatica?'));
    expect(result.status).to.equal(200);
    expect(site.bot.seen.map((seen) => seen.text)).to.deep.equal(['What is sciatica?']);
  });

  for (const serviceUrl of ['https://smba.trafficmanager.net/amer/', 'http://10.1.2.3:8080', 'http://localhost.attacker.example', 'http://[fe80::1]']) {
    it(`refuses serviceUrl ${serviceUrl} with 400 and a reason, running no turn`, async () => {
      const result = await postActivity(site, { ...message('conv-elsewhere', serviceUrl), deliveryMode: undefined });
      expect(result.status).to.equal(400);
      expect(JSON.stringify(result.body)).to.include('serviceUrl must be on this machine');
      expect(site.bot.seen).to.deep.equal([]);
    });
  }

  /**
   * Runs `send` with the URL of a listener on this machine's network address (not loopback), and
   * returns what that listener received, waiting a moment for anything posted late.
   */
  async function postsReceivedBy(context: Mocha.Context, send: (serviceUrl: string) => Promise<void>): Promise<string[]> {
    const address = nonLoopbackAddress();
    if (!address) {
      console.log('      (skipped: this machine has no network address besides loopback)');
      context.skip();
    }
    const received: string[] = [];
    const listener = http.createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      res.end('{}');
    });
    await new Promise<void>((resolve) => listener.listen(0, address, resolve));
    try {
      const { port } = listener.address() as AddressInfo;
      await send(`http://${address}:${port}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return received;
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  }

  it('posts nothing to a listener on this machine\'s network address when an activity names it', async function () {
    const received = await postsReceivedBy(this, async (serviceUrl) => {
      const result = await postActivity(site, { ...message('conv-named', serviceUrl), deliveryMode: undefined });
      expect(result.status).to.equal(400);
    });
    expect(received).to.deep.equal([]);
  });

  it('answers in the response body, posting nothing anywhere, when deliveryMode is expectReplies whatever the serviceUrl', async function () {
    const received = await postsReceivedBy(this, async (serviceUrl) => {
      const result = await postActivity(site, message('conv-expect-elsewhere', serviceUrl, 'What is sciatica?'));
      expect(result.status).to.equal(200);
      expect(site.bot.seen.map((seen) => seen.text)).to.deep.equal(['What is sciatica?']);
    });
    expect(received).to.deep.equal([]);
  });

  it('limits each conversation: beyond its allowance 429 with Retry-After and a JSON reason; other conversations go on', async () => {
    const statuses: number[] = [];
    let refusal: Awaited<ReturnType<typeof postActivity>> | undefined;
    for (let i = 0; i < 5; i += 1) {
      const result = await postActivity(site, message('conv-busy', 'http://127.0.0.1:1', `message ${i}`));
      statuses.push(result.status);
      if (result.status === 429) refusal ??= result;
    }
    expect(statuses).to.deep.equal([200, 200, 200, 429, 429]);
    expect(Number(refusal?.headers.get('retry-after'))).to.be.within(1, 20);
    expect(refusal?.body).to.have.property('error').that.matches(/^Too many messages in this conversation; try again in \d+ seconds\.$/);
    expect(site.bot.seen.map((seen) => seen.text)).to.deep.equal(['message 0', 'message 1', 'message 2']);
    expect((await postActivity(site, message('conv-calm', 'http://127.0.0.1:1'))).status).to.equal(200);
  });
});
