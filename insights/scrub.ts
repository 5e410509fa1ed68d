/**
 * Removes the personal details people sometimes type into a question before it is kept for
 * staff to read: email addresses, phone numbers and other long numbers (dates of birth, ZIP+4,
 * card or member numbers). Also caps the length.
 */
export const MAX_STORED_QUESTION_LENGTH = 300;

export function scrubPersonalDetails(text: string): string {
  const cleaned = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, ' ')
    .replace(/[^\s@]+@[^\s@]+/g, '[email]')
    .replace(/\+?\d[\d\s().\-\/]{5,}\d/g, '[number]')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > MAX_STORED_QUESTION_LENGTH ? cleaned.slice(0, MAX_STORED_QUESTION_LENGTH - 1) + '…' : cleaned;
}
