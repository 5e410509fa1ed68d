import type { CloudAdapter, ConfigurationBotFrameworkAuthentication, TurnContext } from 'botbuilder';
import type restify from 'restify';
import type { Logger } from '../config/logger.js';
import { checkActivity } from '../server/activityGuard.js';
import type { RouteHandler } from '../server/httpServer.js';
import { isLoopbackRequest, isLoopbackUrl } from '../server/loopback.js';
import { RateLimiter } from '../server/rateLimit.js';
import { refusedByLimit } from '../server/tooManyRequests.js';
import { KeyedLock } from '../storage/keyedLock.js';
import type { TurnOrder } from '../storage/stores.js';

export interface MessagesEndpointOptions {
  adapter: CloudAdapter;
  /** The bot's turn logic. */
  runTurn: (context: TurnContext) => Promise<void>;
  log: Logger;
  /** Per-conversation ordering; share one with every entry point (HTTP, Direct Line). */
  turnOrder?: TurnOrder;
  /**
   * True when MicrosoftAppId is empty: requests are not authenticated then, so only callers on
   * this machine (the Emulator, tests) are answered; anyone else gets 403.
   */
  localMode: boolean;
  /** Checks the channel's token before anything else happens (needed unless localMode). */
  auth?: Pick<ConfigurationBotFrameworkAuthentication, 'authenticateRequest'>;
  /** Activities a minute per conversation (0: no limit). */
  conversationPerMinute?: number;
}

/**
 * POST /api/messages: checks the caller and the activity, then hands it to the adapter, awaited
 * (an un-awaited adapter.process lets one malformed request crash the process). One
 * conversation's turns run one at a time because botbuilder saves state last-writer-wins.
 *
 * There is no per-client limit here: with credentials every request comes from Microsoft's
 * connector (one client for all users), and in local mode every caller is this machine.
 */
export function createMessagesEndpoint(options: MessagesEndpointOptions): RouteHandler {
  const turnOrder = options.turnOrder ?? new KeyedLock();
  const perConversation = new RateLimiter({ perMinute: options.conversationPerMinute ?? 0 });
  if (!options.localMode && !options.auth) throw new Error('createMessagesEndpoint: auth is needed outside local mode');

  return async (req: restify.Request, res: restify.Response) => {
    if (options.localMode && !isLoopbackRequest(req)) {
      res.send(403, { error: 'Without Bot Framework credentials this endpoint only answers callers on this machine.' });
      return;
    }
    const authHeader = req.headers.authorization ?? '';
    if (!options.localMode && !/^Bearer\s+\S+$/i.test(authHeader)) {
      return unauthorized(res);
    }
    const verdict = checkActivity(req.body);
    if (!verdict.ok) {
      res.send(verdict.status, { error: verdict.reason });
      return;
    }
    const activity = req.body as { channelId: string; serviceUrl: string; conversation: { id: string }; deliveryMode?: unknown };
    if (options.localMode && activity.deliveryMode !== 'expectReplies' && !isLoopbackUrl(activity.serviceUrl)) {
      // Local mode posts replies, unauthenticated, to the serviceUrl: never let it name another
      // machine. With expectReplies the replies come back in the response and nothing is posted.
      res.send(400, { error: 'Without Bot Framework credentials the serviceUrl must be on this machine (http://localhost, 127.x.x.x or [::1]).' });
      return;
    }
    if (!options.localMode && !(await authenticated(req, res, authHeader, options))) return;

    const limit = perConversation.take(`${activity.channelId}\u0000${activity.conversation.id}`);
    if (refusedByLimit(res, limit, (seconds) => ({ error: `Too many messages in this conversation; try again in ${seconds} seconds.` }))) return;

    try {
      await options.adapter.process(req, res, (context) =>
        turnOrder.run(context.activity.conversation.id, () => options.runTurn(context)),
      );
    } catch (error) {
      options.log.error({ err: { name: (error as Error).name, message: (error as Error).message } }, 'activity rejected');
      if (!res.headersSent) res.send(400, { error: 'The activity could not be processed.' });
    }
  };
}

/**
 * Checks the Bot Framework token before the adapter sees the activity (the adapter checks it
 * again, from its cache): a bad token is the caller's fault (401), while a failure to fetch
 * Microsoft's signing keys is ours (503), which the adapter would report as a 500 quoting the
 * internal error.
 */
async function authenticated(req: restify.Request, res: restify.Response, authHeader: string, options: MessagesEndpointOptions): Promise<boolean> {
  try {
    await options.auth!.authenticateRequest(req.body, authHeader);
    return true;
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      unauthorized(res);
    } else {
      options.log.error({ err: { name: (error as Error).name, code: (error as { code?: unknown }).code } }, 'Bot Framework token could not be checked');
      res.header('Retry-After', '30');
      res.send(503, { error: 'The request could not be authenticated right now; try again later.' });
    }
    return false;
  }
}

function unauthorized(res: restify.Response): void {
  res.header('WWW-Authenticate', 'Bearer');
  res.send(401, { error: 'A valid Bot Framework token is required.' });
}
