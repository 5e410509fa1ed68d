/**
 * Cleaning of patient-typed text before it goes into an email. Every composer runs every value
 * through these, even values that were validated earlier: a stage trusts nothing it is given.
 */

// C0 and C1 control characters, DEL, the byte-order mark, and the invisible bidirectional
// controls that can make text display in a different order than it was written.
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;

/** One line of text: line breaks and tabs become spaces, other control characters are removed. */
export function singleLine(value: string, maxLength = 500): string {
  const cleaned = value
    .replace(LINE_BREAKS, ' ')
    .replace(/\t/g, ' ')
    .replace(INVISIBLE_CONTROLS, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  return truncate(cleaned, maxLength);
}

/** Free text that may span lines: line breaks are kept (as \n), other control characters removed. */
export function multiLine(value: string, maxLength = 10_000): string {
  const cleaned = value
    .replace(LINE_BREAKS, '\n')
    .replace(/\t/g, ' ')
    .replace(INVISIBLE_CONTROLS, '')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return truncate(cleaned, maxLength);
}

function truncate(value: string, maxLength: number): string {
  // Array.from counts code points, so an emoji is never cut in half.
  const chars = Array.from(value);
  return chars.length <= maxLength ? value : chars.slice(0, maxLength - 1).join('') + '…';
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for use in HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** Escaped HTML with the text's line breaks shown as <br>. */
export function escapeHtmlLines(value: string): string {
  return escapeHtml(value).replace(/\n/g, '<br>\n');
}
