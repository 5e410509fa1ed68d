import type { Activity } from 'botbuilder';

/**
 * The text of an incoming message as the bot should read it: from `text`, or from a card or
 * messageBack `value.text`; control and invisible formatting characters removed (they hide words
 * from the screener), whitespace collapsed.
 */
export function incomingText(activity: Partial<Activity>): string {
  const value = activity.value as { text?: unknown } | undefined;
  const raw = typeof activity.text === 'string' && activity.text.trim() !== '' ? activity.text : typeof value?.text === 'string' ? value.text : '';
  return raw
    .normalize('NFKC')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
