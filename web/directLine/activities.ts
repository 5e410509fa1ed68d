import { z } from 'zod';

/**
 * The Bot Framework activities that travel through the website's Direct Line, as plain JSON
 * (what goes over the wire), free of botbuilder types. Only the fields this module reads or
 * sets are named; everything else the bot sends passes through untouched.
 */
export interface ChannelAccount {
  id: string;
  name?: string;
  role?: 'user' | 'bot';
}

export interface ChannelActivity {
  type: string;
  id?: string;
  /** ISO 8601, set by the channel. */
  timestamp?: string;
  channelId?: string;
  serviceUrl?: string;
  conversation?: { id: string };
  from?: ChannelAccount;
  recipient?: ChannelAccount;
  replyToId?: string;
  text?: string;
  channelData?: Record<string, unknown>;
  membersAdded?: ChannelAccount[];
  [field: string]: unknown;
}

export const CHANNEL_ID = 'directline';

/** Longest message text accepted from the page; the bot answers anything over its own, lower limit politely. */
export const MAX_VISITOR_TEXT = 20_000;

/**
 * What a page may send. Everything not listed is dropped, and what identifies the sender
 * (from, conversation, recipient, id, serviceUrl) is set by the server, never taken from the page.
 */
const visitorActivitySchema = z.object({
  type: z.enum(['message', 'event'], { message: 'type must be message or event' }),
  text: z.string().max(MAX_VISITOR_TEXT, `text must be at most ${MAX_VISITOR_TEXT} characters`).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  /** Adaptive Card submit data and event payloads. */
  value: z.unknown().optional(),
  name: z.string().max(256).optional(),
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/)
    .optional()
    .catch(undefined),
  localTimestamp: z.string().max(64).optional().catch(undefined),
  localTimezone: z.string().max(64).optional().catch(undefined),
  attachments: z.array(z.unknown()).max(0, 'attachments are not accepted').optional(),
  channelData: z
    .object({
      clientActivityID: z.string().max(128).optional(),
      clientTimestamp: z.string().max(64).optional(),
    })
    .optional()
    .catch(undefined),
});

export type VisitorActivityResult = { ok: true; activity: ChannelActivity } | { ok: false; reason: string };

export interface Participants {
  conversationId: string;
  userId: string;
  bot: ChannelAccount;
}

/** The visitor's activity as it is kept and echoed: the page's content, the server's identities. */
export function visitorActivity(body: unknown, who: Participants, now: Date): VisitorActivityResult {
  const parsed = visitorActivitySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'activity';
    return { ok: false, reason: `Invalid ${field}: ${issue?.message ?? 'invalid'}.` };
  }
  const { attachments: _none, channelData, ...content } = parsed.data;
  const activity: ChannelActivity = {
    ...withoutUndefined(content),
    type: content.type,
    timestamp: now.toISOString(),
    channelId: CHANNEL_ID,
    conversation: { id: who.conversationId },
    from: { id: who.userId, role: 'user' },
    recipient: who.bot,
  };
  if (channelData) activity.channelData = withoutUndefined(channelData);
  return { ok: true, activity };
}

/** The conversationUpdate a new conversation starts with: bot and visitor join, so the bot says hello first. */
export function conversationStart(who: Participants, now: Date, locale: string | undefined): ChannelActivity {
  return {
    type: 'conversationUpdate',
    id: `${who.conversationId}|start`,
    timestamp: now.toISOString(),
    channelId: CHANNEL_ID,
    conversation: { id: who.conversationId },
    from: { id: who.userId, role: 'user' },
    recipient: who.bot,
    membersAdded: [who.bot, { id: who.userId, role: 'user' }],
    ...(locale && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/.test(locale) ? { locale } : {}),
  };
}

/** A typing indicator from the bot, shown by Web Chat until the bot's next message (or for 5 s). */
export function botTyping(who: Participants, now: Date): ChannelActivity {
  return {
    type: 'typing',
    id: `${who.conversationId}|typing-${now.getTime()}`,
    timestamp: now.toISOString(),
    channelId: CHANNEL_ID,
    conversation: { id: who.conversationId },
    from: who.bot,
    recipient: { id: who.userId, role: 'user' },
  };
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
