import type restify from 'restify';
import type { Logger } from '../config/logger.js';
import { clientKey } from '../server/clientAddress.js';
import { RateLimiter } from '../server/rateLimit.js';
import { refusedByLimit } from '../server/tooManyRequests.js';

/**
 * The website's limits: per visitor's address on the routes that create or change something
 * (token, start, post, refresh), and per conversation on what visitors post. Reads (reconnect,
 * polling) are cheap and need a conversation's token, so they are not counted.
 */
export interface WebsiteLimits {
  /** Answers 429 and returns true when the request's client is over its allowance. */
  refuseClient(req: restify.Request, res: restify.Response): boolean;
  /** Answers 429 and returns true when the conversation is over its allowance. */
  refuseConversation(conversationId: string, res: restify.Response): boolean;
}

export function websiteLimits(options: { clientPerMinute: number; conversationPerMinute: number; trustProxy: boolean; log: Logger }): WebsiteLimits {
  const perClient = new RateLimiter({ perMinute: options.clientPerMinute });
  const perConversation = new RateLimiter({ perMinute: options.conversationPerMinute });
  const body = (what: string) => (seconds: number) => ({ error: { code: 'TooManyRequests', message: `Too many ${what}; try again in ${seconds} seconds.` } });
  let warned = options.trustProxy;
  const keyOf = (req: restify.Request): string => {
    if (!warned && req.headers['x-forwarded-for'] !== undefined) {
      warned = true;
      options.log.warn('requests come through a proxy (X-Forwarded-For) but TRUST_PROXY is off: all visitors share the proxy\'s per-client rate limit');
    }
    return clientKey(req, options.trustProxy);
  };
  return {
    refuseClient: (req, res) => perClient.enabled && refusedByLimit(res, perClient.take(keyOf(req)), body('requests from this address')),
    refuseConversation: (conversationId, res) => refusedByLimit(res, perConversation.take(conversationId), body('messages in this conversation')),
  };
}

/** No limits (tests of other things, benchmarks). */
export const NO_LIMITS: WebsiteLimits = { refuseClient: () => false, refuseConversation: () => false };
