import { hashConversationId, type Logger } from '../../config/logger.js';
import { KeyedLock } from '../../storage/keyedLock.js';
import { botTyping, conversationStart, visitorActivity, type ChannelAccount, type ChannelActivity, type Participants } from './activities.js';
import type { ActivityGroup, ConversationStore } from './conversationStore.js';
import { TypingIndicator } from './typingIndicator.js';

/** Hands an activity to the bot in this process; resolves when the bot's turn is over. */
export type DeliverToBot = (activity: ChannelActivity) => Promise<void>;

export interface ChannelOptions {
  store: ConversationStore;
  deliver: DeliverToBot;
  /** Where the bot posts its replies: this service's own connector endpoint on loopback. */
  serviceUrl: () => string;
  bot: ChannelAccount;
  log: Logger;
  /** Wait before the first typing indicator of a turn. */
  typingDelayMs: number;
  /** What the visitor reads if the bot could not take their message at all. */
  deliveryFailedText: string;
  now: () => number;
}

export type Accepted = { ok: true; id: string } | { ok: false; status: 400 | 404; reason: string };

const TYPING_REPEAT_MS = 3_000;

/**
 * The Direct Line channel without its HTTP: opens conversations, takes the visitor's
 * activities (kept, echoed to the page, handed to the bot one turn at a time per
 * conversation) and the bot's replies (kept, pushed to the page).
 */
export class DirectLineChannel {
  private readonly turns = new KeyedLock();
  private readonly typing = new Map<string, TypingIndicator>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: ChannelOptions) {}

  get store(): ConversationStore {
    return this.options.store;
  }

  /** Starts a conversation (the bot is told the visitor joined and welcomes them); false if it had started already. */
  start(conversationId: string, userId: string, locale: string | undefined): boolean {
    if (!this.store.open(conversationId, userId)) return false;
    const who = this.participants(conversationId, userId);
    this.handOver(who, conversationStart(who, this.date(), locale));
    return true;
  }

  /** A visitor's activity: validated, stored (so the page gets its echo with an id), then given to the bot. */
  fromVisitor(conversationId: string, userId: string, body: unknown): Accepted {
    if (this.store.userOf(conversationId) !== userId) return { ok: false, status: 404, reason: 'No such conversation.' };
    const who = this.participants(conversationId, userId);
    const checked = visitorActivity(body, who, this.date());
    if (!checked.ok) return { ok: false, status: 400, reason: checked.reason };
    const stored = this.store.append(conversationId, checked.activity);
    if (!stored?.id) return { ok: false, status: 404, reason: 'No such conversation.' };
    this.handOver(who, stored);
    return { ok: true, id: stored.id };
  }

  /** An activity the bot sent to a website conversation (through the connector endpoint). */
  fromBot(conversationId: string, activity: ChannelActivity, replyToId: string | undefined): Accepted {
    const { serviceUrl: _internal, id: _theirs, ...content } = activity;
    const shown: ChannelActivity = {
      ...content,
      timestamp: this.date().toISOString(),
      ...(replyToId && !content.replyToId ? { replyToId } : {}),
    };
    if (activity.type === 'typing') {
      const id = `${conversationId}|typing-${this.options.now()}`;
      return this.store.pushEphemeral(conversationId, { ...shown, id }) ? { ok: true, id } : { ok: false, status: 404, reason: 'No such conversation.' };
    }
    const stored = this.store.append(conversationId, shown);
    if (!stored?.id) return { ok: false, status: 404, reason: 'No such conversation.' };
    if (activity.type === 'message') this.typing.get(conversationId)?.botSpoke();
    return { ok: true, id: stored.id };
  }

  since(conversationId: string, watermark: string): ActivityGroup | undefined {
    return this.store.since(conversationId, watermark);
  }

  /** Waits (up to `graceMs`) for the turns already handed to the bot to finish. */
  async drain(graceMs: number): Promise<void> {
    if (this.pending.size === 0) return;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([Promise.allSettled([...this.pending]).then(() => undefined), timeout]);
  }

  private handOver(who: Participants, activity: ChannelActivity): void {
    const { conversationId } = who;
    const turn = this.turns.run(conversationId, async () => {
      const typing = new TypingIndicator(
        () => this.store.pushEphemeral(conversationId, botTyping(who, this.date())),
        this.options.typingDelayMs,
        TYPING_REPEAT_MS,
      );
      this.typing.set(conversationId, typing);
      try {
        await this.options.deliver({ ...activity, serviceUrl: this.options.serviceUrl() });
      } catch (error) {
        this.options.log.error(
          { conversation: hashConversationId(conversationId), activity: activity.type, err: { name: (error as Error).name } },
          'website activity not delivered to the bot',
        );
        this.store.append(conversationId, {
          type: 'message',
          timestamp: this.date().toISOString(),
          channelId: activity.channelId,
          conversation: { id: conversationId },
          from: who.bot,
          recipient: { id: who.userId, role: 'user' },
          text: this.options.deliveryFailedText,
          ...(activity.id ? { replyToId: activity.id } : {}),
        });
      } finally {
        typing.stop();
        if (this.typing.get(conversationId) === typing) this.typing.delete(conversationId);
      }
    }).catch(() => undefined);
    this.pending.add(turn);
    void turn.finally(() => this.pending.delete(turn));
  }

  private participants(conversationId: string, userId: string): Participants {
    return { conversationId, userId, bot: this.options.bot };
  }

  private date(): Date {
    return new Date(this.options.now());
  }
}
