import type { Activity, TurnContext } from 'botbuilder';

/**
 * The `channelData` keys promised by the conversation contract (../shared/conversation-contract.md).
 * People read the text; programs (the website, analytics, acceptance checks) read these.
 */
export interface ContractChannelData {
  topic?: string;
  clarify?: string[];
  prompt?: string;
  redFlag?: { level: 'emergency' | 'urgent'; flags: string[] };
  appointmentRequest?: { id: string; clinic: string; status: 'queued' | 'sent' };
}

/** Keys that describe the whole turn and so go on every message the turn sends. */
type TurnWideKeys = Omit<ContractChannelData, 'prompt'>;

const TURN_CHANNEL_DATA = Symbol('turnChannelData');

/**
 * Starts collecting turn-wide keys for this turn and stamps them onto every message activity the
 * turn sends, from that moment on. A key set by one reply (say, `redFlag` by the emergency
 * message) therefore also reaches later messages of the same turn.
 */
export function trackTurnChannelData(context: TurnContext): void {
  const data: TurnWideKeys = {};
  context.turnState.set(TURN_CHANNEL_DATA, data);
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) stamp(activity, data);
    return next();
  });
}

export function setTurnChannelData(context: TurnContext, keys: TurnWideKeys): void {
  const data = context.turnState.get(TURN_CHANNEL_DATA) as TurnWideKeys | undefined;
  if (data) Object.assign(data, keys);
}

function stamp(activity: Partial<Activity>, data: TurnWideKeys): void {
  if (activity.type !== 'message') return;
  const own = (activity.channelData ?? {}) as Record<string, unknown>;
  activity.channelData = { ...structuredClone(data), ...own };
}
