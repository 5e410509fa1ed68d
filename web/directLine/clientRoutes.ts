import type restify from 'restify';
import type { DirectLineChannel } from './channel.js';
import type { ConversationGrant, TokenSigner } from './tokens.js';
import type { WebsiteLimits } from '../rateLimits.js';

/**
 * The Direct Line 3.0 REST calls the stock Web Chat client makes (DirectLineJS 0.15), under
 * `/directline` (the `domain` given to `WebChat.createDirectLine`). Every call carries the
 * conversation's token as a Bearer token; a missing, forged or expired token, or a token for
 * another conversation, gets 403 (which DirectLineJS reads as "token expired").
 */

export const DIRECT_LINE_PATH = '/directline';

export interface ClientRoutesOptions {
  channel: DirectLineChannel;
  tokens: TokenSigner;
  /** Base URL browsers reach this service at; the WebSocket stream URL is built from it. */
  publicUrl: string;
  /** True while shutting down: new conversations and activities get 503. */
  closing: () => boolean;
  limits: WebsiteLimits;
}

export function mountClientRoutes(server: restify.Server, options: ClientRoutesOptions): void {
  const { channel, tokens, limits } = options;

  const conversationResponse = (grant: ConversationGrant, watermark: string) => {
    const conversation = tokens.issue(grant, 'conversation');
    const stream = tokens.issue(grant, 'stream');
    const query = new URLSearchParams({ watermark, t: stream.token });
    return {
      conversationId: grant.conversationId,
      token: conversation.token,
      expires_in: conversation.expiresIn,
      streamUrl: `${streamBase(options.publicUrl)}${DIRECT_LINE_PATH}/conversations/${grant.conversationId}/stream?${query}`,
    };
  };

  // Start the conversation the token was issued for (the bot welcomes the visitor).
  server.post(`${DIRECT_LINE_PATH}/conversations`, async (req: restify.Request, res: restify.Response) => {
    if (limits.refuseClient(req, res)) return;
    const grant = authorize(req, res, tokens);
    if (!grant) return;
    if (options.closing()) return unavailable(res);
    const locale = typeof req.body?.locale === 'string' ? req.body.locale : undefined;
    const started = channel.start(grant.conversationId, grant.userId, locale);
    if (!started && channel.store.userOf(grant.conversationId) !== grant.userId) return notFound(res);
    send(res, started ? 201 : 200, conversationResponse(grant, ''));
  });

  // Reconnect: a fresh token and stream URL for a conversation that has started.
  server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId`, async (req: restify.Request, res: restify.Response) => {
    const grant = authorize(req, res, tokens, conversationParam(req));
    if (!grant) return;
    if (channel.store.userOf(grant.conversationId) !== grant.userId) return notFound(res);
    send(res, 200, conversationResponse(grant, watermarkParam(req)));
  });

  server.post(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, async (req: restify.Request, res: restify.Response) => {
    if (limits.refuseClient(req, res)) return;
    const grant = authorize(req, res, tokens, conversationParam(req));
    if (!grant) return;
    if (options.closing()) return unavailable(res);
    if (limits.refuseConversation(grant.conversationId, res)) return;
    const accepted = channel.fromVisitor(grant.conversationId, grant.userId, req.body);
    if (!accepted.ok) return send(res, accepted.status, { error: { code: accepted.status === 404 ? 'NotFound' : 'BadArgument', message: accepted.reason } });
    send(res, 200, { id: accepted.id });
  });

  // Polling, for clients created with `webSocket: false`.
  server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, async (req: restify.Request, res: restify.Response) => {
    const grant = authorize(req, res, tokens, conversationParam(req));
    if (!grant) return;
    const group = channel.store.userOf(grant.conversationId) === grant.userId ? channel.since(grant.conversationId, watermarkParam(req)) : undefined;
    if (!group) return notFound(res);
    send(res, 200, group);
  });

  server.post(`${DIRECT_LINE_PATH}/tokens/refresh`, async (req: restify.Request, res: restify.Response) => {
    if (limits.refuseClient(req, res)) return;
    const grant = authorize(req, res, tokens);
    if (!grant) return;
    if (channel.store.userOf(grant.conversationId) !== grant.userId) return notFound(res);
    const refreshed = tokens.issue(grant, 'conversation');
    send(res, 200, { conversationId: grant.conversationId, token: refreshed.token, expires_in: refreshed.expiresIn });
  });
}

/** The WebSocket origin for a public base URL: http → ws, https → wss, path kept. */
export function streamBase(publicUrl: string): string {
  return publicUrl.replace(/^http/, 'ws').replace(/\/+$/, '');
}

function authorize(req: restify.Request, res: restify.Response, tokens: TokenSigner, conversationId?: string): ConversationGrant | undefined {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const grant = match?.[1] ? tokens.verify(match[1], 'conversation') : undefined;
  if (!grant || (conversationId !== undefined && grant.conversationId !== conversationId)) {
    send(res, 403, { error: { code: 'TokenExpired', message: 'The token is missing, expired or not for this conversation.' } });
    return undefined;
  }
  return grant;
}

function conversationParam(req: restify.Request): string {
  return String(req.params?.conversationId ?? '');
}

function watermarkParam(req: restify.Request): string {
  const watermark = new URL(req.url ?? '/', 'http://local').searchParams.get('watermark') ?? '';
  return /^\d{1,15}$/.test(watermark) ? watermark : '';
}

function notFound(res: restify.Response): void {
  send(res, 404, { error: { code: 'NotFound', message: 'No such conversation (it may have ended after a long pause).' } });
}

function unavailable(res: restify.Response): void {
  send(res, 503, { error: { code: 'ServiceUnavailable', message: 'The chat is restarting; try again in a moment.' } });
}

function send(res: restify.Response, status: number, body: unknown): void {
  res.header('Cache-Control', 'no-store');
  res.send(status, body);
}
