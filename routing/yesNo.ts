/**
 * Reads a yes/no answer to a closed question, as people type it ("yep", "nope", "not really",
 * "yes I do", "no, none of those"). Anything else is undefined, so the question is asked again
 * rather than guessed.
 */
const YES = /^(y|yes|yea|yeah|yep|yup|ya|yah|ok|okay|sure|correct|right|true|i do|i am|i have|it is|they do|he does|she does|affirmative|absolutely|definitely|of course|yes please|agree|i agree|i consent|consent|that'?s fine|fine|go ahead|please do|you may|you can|please|certainly)\b/;
const NO = /^(n|no|nope|nah|na|not really|not at all|none|never|negative|false|i don'?t|i do not|i haven'?t|i have not|it isn'?t|no thanks|no thank you|neither|nothing like that|none of (those|these|them|that)|i do not consent|i don'?t consent|do not contact|don'?t contact|i disagree|disagree)\b/;

export function parseYesNo(text: string): 'yes' | 'no' | undefined {
  const normalized = text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (normalized === '') return undefined;
  // When both readings fit ("i do" / "i do not consent"), the longer phrase is the one meant.
  const yes = YES.exec(normalized)?.[0].length ?? 0;
  const no = NO.exec(normalized)?.[0].length ?? 0;
  if (yes === no) return undefined;
  return yes > no ? 'yes' : 'no';
}
