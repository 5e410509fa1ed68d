import type { Normalizer } from './normalize.js';
import type { FollowUp } from './screener.js';

/** Words that open a reply: "yes" (including "a little", "kind of": partly yes is yes). */
const YES =
  /^(?:y|ya|yah|yas|yes+|yess+|yeah|yea|yep|yup|sure|correct|right|true|affirmative|definitely|absolutely|uh huh|mhm+|mm hmm|i do|i am|im afraid so|i have|it is|it does|it has|they are|they do|he is|he does|he has|she is|she does|she has|kind of|kinda|sort of|a little|a bit|sometimes|i think so|think so|probably|i guess|guess so|somewhat|slightly|often|always|all the time|unfortunately)\b/;
/** Words that open a "no". */
const NO =
  /^(?:n|no+|nope|nah|naw|not really|no way|never|negative|i dont|i havent|i do not|it isnt|it is not|its not|it doesnt|it hasnt|he doesnt|she doesnt|he isnt|she isnt|not at all|none|nothing like that|not that i know|not that ive noticed|dont think so|i dont think so|not anymore)\b/;
const UNSURE = /\b(?:maybe|not sure|unsure|dont know|no idea|cant tell|hard to say|possibly|perhaps)\b/;
/** "Is this new, or different from usual?" answered by meaning. */
const NEW_OR_DIFFERENT =
  /\b(?:(?<!not )(?<!nothing )(?<!isnt )new|newer|different|worse|changed|recent|recently|just started|started|this week|today|yesterday|first time|never (?:had|been|felt) (?:it|this|that)?(?: like this)? before|getting worse)\b/;
const USUAL =
  /\b(?:same|(?<!than |from |to |beyond )usual|as always|always (?:had|been|like)|not new|nothing new|isnt new|unchanged|hasnt changed|no change|for years|long time|ages|chronic|normal for (?:me|him|her)|had it (?:for|since))\b/;

/**
 * Reads the visitor's reply to a follow-up question. A reply that itself reports the symptom is a
 * yes; "is this new?" is read by meaning ("worse than usual" yes, "same as always" no); then plain
 * yes/no words. Unsure or mixed replies are "unclear" (ask once more, or treat as yes).
 */
export function readFollowUpAnswer(
  followUp: FollowUp,
  replyText: string,
  normalize: Normalizer,
  flagsRaisedBy: (text: string) => readonly string[],
): 'yes' | 'no' | 'unclear' {
  const reply = normalize(replyText).replace(/[.,!?;:]/g, ' ').replace(/\s+/g, ' ').trim();
  if (reply === '') return 'unclear';
  // A reply that itself reports the symptom ("it's numb when I wipe") is a yes.
  if (flagsRaisedBy(replyText).includes(followUp.flag)) return 'yes';
  if (followUp.kind === 'new-or-usual') {
    const isNew = NEW_OR_DIFFERENT.test(reply);
    const isUsual = USUAL.test(reply);
    if (isNew && !isUsual) return 'yes';
    if (isUsual && !isNew) return 'no';
  }
  if (UNSURE.test(reply) || (/\byes\b/.test(reply) && /\bno\b/.test(reply))) return 'unclear';
  const yes = YES.test(reply);
  const no = NO.test(reply);
  if (yes && !no) return 'yes';
  if (no && !yes) return 'no';
  return 'unclear';
}
