import type { MentionPlace, MessageAnalysis } from './analysis.js';

/**
 * Whose symptom it is: the visitor ("I", "my"), someone else ("my dad", "his legs"), an animal
 * ("my dog can't pee" is not for this bot) or someone in a story on a screen or a page ("a TV
 * character couldn't feel the toilet paper"). Both people count for symptoms; for a history
 * (cancer) it matters whether it is the person with the back pain.
 */

export type Subject = 'self' | 'other' | 'animal' | 'fictional' | 'unknown';

/** Nobody this bot can help: an animal, a character in a show. */
export function isNoPatient(subject: Subject): boolean {
  return subject === 'animal' || subject === 'fictional';
}

export interface PersonRef {
  readonly at: number;
  readonly end: number;
  subject: Exclude<Subject, 'unknown'>;
  /** he, his, she, they…: whoever was named last (see resolvePronouns). */
  readonly pronoun: boolean;
  /** "they" or "they're" (see resolvePronouns). */
  readonly they?: boolean;
}

const ANIMAL_REF =
  /(?<!\b(?:over|walk|walks|walked|walking|feed|feeds|fed|feeding|chase|chased|chasing|after|with|avoid|avoiding|avoided|dodge|dodged|dodging|lift|lifted|lifting|carry|carried|carrying|bath|bathing|bathed|(?:pick|picks|picked|picking|lift|lifted|lifting|scoop|scooped|scooping) up) )\b(?:my|our|the|his|her) (?:[a-z]+ )?(?:dog|dogs|doggy|doggo|pup|pups|puppy|puppies|cat|cats|kitty|kitten|kittens|moggy|pet|pets|rabbit|rabbits|bunny|hamster|guinea pig|gerbil|ferret|parrot|budgie|bird|birds|goat|goats|sheep|cow|cows|pig|pigs|chicken|chickens|hen|hens|tortoise|turtle|lizard|snake|lab|labrador|retriever|spaniel|terrier|poodle|beagle|collie|dachshund|greyhound|shepherd)s?\b/g;
/** 2026-12-07 (tenth) probe 65: "in the show I'm bingeing a character can't feel her legs", "a medical drama where a man gets a pulsing lump". */
const FICTIONAL_REF =
  /\b(?:(?:a|an|the|one|this|that|some) (?:(?:tv|telly|film|movie|show|book|soap|game|cartoon|main|fictional|video game) )?(?:character|protagonist)s?(?: (?:in|on|from) (?:my|the|a|this|that|our) (?:book|show|novel|film|movie|game|story|series|soap|drama))?|(?:a|an|the|one) (?:man|woman|guy|girl|lady|bloke|patient|kid|boy|dad|mum|mom|doctor|nurse) (?:on|in) (?:the |a |this |that )?(?:show|tv|telly|film|movie|drama|series|soap|episode|book|novel|documentary)|(?:show|drama|film|movie|series|episode|documentary|soap|book|novel|video|game) (?:where|in which|about|with) (?:a|an|the|some|this) (?:\w+ )?(?:man|woman|guy|girl|lady|bloke|patient|character|kid|boy|dad|mum|mom|doctor|nurse|footballer|player))\b/g;
/** He, she, they: whoever was named last ("my dog has a fever and his back legs are weak" is the dog). */
const PRONOUN_REF = /\b(?:he|hes|him|his|she|shes|her|hers|they|theyre|them|their)\b/g;
// A relative's possessive has lost its apostrophe in normalizing ("my wife's" → "my wifes", "mum's" → "moms").
const OTHER_REF =
  /\b(?:(?:my|our|his|her) (?:(?:\d+ year old|\d+|little|old|elderly|older|younger|big|baby|poor|dear|sweet|own) )*(?:mom|mother|dad|father|husband|wife|son|daughter|partner|boyfriend|girlfriend|fiance|fiancee|brother|sister|grandma|grandmother|grandpa|grandfather|granny|nana|grandad|granddad|aunt|uncle|cousin|friend|neighbor|neighbour|coworker|colleague|boss|patient|client|kid|kids|child|baby|parent|parents|spouse|hubby|wifey|mother in law|father in law|stepdad|stepmom|stepfather|stepmother|niece|nephew|roommate|flatmate|housemate|bf|gf|grandson|granddaughter|teen|teenager|elderly \w+|other half|oh|old man|old lady|missus|missis|fella|lad|mam|mum|mummy|nan|gran|ma|pa|papa|mama|daddy|hubs|lola|lolo|tita|tito|nanay|tatay|inay|itay|kuya|abuela|abuelo|abuelita|abuelito|tia|tio|manman|grann|nani|dadi|resident|service user)s?|(?:my|our|his|her) (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) ?(?:year|yr) olds?(?! (?:back|spine|body|knees?|joints?|legs?|hips?|self|bones?|discs?|car|house)\b)|the (?:wife|husband|missus|missis|old man|old lady|other half)s?|(?:(?:my|our|the|a) )?(?:clients?|patients?|residents?|customers?|students?|players?|members?)s? (?:mother|mum|mom|father|dad|husband|wife|partner|son|daughter|brother|sister|grandmother|grandfather|grandma|grandad|aunt|uncle)s?|the (?:kids|children|twins|toddlers?|babies|grandkids|grandchildren|little ones)(?= (?:have|has|had|are|were|both|all|keep|got|caught)\b)|(?:mom|dad|grandad|granddad|grandpa|grandma|granny|nan|nana|hubby)s?)\b/g;
const SELF_REF = /\b(?:i|im|ive|id|me|my|myself|mine)\b/g;


export function personRefs(text: string): PersonRef[] {
  const refs: PersonRef[] = [];
  const taken: Array<[number, number]> = [];
  const add = (pattern: RegExp, subject: PersonRef['subject'], pronoun = false): void => {
    for (const match of text.matchAll(pattern)) {
      const at = match.index;
      const end = at + match[0].length;
      if (taken.some(([from, to]) => at < to && end > from)) continue;
      taken.push([at, end]);
      refs.push({ at, end, subject, pronoun, ...(pronoun && /^(?:they|theyre)$/.test(match[0]) ? { they: true } : {}) });
    }
  };
  add(ANIMAL_REF, 'animal');
  add(FICTIONAL_REF, 'fictional');
  add(OTHER_REF, 'other');
  add(PRONOUN_REF, 'other', true);
  add(SELF_REF, 'self');
  return refs.sort((a, b) => a.at - b.at);
}

/**
 * A pronoun after an animal, with no other person named in between, is the animal ("my dog has a
 * fever and his back legs are weak"); so for a character in a show. `refsInOrder`: each clause's refs, clauses in message order.
 */
export function resolvePronouns(refsInOrder: ReadonlyArray<readonly PersonRef[]>): void {
  let lastNamed: PersonRef['subject'] | undefined;
  let selfNamed = false;
  for (const refs of refsInOrder) {
    for (const ref of refs) {
      if (!ref.pronoun) {
        if (ref.subject !== 'self') lastNamed = ref.subject;
        else selfNamed = true;
      } else if (lastNamed !== undefined && isNoPatient(lastNamed)) ref.subject = lastNamed;
      // "I'm having trouble lifting both feet, like they're heavy and weak": with only the visitor
      // named so far, "they" is the visitor's own legs or feet, not another person.
      else if (lastNamed === undefined && selfNamed && ref.they) ref.subject = 'self';
    }
  }
}

/** The person a mention is about: the nearest person named before it, else after it, else earlier on. */
export function subjectAt(analysis: MessageAnalysis, place: MentionPlace): Subject {
  const sentence = analysis.sentences[place.sentence];
  const clause = sentence?.clauses[place.clause];
  if (!clause) return 'unknown';
  const before = clause.refs.filter((ref) => ref.at <= place.start).at(-1);
  if (before) return before.subject;
  const after = clause.refs.find((ref) => ref.at > place.start);
  if (after) return after.subject;
  for (let s = place.sentence; s >= 0; s -= 1) {
    const clauses = analysis.sentences[s]?.clauses ?? [];
    const from = s === place.sentence ? place.clause - 1 : clauses.length - 1;
    for (let c = from; c >= 0; c -= 1) {
      const last = clauses[c]?.refs.at(-1);
      if (last) return last.subject;
    }
  }
  return 'unknown';
}
