import type { ClauseInfo, SentenceInfo } from './analysis.js';

/**
 * Time: past and resolved ("I had a car accident years ago, healed fine") no longer counts;
 * long-standing and unchanged ("numbness in my groin for years, nothing new") is asked about
 * ("Is this new, or different from usual?"); "since yesterday" is current.
 */

const RESOLVED =
  /\b(?:healed|recovered|resolved|went away|gone away|(?<!\bor )(?:but )?not (?:any ?more|now|these days|nowadays)|no longer (?:there|now|the case)|cleared up|all better|(?:fine|better|ok|okay|good|normal) now|got better|no (?:problems|issues|trouble) since|long gone|(?:it|its|that|thats|which|they|theyre|fever|chills|numbness)(?: s| is| has| have| was| are)? (?:all )?gone(?! numb| dead| weak)|sorted(?: out)?|fully recovered|back to normal|never came back|hasnt come back|went back to normal|passed(?! out| away| (?:wind|gas|urine|water|stools?|a stool|motions?|blood|a stone|stones|clots?|a kidney stone|(?:a |only a )?(?:tiny |small |little |wee )?(?:amount|bit|drops?|trickle|dribble)|any|anything|nothing|very little|\d+ ml))|no longer (?:a problem|an issue|there)|in the past|fever (?:broke|has broken|went down|came down|is gone|has gone)|(?:feeling|sensation) (?:came|has come|comes) back|(?:but|then|and) (?:it |they |the feeling )?(?:came|come) back)\b/;
/** "it used to ache and now I can't feel it": a change told against the past, not the past. */
const USED_TO_AND_NOW = /\bused to\b.*\b(?:and|but|whereas) now\b/;

/** The past read in a clause, leaving out "used to" when the sentence sets it against now. */
function soundsDistantPast(sentence: SentenceInfo, text: string): boolean {
  const contrast = USED_TO_AND_NOW.test(sentence.text);
  return DISTANT_PAST.test(contrast ? text.replace(/\bused to\b/g, '') : text);
}

const DISTANT_PAST =
  /\b(?:(?:\d+|a few|few|several|many|couple(?: of)?|a couple of|two|three|ten|some) (?:years?|decades?) (?:ago|back)|years ago|decades ago|a year ago|long (?:time )?ago|ages ago|as a (?:kid|child|teen|teenager|baby)|when i was (?:a kid|young|younger|little|a teen|a teenager|in (?:school|college|high school)|\d+|pregnant)|in (?:high school|college|my (?:20s|30s|teens|twenties|thirties))|back in (?:the day|\d{4}|high school|college)|in (?:19|20)\d\d|last year|last (?:winter|summer|spring|autumn|christmas)|(?:\d+|a few|several|couple of|many) months ago|before (?:my|i had) (?:kids|children)|(?<!(?:as|like|than|how|the way) (?:i|he|she|they|we|it) )used to(?! (?:only|just) )|before (?:he|she|they) (?:died|passed))\b/;
const ONGOING =
  /\b(?:now|currently|still|again|since|today|tonight|this (?:morning|week|evening|afternoon|month)|last night|yesterday|right now|at the moment|lately|recently|new|newly|started|starting|keeps?|(?<!not )anymore|(?<!not )any more|came back|come back|is back|returned|for the (?:past|last)|has been|have been|ive been|hes been|shes been|ever since|continues?|continued|ongoing|getting|(?:ive|hes|shes|weve|theyve|(?:i|we|they) have|(?:he|she) has) got|(?:on|taking|takes) (?:[a-z]+ ){0,2}(?:meds|medications?|medicines?|tablets|pills|drugs|immunosuppressants?))\b/;

const LONG_STANDING =
  /\b(?:for (?:many |several |a few |some |\d+ |two |three |four |five |ten )?(?:years|yrs|decades)|(?<!(?:sitting|sat|trying|waiting|standing|toilet|there|bathroom|loo) )(?<!\b(?:stood|stand|stands|standing|sat|sit|sits|sitting|tried|trying|waited|waiting|strained|straining|pushed|pushing) (?:[a-z]+ ){1,8})for ages|for (?:a )?(?:long time|very long time|while now)|for the (?:last|past) (?:\d+|few|several|many) years|since (?:i was|childhood|birth|forever|(?:my|the) (?:twenties|20s|teens|kids were born|pregnancy|last pregnancy|childbirth|delivery)|\d{4}|having (?:my|the|a) (?:kids|children|baby|babies|son|daughter|twins)|i had (?:my|the) (?:kids|children|baby)|giving birth|childbirth)|(?:all|most of) (?:my|his|her) life|(?:always|ever since) (?:had|been|have|has)|ive always|(?:hes|shes) always|i always|nothing new|not new|same as (?:always|usual|ever|before)|as usual|(?<!(?:not|isnt|never|hardly|far from) )(?:normal|usual) for (?:me|him|her)|chronic|long ?standing|years now|on and off for (?:years|ages)|(?:hasnt|has not|havent|have not) changed|nothing(?: has| s|s)? (?:really )?changed|no change|unchanged|(?:old|existing|known) (?:injury|problem|issue|thing|damage)|had it since|since (?:[a-z]+ ){1,3}(?:\d+ |many |several |a few |two |three |four |five |ten )?(?:years|decades) ago)\b/;
const CHANGED =
  /\b(?:(?<!nothing )(?<!not )(?<!nothing really )new|newly|worse|worsening|suddenly|sudden|different|(?<!hasnt )(?<!has not )(?<!havent )(?<!have not )(?<!not )(?<!nothing (?:has |s |really |has really )?)(?<!nothings (?:really )?)changed|change in|recently|lately|this (?:week|morning|month)|today|yesterday|last night|now|started|starting|spreading|more than usual|than before|anymore|any more|for the first time|out of nowhere|but since|since (?:the |last |this )?(?:weekend|week|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|since (?!having\b)[a-z]+ing|(?:as|like|than|the way) (?:i|he|she|they|we|it) used to)\b/;


interface TimeReading {
  readonly past: boolean;
  readonly longStanding: boolean;
}

/** One reading per clause, however many mentions it holds. */
const readings = new WeakMap<ClauseInfo, TimeReading>();

function readTime(sentence: SentenceInfo, clause: ClauseInfo): TimeReading {
  const cached = readings.get(clause);
  if (cached) return cached;
  const texts = relatedClauses(sentence, clause);
  const longStanding = texts.some((text) => LONG_STANDING.test(text));
  const resolved = texts.some((text) => RESOLVED.test(text));
  const reading = {
    // "weak since my stroke 5 years ago, hasn't changed" is long-standing, not over.
    past: !ONGOING.test(clause.text) && (resolved || (!longStanding && texts.some((text) => soundsDistantPast(sentence, text)))),
    longStanding: longStanding && !texts.some((text) => CHANGED.test(text)),
  };
  readings.set(clause, reading);
  return reading;
}

export function isPast(sentence: SentenceInfo, clause: ClauseInfo): boolean {
  return readTime(sentence, clause).past;
}

export function isLongStanding(sentence: SentenceInfo, clause: ClauseInfo): boolean {
  return readTime(sentence, clause).longStanding;
}

/**
 * The clause itself and the clauses of its sentence that have no subject of their own, so they
 * say more about the same thing: "I had a car accident years ago, healed fine", "…, nothing new".
 * "my legs are weak but my back pain went away" keeps the two apart.
 */
function relatedClauses(sentence: SentenceInfo, clause: ClauseInfo): string[] {
  // A clause with no subject of its own goes on about the last clause that named one: "I've been
  // incontinent since my prostate surgery 5 years ago, wear pads".
  const owner = namesItsOwnSubject(clause.text)
    ? undefined
    : sentence.clauses.filter((other) => other.index < clause.index && namesItsOwnSubject(other.text)).at(-1)?.index;
  return sentence.clauses
    .filter((other) => other.index === clause.index || other.index === owner || !namesItsOwnSubject(other.text))
    .map((other) => other.text);
}

const LEADING_JOINERS = new Set(['but', 'and', 'or', 'so', 'then', 'although', 'though', 'however', 'plus', 'also']);
const OWN_SUBJECTS = new Set(['i', 'im', 'ive', 'id', 'my', 'he', 'hes', 'she', 'shes', 'his', 'her', 'their', 'we', 'now', 'the', 'both', 'there', 'theres']);

function namesItsOwnSubject(text: string): boolean {
  const words = text.split(' ');
  let index = 0;
  while (LEADING_JOINERS.has(words[index] ?? '')) index += 1;
  return OWN_SUBJECTS.has(words[index] ?? '');
}
