import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { FollowUp, RedFlagLevel } from '../screening/screener.js';

/** What the bot remembers about one conversation between turns (besides the dialog stack). */
export interface ConversationData {
  /** Turns so far (counted in the turn log; several instances must never lose one). */
  turns?: number;
  welcomed?: boolean;
  /** The last topic answered, for "Tell me more". */
  lastTopicId?: string;
  /** The last clinic the visitor named, for "are you open now?" without a town. */
  lastClinicId?: string;
  /** A closed question the screener asked and is waiting for. */
  pendingFollowUp?: PendingFollowUp;
  /** Red flags raised in this conversation; urgent ones travel with an appointment request. */
  redFlags?: Array<{ id: string; level: RedFlagLevel }>;
}

export interface PendingFollowUp extends FollowUp {
  /** The message that raised the question, asked outside any dialog: answered once the visitor has answered the question. */
  earlierMessage?: string;
}

export interface BotStateAccessors {
  conversationState: ConversationState;
  data: StatePropertyAccessor<ConversationData>;
  dialogState: StatePropertyAccessor;
}

export function createStateAccessors(conversationState: ConversationState): BotStateAccessors {
  return {
    conversationState,
    data: conversationState.createProperty<ConversationData>('conversationData'),
    dialogState: conversationState.createProperty('dialogState'),
  };
}

export async function conversationData(accessors: BotStateAccessors, context: TurnContext): Promise<ConversationData> {
  return accessors.data.get(context, {});
}

/** Adds flags to the conversation's record, each once. */
export function rememberRedFlags(data: ConversationData, flags: Array<{ id: string; level: RedFlagLevel }>): void {
  const known = data.redFlags ?? [];
  for (const flag of flags) if (!known.some((k) => k.id === flag.id)) known.push(flag);
  data.redFlags = known;
}
