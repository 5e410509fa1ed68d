import type { ChannelActivity } from './activities.js';

/**
 * The website's conversations as Direct Line keeps them: for each, the activities the page
 * shows (the visitor's own, echoed back, and the bot's replies), numbered so that a client
 * that reconnects with a watermark gets exactly what it missed, and the open streams to push
 * new ones to.
 *
 * Memory is bounded: at most `maxConversations` (the least recently active is dropped first),
 * at most `maxActivities` per conversation (the oldest are dropped), and a conversation idle
 * for `idleMs` is forgotten. Everything lives in this process, so several instances behind a
 * load balancer need sticky sessions.
 */

/** What a stream frame carries, as Direct Line sends it. */
export interface ActivityGroup {
  activities: ChannelActivity[];
  /** The watermark after these activities; absent on frames that are not part of the history (typing). */
  watermark?: string;
}

/** An open stream to one client. */
export interface Subscriber {
  send(group: ActivityGroup): void;
  /** The conversation is gone (expired or evicted): close the stream. */
  end(): void;
}

export interface ConversationLimits {
  maxConversations: number;
  maxActivities: number;
  idleMs: number;
  /** Open streams per conversation; the oldest is closed when another opens. */
  maxStreams: number;
}

interface Conversation {
  readonly id: string;
  readonly userId: string;
  /** The retained activities, oldest first; `sequence` numbers them. */
  readonly log: Array<{ sequence: number; activity: ChannelActivity }>;
  lastSequence: number;
  lastActive: number;
  readonly subscribers: Set<Subscriber>;
}

export class ConversationStore {
  /** In order of last activity, least recent first (a Map keeps insertion order). */
  private readonly conversations = new Map<string, Conversation>();

  constructor(
    private readonly limits: ConversationLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Opens a conversation; returns false if it already existed (then nothing changes). */
  open(conversationId: string, userId: string): boolean {
    if (this.find(conversationId)) return false;
    while (this.conversations.size >= this.limits.maxConversations) {
      const oldest = this.conversations.keys().next();
      if (oldest.done) break;
      this.drop(oldest.value);
    }
    this.conversations.set(conversationId, {
      id: conversationId,
      userId,
      log: [],
      lastSequence: 0,
      lastActive: this.now(),
      subscribers: new Set(),
    });
    return true;
  }

  has(conversationId: string): boolean {
    return this.find(conversationId) !== undefined;
  }

  /** The visitor a conversation belongs to. */
  userOf(conversationId: string): string | undefined {
    return this.find(conversationId)?.userId;
  }

  /**
   * Adds an activity to the history under the id `<conversation>|<sequence>` (any id it had is
   * replaced) and pushes it to
   * the open streams. Returns the stored activity, or undefined if the conversation is gone.
   */
  append(conversationId: string, activity: ChannelActivity): ChannelActivity | undefined {
    const conversation = this.touch(conversationId);
    if (!conversation) return undefined;
    const sequence = conversation.lastSequence + 1;
    conversation.lastSequence = sequence;
    const stored: ChannelActivity = { ...activity, id: `${conversationId}|${String(sequence).padStart(7, '0')}` };
    conversation.log.push({ sequence, activity: stored });
    if (conversation.log.length > this.limits.maxActivities) conversation.log.splice(0, conversation.log.length - this.limits.maxActivities);
    this.push(conversation, { activities: [stored], watermark: String(sequence) });
    return stored;
  }

  /** Pushes an activity to the open streams without keeping it (typing indicators). */
  pushEphemeral(conversationId: string, activity: ChannelActivity): boolean {
    const conversation = this.find(conversationId);
    if (!conversation) return false;
    this.push(conversation, { activities: [activity] });
    return true;
  }

  /** The retained activities after `watermark` (all of them for an empty or unreadable watermark). */
  since(conversationId: string, watermark: string): ActivityGroup | undefined {
    const conversation = this.find(conversationId);
    if (!conversation) return undefined;
    const after = /^\d{1,15}$/.test(watermark) ? Number(watermark) : 0;
    return {
      activities: conversation.log.filter((entry) => entry.sequence > after).map((entry) => entry.activity),
      watermark: String(conversation.lastSequence),
    };
  }

  /** Registers an open stream; returns the function that unregisters it. */
  subscribe(conversationId: string, subscriber: Subscriber): (() => void) | undefined {
    const conversation = this.find(conversationId);
    if (!conversation) return undefined;
    conversation.subscribers.add(subscriber);
    if (conversation.subscribers.size > this.limits.maxStreams) {
      const oldest = conversation.subscribers.values().next();
      if (!oldest.done) {
        conversation.subscribers.delete(oldest.value);
        oldest.value.end();
      }
    }
    return () => conversation.subscribers.delete(subscriber);
  }

  /** Forgets the conversations idle for longer than the limit; returns how many. */
  sweep(): number {
    const cutoff = this.now() - this.limits.idleMs;
    let dropped = 0;
    for (const conversation of this.conversations.values()) {
      // Least recently active first: stop at the first one still in use.
      if (conversation.lastActive > cutoff) break;
      this.drop(conversation.id);
      dropped += 1;
    }
    return dropped;
  }

  get size(): number {
    return this.conversations.size;
  }

  /** Ends every stream and forgets everything (shutdown). */
  clear(): void {
    for (const id of [...this.conversations.keys()]) this.drop(id);
  }

  private find(conversationId: string): Conversation | undefined {
    const conversation = this.conversations.get(conversationId);
    if (conversation && conversation.lastActive <= this.now() - this.limits.idleMs) {
      this.drop(conversationId);
      return undefined;
    }
    return conversation;
  }

  private touch(conversationId: string): Conversation | undefined {
    const conversation = this.find(conversationId);
    if (!conversation) return undefined;
    conversation.lastActive = this.now();
    this.conversations.delete(conversationId);
    this.conversations.set(conversationId, conversation);
    return conversation;
  }

  private push(conversation: Conversation, group: ActivityGroup): void {
    for (const subscriber of conversation.subscribers) subscriber.send(group);
  }

  private drop(conversationId: string): void {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return;
    this.conversations.delete(conversationId);
    for (const subscriber of conversation.subscribers) subscriber.end();
    conversation.subscribers.clear();
  }
}
