import { randomBytes } from 'node:crypto';
import type restify from 'restify';
import { z } from 'zod';
import type { Logger } from '../config/logger.js';
import type { ConversationToken } from './directLine/index.js';
import { NO_LIMITS, type WebsiteLimits } from './rateLimits.js';

/**
 * `POST /api/directline/token`: what the chat page calls first. It answers a token bound to a
 * new conversation and the Direct Line `domain` to use it with: this service's own Direct
 * Line, or, when DIRECTLINE_SECRET is configured, Azure Bot Service's (the secret is
 * exchanged for a token server-side and never reaches the browser).
 */

export const TOKEN_PATH = '/api/directline/token';

export interface PageToken extends ConversationToken {
  domain: string;
}

export type TokenSource = () => Promise<PageToken>;

export function localTokenSource(newConversation: () => ConversationToken, domain: string): TokenSource {
  return async () => ({ ...newConversation(), domain });
}

const azureTokenSchema = z.object({ conversationId: z.string().min(1), token: z.string().min(1), expires_in: z.number().positive() });

export class AzureTokenError extends Error {
  override name = 'AzureTokenError';
}

/**
 * Exchanges the Direct Line secret for a token bound to a new conversation and a user id we
 * choose (`dl_…`, so the page cannot pick one), as Azure documents for `tokens/generate`.
 */
export function azureTokenSource(options: { secret: string; domain: string; timeoutMs?: number; fetch?: typeof fetch }): TokenSource {
  const fetchImpl = options.fetch ?? fetch;
  return async () => {
    const response = await fetchImpl(`${options.domain}/tokens/generate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${options.secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: { id: `dl_${randomBytes(12).toString('base64url')}` } }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (!response.ok) throw new AzureTokenError(`Direct Line answered ${response.status}`);
    const parsed = azureTokenSchema.safeParse(await response.json());
    if (!parsed.success) throw new AzureTokenError('Direct Line answered without a token');
    return { ...parsed.data, domain: options.domain };
  };
}

export function mountTokenRoute(server: restify.Server, source: TokenSource, log: Logger, limits: WebsiteLimits = NO_LIMITS): void {
  server.post(TOKEN_PATH, async (req: restify.Request, res: restify.Response) => {
    res.header('Cache-Control', 'no-store');
    if (limits.refuseClient(req, res)) return;
    try {
      res.send(200, await source());
    } catch (error) {
      log.error({ err: { name: (error as Error).name, message: (error as Error).message } }, 'no Direct Line token for the chat page');
      res.send(502, { error: { code: 'TokenUnavailable', message: 'The chat cannot start right now.' } });
    }
  });
}
