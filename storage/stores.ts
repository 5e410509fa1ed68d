import type { Storage } from 'botbuilder';

/** Runs one conversation's turns one at a time (botbuilder saves state last-writer-wins). */
export interface TurnOrder {
  run<T>(conversationId: string, turn: () => Promise<T>): Promise<T>;
}

/** Conversation state that forgets conversations left idle (they may hold what a visitor typed). */
export interface ConversationStorage extends Storage {
  /** Deletes state untouched for longer than `maxIdleMs` before `now`; returns how many keys. */
  expireIdle(maxIdleMs: number, now?: number): Promise<number>;
}
