import type { ClauseInfo, MentionPlace, MessageAnalysis, SentenceInfo } from './analysis.js';
import { asksWhetherItIs, saysNow } from './framing.js';
import { personRefs } from './people.js';

/**
 * Negation: "no numbness down there", "I don't have any bladder issues", "haven't lost control
 * of my bowels", "bladder is fine", "Numbness down there? No." A cue reaches forward within its
 * clause until a word that starts something new ("but", "because", a new subject…).
 */

export const NEGATION_CUES = new Set([
  'no', 'not', 'never', 'without', 'none', 'nor', 'neither', 'dont', 'doesnt', 'didnt', 'havent', 'hasnt', 'hadnt', 'isnt',
  'arent', 'wasnt', 'werent', 'aint', 'denies', 'deny', 'denied', 'denying', 'nothing', 'nothings', 'zero', 'free', 'absence', 'negative',
  'ruled', 'lack', 'lacks', 'lacking', 'nobody', 'nowhere', 'nope',
]);
const UNRELENTING = ['stop', 'stops', 'ease', 'eases', 'let', 'lets', 'end', 'ends', 'quit', 'quits', 'settle', 'settles', 'improve', 'improves', 'budge', 'budges'];
const NOT_ONLY: ReadonlySet<string> = new Set(['only', 'just']);

/** A cue followed by one of these is not a negation ("no longer", "not sure", "don't know why"). */
const PSEUDO_NEGATION_NEXT: Readonly<Record<string, ReadonlySet<string>>> = {
  // (a spoken "no" that insists, not denies: "numb nuts lol. no seriously, my balls went numb")
  no: new Set(['longer', 'idea', 'clue', 'matter', 'wonder', 'seriously', 'joke', 'jokes', 'kidding', 'lie']),
  not: new Set(['only', 'just', 'sure', 'certain', 'as', 'even', 'that', 'quite', 'exactly', 'long', 'trying']),
  // "the numbness isn't only in my foot, it's around my back passage too"
  isnt: NOT_ONLY,
  arent: NOT_ONLY,
  wasnt: NOT_ONLY,
  dont: new Set(['know', 'understand', 'get', 'care', 'want', 'like', 'mind', 'wait', 'remember', 'see']),
  didnt: new Set(['know', 'realize', 'realise', 'want', 'mean', 'expect', 'see']),
  doesnt: new Set(['know', 'understand', 'want', 'matter', 'mean', ...UNRELENTING]),
  // "the pain never stops", "it won't let up": constant, not absent.
  never: new Set(UNRELENTING),
  wont: new Set(UNRELENTING),
  nothing: new Set(['but', 'else', 'new']),
  // "lost 15 lbs without trying, back aching": an idiom, not a denial of what follows
  without: new Set(['trying', 'warning', 'reason', 'meaning']),
  free: new Set([]),
  negative: new Set([]),
  ruled: new Set([]),
};
/** These cues only negate in a fixed phrase: "free of", "negative for", "ruled out". */
const CUE_NEEDS_NEXT: Readonly<Record<string, string>> = { free: 'of', negative: 'for', ruled: 'out', absence: 'of' };

/** Words that end the reach of a negation cue: "I don't know why my legs are weak". */
const SCOPE_BREAKERS = new Set([
  'but', 'however', 'although', 'though', 'except', 'yet', 'because', 'since', 'so', 'which', 'who', 'when', 'why', 'what', 'how',
  'where', 'if', 'until', 'unless', 'while', 'whereas', 'besides', 'then', 'now', 'also', 'anymore', 'suddenly', 'today', 'even',
]);
export const SUBJECT_PRONOUNS = new Set(['i', 'im', 'ive', 'id', 'he', 'hes', 'she', 'shes', 'they', 'theyre', 'we', 'it', 'its']);
/** After these a pronoun still lies inside the negation: "I don't think I have numbness". */
const REPORTING_VERBS = new Set(['think', 'believe', 'recall', 'remember', 'notice', 'noticed', 'suppose', 'reckon', 'feel', 'felt', 'say', 'said', 'know', 'realize', 'guess', 'that', 'thing']);
export const POSSESSIVES = new Set(['my', 'his', 'her', 'their']);
/** Before these a possessive still lies inside the negation: "no problems with my bladder". */
const PREPOSITIONS = new Set([
  'in', 'on', 'with', 'of', 'to', 'around', 'between', 'down', 'from', 'about', 'into', 'at', 'near', 'by', 'for', 'under', 'over',
  'through', 'across', 'have', 'has', 'had', 'feel', 'felt', 'lost', 'control', 'move', 'use', 'any', 'affecting', 'affected',
]);
const MAX_NEGATION_REACH = 8;
const FORM_LABEL_WORDS = 4;
const CANT_NOTICE = new Set(['feel', 'notice', 'see', 'find', 'detect']);
/** Enough characters for MAX_NEGATION_REACH words and the words that qualify the cue. */
const LOOK_BACK_CHARACTERS = 160;

/** "never … before this week", "never … until yesterday": a first time, dated recently. */
const NEVER_BEFORE_RECENTLY =
  /\bnever\b.*\b(?:before|until|till|til) (?:(?:about|around|maybe) )?(?:today|tonight|yesterday|now|recently|this (?:morning|afternoon|evening|week|weekend|month)|last (?:night|week|weekend)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:a|one|two|three|four|five|a few|a couple of|\d+) (?:hours?|days?|weeks?) ago)\b/;

const ANSWER_LABEL = /^(?:a|ans|answer|reply)$/;
const NEGATIVE_ANSWER = /^(?:no|nope|none|nah|negative|not really|not at all|never|fine|normal|ok|okay|all good|nothing|no problems?|no issues?|none at all)$/;
/** A mention that itself says something cannot be done: a "normal" after it is how, not a denial. */
const INABILITY = /\b(?:cant|couldnt|unable|barely|hardly|struggl\w*|trouble|difficult\w*)\b/;
/**
 * "his back doesn't hurt", "my back isn't sore": the back (only the back: "the numbness doesn't
 * hurt" is still numbness) said after it to be free of pain ("doesn't hurt much", "doesn't hurt
 * until I sit" still hurt).
 */
const BACK_MENTION = /\b(?:back|spine)$/;
const PAIN_DENIED_AFTER =
  /^(?:(?:really|actually|even|honestly) )?(?:doesnt|does not|didnt|did not|isnt|is not|wasnt|was not|hasnt|has not|never) (?:(?:really|actually|even|ever|been|at all) )*(?:hurt|hurts|hurting|ache|aching|sore|painful|bother (?:me|him|her|them)|bothering (?:me|him|her|them))\b(?! (?:as |that |so |too |very )?(?:much|bad|badly|often)\b)(?!.*\b(?:until|till|unless|except|when|whenever|if|but|yet|anymore|any more|now|at first|initially|to begin with|before|then|straight away|right away|immediately)\b)/;
const FINE_AFTER = /^(?:(?:is|are|was|were|s|has been|have been|seems?|feels?|been|still|all|both|totally|perfectly|completely|seem to be) )*(?:fine|normal|ok|okay|good|unaffected|not affected|alright|all right|working fine|working normally|(?:normally|as normal)(?= ,| \.|$)|no problem|perfect|strong|(?:exactly |just )?(?:the same as|as|like) (?:it (?:did|was|always (?:is|does|has been)) )?(?:before|always|usual|normal|ever))\b|^(?:no|none|nope|negative|nil|denied|absent|not present)$/;


/** "I can feel everything | down below", "can still feel it all | when I wipe". */
const FEELS_EVERYTHING_BEFORE = /\b(?<!\b(?:cant|cannot|can not|couldnt|barely|hardly|if i|whether i|if he|if she) )(?:can|could) (?:still )?feel (?:everything|it all|all of it|fine|normally|properly|perfectly|it fine)(?: (?:fine|normally|properly|ok|okay))? $/;

/** Words that say a joke or figure of speech was meant after all: "jk, but seriously…". */
const MEANT_AFTER_ALL = String.raw`(?!.*\b(?:but|seriously|for real|no joke)\b)`;
/**
 * "couldn't feel my legs after that class (figuratively lol)": the sentence says its own words are
 * not to be taken literally, so it reports nothing ("jk, but seriously I can't feel my legs" still does).
 */
// (also the words said to be about something else: "'I can't go' meant the appointment, not a toilet thing")
const NOT_LITERAL = new RegExp(String.raw`\b(?:figuratively|not literally|metaphorically|(?:only|just) (?:joking|kidding)|jk|not (?:a|an) (?:toilet|bathroom|loo|bladder|bowel|pee|wee|poo|medical|health|symptom) (?:thing|issue|problem|question|symptom))\b` + MEANT_AFTER_ALL);

/**
 * 2026-12-07 probe 51: what happened in a dream ("my leg gave way on the stairs in a dream"), told
 * in the mention's clause and not followed there by waking ("dreamt about work and woke up numb").
 */
const IN_A_DREAM = /\b(?:in (?:a|my|the|this|last nights) (?:dream|nightmare)|dreamt|dreamed|dreaming)\b(?!.*\b(?:woke|wake|wakes|waking|woken|awoke|awake)\b)/;

/** "i can't feel my legs!!! (jk, squats day)": the joke tag opens the next sentence. */
const JOKE_TAG = new RegExp(String.raw`^(?:lol |haha |lmao )?(?:jk|j k|just (?:joking|kidding)|(?:only )?(?:joking|kidding))\b` + MEANT_AFTER_ALL);

/** "my brother says he 'can't feel his legs' after the marathon, he's joking, he's walking around fine". */
const SAID_AS_A_JOKE = /^(?:(?:and|but|so|lol|haha|obviously|of course) )*(?:hes|shes|im|theyre|(?:he|she|i|they) (?:is|was|am|are|were)) (?:just |only |obviously |clearly )?(?:joking|kidding|messing|being dramatic|exaggerating)\b/;

function jokeTagFollows(analysis: MessageAnalysis, sentenceIndex: number, clauseIndex: number): boolean {
  if (analysis.sentences[sentenceIndex]?.clauses.slice(clauseIndex + 1).some((clause) => SAID_AS_A_JOKE.test(clause.text))) return true;
  const next = analysis.sentences.slice(sentenceIndex + 1).find((sentence) => /[a-z]/.test(sentence.text));
  return next !== undefined && JOKE_TAG.test(next.text);
}

/**
 * Figures of speech that borrow a symptom's words: "I'm leaking money on parking", "losing my
 * balance in life", "went weak at the knees when the surgeon mentioned an operation", "can't
 * dribble with his left hand" (a ball). A mention inside one reports nothing; `cue`, when given,
 * must be in the sentence too (weak knees on the stairs are weakness).
 */
const FIGURES: ReadonlyArray<{ readonly words: RegExp; readonly cue?: RegExp }> = [
  { words: /\b(?:leak\w*|bleed\w*|hemorrhag\w*|haemorrhag\w*|hosing) (?:money|cash|funds|dollars|pounds)\b/g },
  { words: /\b(?:los(?:e|es|ing|t)|keep(?:ing)?|find(?:ing)?) (?:my|his|her|their|our|the|a|any|some) balance (?:in|with|between) (?:life|work|everything|things|(?:my|his|her|their) (?:life|work|job|family))\b|\bwork ?life balance\b/g },
  {
    words: /\b(?:go(?:es|ing)?|went|gone|felt|feel(?:s|ing)?|(?:is|are|was|were)|legs?) (?:all |a bit |a little |totally )?weak (?:at|in) the knees\b/g,
    cue: /\b(?:when|as soon as|the moment) (?:\w+ ){0,4}(?:mentioned|mentions|said|says|told|tells|saw|see|smiled|smiles|looked|asked|showed|quoted|walked in|proposed)\b|\b(?:thought|mention|sight|news|price|cost|bill|quote) of\b|\b(?:haha|lol|lmao|crush)\b/,
  },
  // "my legs are numb with boredom", "bored stiff": a feeling, not a symptom
  { words: /\b(?:numb|numbed|dead|frozen|paralys\w*|stiff) (?:(?:\w+ ){0,2}(?:with|from|by) (?:sheer |pure |utter |the )?(?:boredom|tedium|fright|terror|fear|grief|shock|(?:this |the |that )?hold music)\b)|\bbored (?:numb|stiff|to death)\b/g },
  { words: /\bdribbl\w* (?:(?:the|a) )?(?:ball|basketball|football|soccer ball)\b|\bdribbl\w* (?:the ball )?with (?:my|his|her|their|the|your) (?:left|right|weak|other|off) (?:hand|foot)\b/g },
];

function inFigureOfSpeech(sentence: SentenceInfo, clauseText: string, place: MentionPlace): boolean {
  return FIGURES.some(({ words, cue }) => {
    if (cue && !cue.test(sentence.text)) return false;
    for (const match of clauseText.matchAll(words)) {
      if (match.index < place.end && place.start < match.index + match[0].length) return true;
    }
    return false;
  });
}

/**
 * Words the writer takes back: "ignore 'both legs', I meant both buttocks", "where I typed 'can't
 * pee' I meant 'can't sleep'", "I had breast cancer, no sorry, I meant my sister did". The
 * retracted clause reports nothing; the correction ("sorry I meant both legs, not just the left")
 * is read as any other clause.
 */
const RETRACTING = /^(?:(?:sorry|oops|correction|typo|edit|actually|please) )*(?:ignore|disregard|scratch|strike|delete)\b|^(?:(?:sorry|oops|correction|typo) )*where (?:i|it) (?:typed|wrote|said|says|put)\b/;
const CORRECTION = /^(?:(?:no|sorry|oops|wait|correction|typo|my bad|actually) )*(?:i meant|i mean|meant to (?:type|write|say))\b(?! to (?:say|add|mention|ask|write|type) (?:that )?(?:i|also|and|too))|^(?:(?:no|sorry|oops|wait|actually) )*(?:typo|correction)$|^(?:(?:or|no|well|sorry|wait|actually) )*(?:thats not (?:right|true|it)|thats wrong|scratch that|strike that|ignore that)$/;

/**
 * "pain down both legs? no, just the left, I ticked the wrong box": a question repeated from a
 * form, answered with a correction.
 */
const CORRECTED_ANSWER =
  /^(?!.*\b(?:yes|yeah|yep|i do|it is|it does|they are|still)\b)(?:(?:oh|sorry|oops|wait|actually|correction) )*(?:no|nope|nah|not both|sorry|oops)\b.*\b(?:(?:just|only) (?:in |on |down )?(?:the |my |his |her )?(?:left|right|one)\b|wrong (?:box|answer|option|one)|ticked|clicked|mis ?clicked|typo|(?:i|i only) meant|i mean (?:my|his|her|the|it was|that was|someone)\b|meant to (?:say|tick|click|put))/;

const APOLOGY = /^(?:(?:no|sorry|oops|wait|my bad|correction|typo|or|actually)(?: |$))+$/;

/**
 * "I wrote 'numb in my groin' earlier but I meant the muscle is sore", "I ticked 'loss of bowel
 * control' by mistake, I don't have that" (probe 35): what the writer typed or ticked, then taken
 * back. Only a clause that says it was written, ticked or said can be taken back this way.
 */
const WHAT_I_WROTE =
  /^(?:(?:sorry|oops|correction|earlier|before|also|and|so|on the form|in the form) )*(?:i|earlier i|i also) (?:wrote|typed|said|put|ticked|clicked|selected|entered|chose|picked|answered)\b/;
const IN_ERROR = /\b(?:by (?:mistake|accident)|in error|accidentally|mistakenly|wrongly)\b/;
const TAKEN_BACK =
  /^(?:(?:but|and|no|sorry|oops|actually) )*(?:(?:i meant|i mean)(?! (?:it|that|this|every word|what i (?:said|wrote|typed))\b)|i (?:dont|didnt) (?:have|mean) (?:that|it|this)|wrong (?:box|answer|option|one)|(?:that|it) was (?:wrong|a mistake|a typo)|typo|my mistake|my bad)\b/;

/**
 * "I can't wee properly, no sorry, I meant my dad can't": the symptom moves to someone else, whose
 * emergency counts as much; only a history ("I had cancer, I meant my sister did") stops counting.
 */
const TO_SOMEONE_ELSE = /\b(?:i meant|i mean) (?:my|our|his|her|their) (?!(?:own|self)\b)\w+/;

/** "I meant my dad": a person ("I meant my insulin" is no one). */
function movesToSomeoneElse(correction: string): boolean {
  const moved = TO_SOMEONE_ELSE.exec(correction);
  return moved !== null && personRefs(moved[0]).some((ref) => ref.subject === 'other' && !ref.pronoun);
}

/**
 * "My leg gave out... I mean my patience gave out with your booking tool": the correction opens the
 * next sentence and says the same words of something else (another subject, the same last words).
 * "My leg gave out. I mean it really gave out" says it again, and "I mean my knee gave out" is read
 * as its own clause.
 */
const RESTATING = /^(?:(?:no|sorry|oops|wait|actually|lol|haha) )*(?:i meant|i mean) (?!(?:it|its|that|thats|this|they|theyre|i|im|really|literally|totally|completely|properly|seriously|like)\b)(.+)$/;

function correctedInTheNextSentence(clauseText: string, next: SentenceInfo | undefined): boolean {
  const opening = next?.clauses[0]?.text;
  const restated = opening === undefined ? null : RESTATING.exec(opening);
  if (!restated?.[1]) return false;
  const words = clauseText.split(' ');
  if (words.length < 3) return false;
  const tail = words.slice(-2).join(' ');
  const said = restated[1];
  const at = said.indexOf(tail);
  if (at <= 0 || said[at - 1] !== ' ') return false;
  // the words before the repeated ones name something else
  return said.slice(0, at).trim() !== words.slice(0, -2).join(' ');
}

function isRetracted(sentence: SentenceInfo, clauseIndex: number, history: boolean, next?: SentenceInfo): boolean {
  const clause = sentence.clauses[clauseIndex];
  if (!clause) return false;
  if (clauseIndex === sentence.clauses.length - 1 && correctedInTheNextSentence(clause.text, next) && (history || !movesToSomeoneElse(next?.clauses[0]?.text ?? ''))) return true;
  if (RETRACTING.test(clause.text)) return true;
  if (WHAT_I_WROTE.test(clause.text) && (IN_ERROR.test(clause.text) || TAKEN_BACK.test(sentence.clauses[clauseIndex + 1]?.text ?? ''))) return true;
  // The clause just before the correction, or before an apology leading into it ("…, no sorry, I meant…").
  const following = sentence.clauses.slice(clauseIndex + 1, clauseIndex + 3).map((other) => other.text);
  const apology = following[0] !== undefined && APOLOGY.test(following[0]);
  const correction = apology ? following[1] : following[0];
  return correction !== undefined && CORRECTION.test(correction) && (history || !movesToSomeoneElse(correction));
}

/**
 * "Go to A&E if: / numbness around your bottom / can't pee / both legs weak / None of these,
 * thankfully!", "my dad googled 'can sciatica cause incontinence', he doesn't have any of that": a
 * list or quote that names no one and no time, then a line denying all of it (probe 35). A clause
 * that names a person or says now ends the list: the denial does not reach back past it.
 */
const DENIAL_LEAD = '(?:(?:and|but|so|well|luckily|thankfully|fortunately|happily|phew|ok|okay|honestly|tbh) )*';
const DENIAL_TAIL = '(?: (?:thankfully|thank god|thank goodness|luckily|fortunately|here|for me|for him|for her|at all|whatsoever|apply|applies|so far|either|though|phew|lol))*$';
const DENIES_ALL_OF_IT = new RegExp(
  `^${DENIAL_LEAD}(?:(?:i|he|she|we|they|(?:my|our) [a-z]+) (?:have |has |have got |has got |get |gets )?|(?:ive|hes|shes|weve|theyve) got )?(?:none|zero|not one|not a single one|neither) of (?:these|those|them|the above|that|this|it|that list|the list)${DENIAL_TAIL}` +
    `|^${DENIAL_LEAD}(?:i|he|she|we|they|(?:my|our) [a-z]+) (?:dont|doesnt|didnt|havent|hasnt) (?:have|get|got|experience|have got|has) (?:any of (?:these|those|them|that|this|it|the above)|(?:any )?(?:that|those|these|them) (?:at all|either))${DENIAL_TAIL}`,
);
const MAX_LISTED_CLAUSES = 12;

function namesNoOneNow(clause: ClauseInfo): boolean {
  return clause.refs.length === 0 && !saysNow(clause);
}

/** "he doesn't have any of that": the denial speaks of someone else, not the writer. */
const DENIED_BY_SOMEONE_ELSE = new RegExp(`^${DENIAL_LEAD}(?:he|she|they|hes|shes|theyve|(?:my|our) [a-z]+)\\b`);

/** The message's clauses in order, listed once per message (deniedByALaterLine runs per mention). */
const clauseLists = new WeakMap<MessageAnalysis, readonly ClauseInfo[]>();
function allClauses(analysis: MessageAnalysis): readonly ClauseInfo[] {
  let clauses = clauseLists.get(analysis);
  if (!clauses) clauseLists.set(analysis, (clauses = analysis.sentences.flatMap((sentence) => sentence.clauses)));
  return clauses;
}

function deniedByALaterLine(analysis: MessageAnalysis, place: MentionPlace): boolean {
  const own = analysis.sentences[place.sentence]?.clauses[place.clause];
  if (!own || !namesNoOneNow(own)) return false;
  const clauses = allClauses(analysis);
  const at = clauses.indexOf(own);
  // "My mum texted: 'can't pee, numb down there'. I have none of those": her symptoms, not the writer's.
  const intro = clauses.slice(0, at).findLast((clause) => clause.refs.length > 0);
  const introNamesSomeoneElse = intro?.refs.some((ref) => ref.subject !== 'self') ?? false;
  for (const clause of clauses.slice(at + 1, at + 1 + MAX_LISTED_CLAUSES)) {
    if (DENIES_ALL_OF_IT.test(clause.text)) return !introNamesSomeoneElse || DENIED_BY_SOMEONE_ELSE.test(clause.text);
    if (!namesNoOneNow(clause)) return false;
  }
  return false;
}

/**
 * A worry, then the next sentence says in a word that it has not happened: "my husband keeps
 * asking what we'd do if his legs gave out. They haven't, not once", "Mum worries her legs will
 * give way like her brother's did. Hers never have" (probe 65). Only the bare denial: "They
 * haven't been this bad before" says something else.
 */
const ELLIPTICAL_DENIAL =
  /^(?:(?:and|but|so|well|thankfully|luckily|fortunately) )*(?:they|it|he|she|hers|his|mine|theirs|(?:my|his|her|their) (?:legs|leg|bladder|bowels))(?: (?:really|actually))? (?:havent|hasnt|have not|has not|never have|never has|never did|didnt|did not)(?: (?:ever|yet|once|at all))?(?: , (?:not (?:once|ever|yet)|never|thankfully|luckily|touch wood))?$/;

/**
 * A question about a sign, then a later sentence saying the person has none of it: "could sciatica
 * make him lose control of his bowels? I'm writing his care plan. He has no symptoms like that."
 */
const NONE_OF_THOSE =
  /^(?:(?:and|but|so|to be clear|for the record|just to say) )*(?:(?:he|she|i|they|mum|mom|dad) (?:has|have|had|is having|am having|shows?|showed) no (?:symptoms?|signs?|problems?|issues?)(?: (?:like (?:that|those|this|these)|of (?:that|those|this|these|it|them)))?|(?:he|she|i|they) (?:has|have|had) none of (?:that|those|these|them)|(?:it|its|this|thats) (?:is )?not happening)(?: (?:at all|thankfully|luckily|yet))?$/;

/** Whether a mention is negated. `ignore` holds spans whose words belong to another phrase of the same rule. */
export function isNegated(analysis: MessageAnalysis, place: MentionPlace, ignore: ReadonlyArray<readonly [number, number]>, history = false): boolean {
  const sentence = analysis.sentences[place.sentence];
  const clause = sentence?.clauses[place.clause];
  if (!sentence || !clause) return false;
  if (clause.negatedByList || NOT_LITERAL.test(sentence.text) || isRetracted(sentence, place.clause, history, analysis.sentences[place.sentence + 1])) return true;
  if (jokeTagFollows(analysis, place.sentence, place.clause) || IN_A_DREAM.test(clause.text)) return true;
  if (inFigureOfSpeech(sentence, clause.text, place)) return true;
  if (deniedByALaterLine(analysis, place)) return true;
  if (ELLIPTICAL_DENIAL.test(analysis.sentences[place.sentence + 1]?.clauses[0]?.text ?? '')) return true;
  if (sentence.questionLike && analysis.sentences.slice(place.sentence + 1, place.sentence + 3).some((later) => NONE_OF_THOSE.test(later.text))) return true;
  if (sentence.questionLike && CORRECTED_ANSWER.test(analysis.sentences[place.sentence + 1]?.text ?? '')) return true;
  // The last words before the mention (a cue further back cannot reach it); words inside another
  // part's phrase are replaced by a neutral word.
  const windowStart = Math.max(0, place.start - LOOK_BACK_CHARACTERS);
  const words: string[] = [];
  let offset = windowStart;
  for (const word of clause.text.slice(windowStart, place.start).split(' ')) {
    if (word !== '') words.push(ignore.some(([from, to]) => offset >= from && offset < to) ? '_' : word);
    offset += word.length + 1;
  }
  if (windowStart > 0) words.shift(); // the first word may be cut
  // "never had the numb-bottom thing before this week": new this week, not denied.
  if (NEVER_BEFORE_RECENTLY.test(clause.text) && words.includes('never')) return false;
  // "not even at rest": the mention's first word can make the cue before it no negation.
  if (negationReaches(words, MAX_NEGATION_REACH, clause.text.slice(place.start).split(' ')[0] ?? '')) return true;
  const after = clause.text.slice(place.end).trim();
  // "my bladder is fine" denies; "I can't pee normal" (said for "normally") still reports.
  // "is the numbness in my bum normal?" asks whether it is, it does not say so.
  const askedWhetherFine = sentence.questionLike && place.clause === 0 && asksWhetherItIs(sentence.text);
  if (FINE_AFTER.test(after) && !INABILITY.test(clause.text.slice(place.start, place.end)) && !askedWhetherFine) return true;
  // "I can feel everything down below": the feeling is there.
  if (FEELS_EVERYTHING_BEFORE.test(clause.text.slice(0, place.start)) && !sentence.questionLike) return true;
  if (BACK_MENTION.test(clause.text.slice(place.start, place.end)) && PAIN_DENIED_AFTER.test(after) && !askedWhetherFine) return true;
  // "Saddle numbness: no." / "Any numbness down there? No."
  const nextClause = sentence.clauses[place.clause + 1];
  if (nextClause && (nextClause.text === '' || NEGATIVE_ANSWER.test(nextClause.text)) && after === '') return true;
  // "Cancer history: none", "Weight loss: no": a form's short label, answered no (probe 35).
  if (nextClause?.joinedBy === ':' && NEGATIVE_ANSWER.test(nextClause.text) && clause.refs.length === 0 && clause.text.split(' ').length <= FORM_LABEL_WORDS) return true;
  const nextSentence = analysis.sentences[place.sentence + 1];
  // "Q: saddle numbness? A: none": a form's answer label (a clause of its own) is not the answer.
  const answerClauses = nextSentence?.clauses ?? [];
  const answer = answerClauses[ANSWER_LABEL.test(answerClauses[0]?.text ?? '') ? 1 : 0]?.text;
  if (!nextClause && after === '' && sentence.questionLike && answer !== undefined && NEGATIVE_ANSWER.test(answer)) return true;
  return false;
}

/** Whether a negation cue among `words` reaches their end (the mention that follows them). */
function negationReaches(words: readonly string[], maxReach: number, following = ''): boolean {
  for (let index = words.length - 1; index >= 0; index -= 1) {
    const word = words[index] ?? '';
    const distance = words.length - 1 - index;
    if (isNegationCue(words, index, following)) return distance <= maxReach;
    // "I can't feel any numbness in my groin": there is none to feel ("can't feel any of my toes" still reports).
    if (word === 'any' && distance <= 2 && CANT_NOTICE.has(words[index - 1] ?? '') && (words[index - 2] === 'cant' || words[index - 2] === 'couldnt')) return true;
    if (SCOPE_BREAKERS.has(word)) return false;
    const previous = words[index - 1] ?? '';
    if (SUBJECT_PRONOUNS.has(word) && !REPORTING_VERBS.has(previous) && !NEGATION_CUES.has(previous)) return false;
    if (POSSESSIVES.has(word) && !PREPOSITIONS.has(previous) && !NEGATION_CUES.has(previous) && !REPORTING_VERBS.has(previous)) return false;
    // "haven't had a drink in 3 days and both legs are giving way": "and both…" opens a new subject, as "and my…" does.
    if (word === 'and' && (words[index + 1] ?? following) === 'both') return false;
  }
  return false;
}

function isNegationCue(words: readonly string[], index: number, following = ''): boolean {
  const word = words[index] ?? '';
  if (!NEGATION_CUES.has(word)) return false;
  const next = words[index + 1] ?? following;
  if (PSEUDO_NEGATION_NEXT[word]?.has(next)) return false;
  const needed = CUE_NEEDS_NEXT[word];
  if (needed !== undefined && next !== needed) return false;
  // "came out of nowhere", "out of nothing": when it started, not a denial.
  if ((word === 'nowhere' || word === 'nothing') && words[index - 1] === 'of' && words[index - 2] === 'out') return false;
  // "can't walk without falling" says the opposite of "without".
  if (word === 'without' && words.slice(Math.max(0, index - 3), index).some((w) => w === 'cant' || w === 'couldnt')) return false;
  // "whether or not", "if not"
  if (word === 'not' && (words[index - 1] === 'or' || words[index - 1] === 'if')) return false;
  if (word === 'not' && correctsWhichSide(words, index)) return false;
  // "lost weight without trying and pain at night": "without" + a verb in -ing negates only that verb.
  if (word === 'without' && /ing$/.test(next) && index + 2 < words.length) return false;
  return true;
}

/** A correction of which limb or side, not a denial: "I meant both legs not one, the tingling goes down the left and the right". */
function correctsWhichSide(words: readonly string[], index: number): boolean {
  const before = words[index - 1] ?? '';
  const after = words.slice(index + 1, index + 4).join(' ').split(' , ')[0] ?? '';
  return /^(?:legs?|sides?|feet|foot|arms?|hands?|both|ones?)$/.test(before) && /^(?:one|1|the (?:left|right|other)(?: (?:one|leg|side))?)$/.test(after);
}

/** A cue whose reach is not broken before the clause ends ("no numbness, tingling or weakness"). */
export function negatesToEnd(text: string): boolean {
  const words = text.split(' ');
  return negationReaches(words, Number.POSITIVE_INFINITY) && !lastCueInComparison(words);
}

/**
 * "sitting feels weird, like I'm not sitting on anything, numb bum and inner thighs": a cue inside
 * a comparison ("like…", "as if…", "as though…") describes a feeling; it denies nothing that the
 * list after it names.
 */
function lastCueInComparison(words: readonly string[]): boolean {
  const cue = words.findLastIndex((_word, index) => isNegationCue(words, index));
  if (cue < 0) return false;
  const before = words.slice(Math.max(0, cue - 4), cue);
  return before.includes('like') || (before.includes('as') && (before.includes('if') || before.includes('though')));
}

