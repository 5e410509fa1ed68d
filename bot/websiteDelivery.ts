import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import { checkActivity } from '../server/activityGuard.js';
import type { KeyedLock } from '../storage/keyedLock.js';
import type { ChannelActivity, DeliverToBot } from '../web/directLine/index.js';

export interface WebsiteDeliveryOptions {
  /**
   * An adapter in local mode (created with an empty MicrosoftAppId), whatever the Bot Framework
   * credentials: website activities come from this process, not from a Bot Framework channel,
   * and the bot's replies go to this service's own loopback connector endpoint, unauthenticated.
   */
  adapter: CloudAdapter;
  /** The bot's turn logic, as for /api/messages. */
  runTurn: (context: TurnContext) => Promise<void>;
  /** The per-conversation ordering shared with /api/messages. */
  turnOrder: KeyedLock;
}

/**
 * How the website's Direct Line hands a visitor's activity to the bot: in this process, through
 * the adapter (so middleware, onTurnError and state work as for any channel), checked by the
 * same guard as an HTTP activity. Resolves when the turn is over.
 */
export function createWebsiteDelivery(options: WebsiteDeliveryOptions): DeliverToBot {
  return async (activity: ChannelActivity) => {
    const verdict = checkActivity(activity);
    if (!verdict.ok) throw new Error(verdict.reason);
    // Plain JSON, exactly what CloudAdapter.process hands on for an HTTP request (it casts the body too).
    const botActivity = activity as unknown as Activity;
    await options.adapter.processActivityDirect('', botActivity, (context) =>
      options.turnOrder.run(context.activity.conversation.id, () => options.runTurn(context)),
    );
  };
}
