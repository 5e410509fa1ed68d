import type { TurnContext } from 'botbuilder';

/**
 * What a turn did, for the one structured log line each turn writes: never the visitor's words,
 * only what the bot decided.
 */
export interface TurnSummary {
  route?: string;
  topic?: string;
  redFlag?: 'emergency' | 'urgent';
  dialog?: string;
}

const SUMMARY = Symbol('turnSummary');

export function noteTurn(context: TurnContext, facts: TurnSummary): void {
  const summary = (context.turnState.get(SUMMARY) as TurnSummary | undefined) ?? {};
  context.turnState.set(SUMMARY, { ...summary, ...facts });
}

export function turnSummary(context: TurnContext): TurnSummary {
  return (context.turnState.get(SUMMARY) as TurnSummary | undefined) ?? {};
}
