import type { CloudAdapter, TurnContext } from 'botbuilder';
import type restify from 'restify';
import type { Logger } from '../config/logger.js';
import { checkActivity } from '../server/activityGuard.js';
import type { RouteHandler } from '../server/httpServer.js';
import { isLoopbackRequest } from '../server/loopback.js';
import { KeyedLock } from '../storage/keyedLock.js';

export interface MessagesEndpointOptions {
  adapter: CloudAdapter;
  /** The bot's turn logic. */
  runTurn: (context: TurnContext) => Promise<void>;
  log: Logger;
  /** Per-conversation ordering; share one with every entry point (HTTP, Direct Line). */
  turnOrder?: KeyedLock;
  /**
   * True when MicrosoftAppId is empty: requests are not authenticated then, so only callers on
   * this machine (the Emulator, tests) are answered; anyone else gets 403.
   */
  localMode: boolean;
}

/**
 * POST /api/messages: checks the activity, then hands it to the adapter, awaited (an un-awaited
 * adapter.process lets one malformed request crash the process). One conversation's turns run
 * one at a time because botbuilder saves state last-writer-wins.
 */
export function createMessagesEndpoint(options: MessagesEndpointOptions): RouteHandler {
  const turnOrder = options.turnOrder ?? new KeyedLock();
  return async (req: restify.Request, res: restify.Response) => {
    if (options.localMode && !isLoopbackRequest(req)) {
      res.send(403, { error: 'Without Bot Framework credentials this endpoint only answers callers on this machine.' });
      return;
    }
    const verdict = checkActivity(req.body);
    if (!verdict.ok) {
      res.send(verdict.status, { error: verdict.reason });
      return;
    }
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
