import { z } from 'zod';

/**
 * Checks the shape of an incoming Bot Framework activity before botbuilder sees it, so that a
 * malformed request gets a 400 with a clear reason instead of an exception deep in the SDK.
 * Only what the bot relies on is checked; extra fields pass through untouched.
 */

export const ACTIVITY_TYPES = [
  'message',
  'conversationUpdate',
  'contactRelationUpdate',
  'typing',
  'endOfConversation',
  'event',
  'invoke',
  'installationUpdate',
  'messageReaction',
  'messageUpdate',
  'messageDelete',
  'deleteUserData',
  'suggestion',
  'trace',
  'handoff',
  'command',
  'commandResult',
] as const;

/** Characters of message text the bot reads; a longer message gets a polite reply (the body limit is separate). */
export const MAX_MESSAGE_TEXT = 5_000;

const account = z.object({ id: z.string().min(1).max(512) }).passthrough();

const activitySchema = z
  .object({
    type: z.enum(ACTIVITY_TYPES, { message: 'type must be a Bot Framework activity type' }),
    channelId: z.string().min(1).max(128),
    serviceUrl: z
      .string()
      .max(2048)
      .refine((value) => {
        try {
          return ['http:', 'https:'].includes(new URL(value).protocol);
        } catch {
          return false;
        }
      }, 'serviceUrl must be an http(s) URL'),
    conversation: z.object({ id: z.string().min(1).max(512) }).passthrough(),
    from: account,
    recipient: account.optional(),
    text: z.string().max(100_000).optional(),
  })
  .passthrough();

export type GuardResult = { ok: true } | { ok: false; status: 400; reason: string };

export function checkActivity(body: unknown): GuardResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, status: 400, reason: 'The request body must be a JSON Bot Framework activity.' };
  }
  const result = activitySchema.safeParse(body);
  if (result.success && result.data.type === 'invoke') {
    // botbuilder answers an invoke nobody handles with 501; the bot handles none, so it is the caller's mistake.
    return { ok: false, status: 400, reason: 'The bot does not handle invoke activities.' };
  }
  if (result.success) return { ok: true };
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'activity';
  const missing = issue !== undefined && issue.path.length === 1 && (body as Record<string, unknown>)[String(issue.path[0])] === undefined;
  return { ok: false, status: 400, reason: missing ? `The activity has no ${field}.` : `Invalid ${field}: ${issue?.message ?? 'invalid'}.` };
}
