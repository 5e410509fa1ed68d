import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CONVERSATION_TOKEN_SECONDS, STREAM_TOKEN_SECONDS, TOKEN_SECRET_FILE, TokenSigner, loadTokenSecret, newGrant } from '../../web/directLine/tokens.js';

const SECRET = Buffer.alloc(32, 7);

describe('Direct Line tokens', () => {
  it('carry the conversation and visitor they were issued for', () => {
    const signer = new TokenSigner(SECRET);
    const grant = newGrant();
    const { token, expiresIn } = signer.issue(grant, 'conversation');
    expect(expiresIn).to.equal(CONVERSATION_TOKEN_SECONDS);
    expect(signer.verify(token, 'conversation')).to.deep.equal(grant);
  });

  it('give every new conversation its own ids, and the visitor a server-assigned dl_ id', () => {
    const a = newGrant();
    const b = newGrant();
    expect(a.conversationId).not.to.equal(b.conversationId);
    expect(a.userId).to.match(/^dl_[A-Za-z0-9_-]{16}$/);
  });

  it('expire', () => {
    let now = Date.UTC(2026, 0, 1);
    const signer = new TokenSigner(SECRET, () => now);
    const { token } = signer.issue(newGrant(), 'conversation');
    now += (CONVERSATION_TOKEN_SECONDS - 1) * 1000;
    expect(signer.verify(token, 'conversation')).not.to.equal(undefined);
    now += 1000;
    expect(signer.verify(token, 'conversation')).to.equal(undefined);
  });

  it('keep stream tokens short-lived and apart from conversation tokens', () => {
    let now = Date.UTC(2026, 0, 1);
    const signer = new TokenSigner(SECRET, () => now);
    const grant = newGrant();
    const stream = signer.issue(grant, 'stream');
    expect(stream.expiresIn).to.equal(STREAM_TOKEN_SECONDS);
    expect(signer.verify(stream.token, 'conversation')).to.equal(undefined);
    expect(signer.verify(signer.issue(grant, 'conversation').token, 'stream')).to.equal(undefined);
    now += STREAM_TOKEN_SECONDS * 1000;
    expect(signer.verify(stream.token, 'stream')).to.equal(undefined);
  });

  it('refuse a token whose payload was changed to another conversation', () => {
    const signer = new TokenSigner(SECRET);
    const mine = signer.issue(newGrant(), 'conversation').token.split('.');
    const other = newGrant();
    const forgedPayload = Buffer.from(JSON.stringify({ conv: other.conversationId, user: other.userId, use: 'conversation', iat: 0, exp: 9_999_999_999 })).toString('base64url');
    expect(signer.verify(`${mine[0]}.${forgedPayload}.${mine[2]}`, 'conversation')).to.equal(undefined);
  });

  it('refuse tokens signed with another secret, and garbage', () => {
    const token = new TokenSigner(Buffer.alloc(32, 1)).issue(newGrant(), 'conversation').token;
    const signer = new TokenSigner(SECRET);
    expect(signer.verify(token, 'conversation')).to.equal(undefined);
    for (const junk of ['', 'a.b', 'a.b.c', 'undefined', `${token}.x`]) expect(signer.verify(junk, 'conversation')).to.equal(undefined);
  });

  it('refuse a secret shorter than 32 bytes', () => {
    expect(() => new TokenSigner(Buffer.alloc(16))).to.throw(/at least 32 bytes/);
  });
});

describe('loadTokenSecret', () => {
  const folders: string[] = [];
  const tempFolder = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'token-secret-'));
    folders.push(dir);
    return dir;
  };
  after(async () => Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('uses the configured secret', async () => {
    const secret = await loadTokenSecret('x'.repeat(40), await tempFolder());
    expect(secret.toString('utf8')).to.equal('x'.repeat(40));
  });

  it('generates one under DATA_DIR and finds the same after a restart, so tokens stay valid', async () => {
    const dir = path.join(await tempFolder(), 'data');
    const first = await loadTokenSecret('', dir);
    const token = new TokenSigner(first).issue(newGrant(), 'conversation').token;
    const second = await loadTokenSecret('', dir);
    expect(second.equals(first)).to.equal(true);
    expect(new TokenSigner(second).verify(token, 'conversation')).not.to.equal(undefined);
    expect((await readFile(path.join(dir, TOKEN_SECRET_FILE), 'utf8')).trim()).to.match(/^[0-9a-f]{64}$/);
  });

  it('makes two processes starting together agree on one secret', async () => {
    const dir = await tempFolder();
    const secrets = await Promise.all([1, 2, 3, 4, 5].map(() => loadTokenSecret('', dir)));
    for (const secret of secrets) expect(secret.equals(secrets[0] ?? Buffer.alloc(0))).to.equal(true);
  });

  it('names the file when it holds something else', async () => {
    const dir = await tempFolder();
    await writeFile(path.join(dir, TOKEN_SECRET_FILE), 'not a secret');
    let error: Error | undefined;
    await loadTokenSecret('', dir).catch((e: Error) => (error = e));
    expect(error?.message).to.include(TOKEN_SECRET_FILE);
  });
});
