import type { Activity } from 'botbuilder';
import { textWithButtons } from '../bot/replies.js';

/**
 * A question of the appointment request: its text, quick-answer buttons, and the contract's
 * `channelData.prompt` naming which piece of the request it asks for.
 */
export function promptActivity(text: string, prompt: string, buttons: readonly string[] = []): Partial<Activity> {
  const activity = textWithButtons(text, buttons);
  activity.channelData = { prompt };
  activity.inputHint = 'expectingInput';
  return activity;
}
