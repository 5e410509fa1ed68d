import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { link, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ensureFolder, fsyncFolder, isErrno, writeSynced } from '../../storage/durableFile.js';

/**
 * Direct Line tokens: each one is bound to one conversation and one visitor (user id), signed
 * with HMAC-SHA256 and expiring. They are shaped as JWTs (HS256) because DirectLineJS decodes
 * the token to read the user, but they are only ever verified here.
 *
 * Two uses: a `conversation` token (the Bearer token of every REST call, refreshed by the
 * client every 15 minutes) and a short-lived `stream` token carried in the WebSocket URL
 * (a browser cannot set headers on a WebSocket), so the long-lived token never lands in a URL.
 */

export type TokenUse = 'conversation' | 'stream';

export interface ConversationGrant {
  conversationId: string;
  userId: string;
}

export interface IssuedToken {
  token: string;
  /** Seconds until it expires, as Direct Line's `expires_in`. */
  expiresIn: number;
}

/** Lifetime of a conversation token; DirectLineJS refreshes it every 15 minutes while the page is open. */
export const CONVERSATION_TOKEN_SECONDS = 60 * 60;
/** A stream token only has to last until the WebSocket opens. */
export const STREAM_TOKEN_SECONDS = 5 * 60;

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export class TokenSigner {
  constructor(
    private readonly secret: Buffer,
    private readonly now: () => number = Date.now,
  ) {
    if (secret.length < 32) throw new Error('The token secret must be at least 32 bytes');
  }

  issue(grant: ConversationGrant, use: TokenUse): IssuedToken {
    const lifetime = use === 'stream' ? STREAM_TOKEN_SECONDS : CONVERSATION_TOKEN_SECONDS;
    const issuedAt = Math.floor(this.now() / 1000);
    const payload = base64url(JSON.stringify({ conv: grant.conversationId, user: grant.userId, use, iat: issuedAt, exp: issuedAt + lifetime }));
    return { token: `${HEADER}.${payload}.${this.sign(`${HEADER}.${payload}`)}`, expiresIn: lifetime };
  }

  /** The grant a valid, unexpired token of this use carries; undefined for anything else. */
  verify(token: string, use: TokenUse): ConversationGrant | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (typeof claims !== 'object' || claims === null) return undefined;
    const { conv, user, use: tokenUse, exp } = claims as Record<string, unknown>;
    if (tokenUse !== use || typeof exp !== 'number' || exp * 1000 <= this.now()) return undefined;
    if (typeof conv !== 'string' || typeof user !== 'string' || !ID_PATTERN.test(conv) || !ID_PATTERN.test(user)) return undefined;
    return { conversationId: conv, userId: user };
  }

  private sign(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }
}

/** A new conversation and visitor, with ids nobody can guess. The `dl_` prefix is Direct Line's mark of a server-assigned user id. */
export function newGrant(): ConversationGrant {
  return { conversationId: randomBytes(16).toString('base64url'), userId: `dl_${randomBytes(12).toString('base64url')}` };
}

export function isConversationId(value: string): boolean {
  return ID_PATTERN.test(value);
}

export const TOKEN_SECRET_FILE = 'directline-token.key';

/**
 * The HMAC secret: the configured one, or one generated on first start and kept in
 * `DATA_DIR/directline-token.key` so that visitors' tokens survive a restart. Two processes
 * starting together agree on one file (hard-link creation fails if it already exists).
 */
export async function loadTokenSecret(configured: string, dataDir: string): Promise<Buffer> {
  if (configured !== '') return Buffer.from(configured, 'utf8');
  const file = path.join(dataDir, TOKEN_SECRET_FILE);
  const existing = await readSecretFile(file);
  if (existing) return existing;
  await ensureFolder(dataDir);
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeSynced(temp, `${randomBytes(32).toString('hex')}\n`);
  try {
    await link(temp, file);
    await fsyncFolder(dataDir);
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const created = await readSecretFile(file);
  if (!created) throw new Error(`${file} could not be created`);
  return created;
}

async function readSecretFile(file: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
  if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`${file} does not hold a token secret (64 hex digits); delete it to make a new one`);
  return Buffer.from(text, 'hex');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
