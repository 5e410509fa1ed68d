import type { ClauseInfo, MentionPlace, SentenceInfo } from './analysis.js';
import type { Subject } from './people.js';

/**
 * Time: past and resolved ("I had a car accident years ago, healed fine") no longer counts;
 * long-standing and unchanged ("numbness in my groin for years, nothing new") is asked about
 * ("Is this new, or different from usual?"); "since yesterday" is current.
 */

const RESOLVED =
  /\b(?:healed|recovered|resolved|went away|gone away|(?<!\bor )(?:but )?not (?:any ?more|now|these days|nowadays)|no longer (?:there|now|the case)|cleared up|(?:antibiotics|the antibiotics|meds|the meds|medication|the medication|treatment|the treatment|tablets|the tablets|a course of \w+|the course) (?:cleared|fixed|sorted|knocked|got rid of) (?:it|that|them|the infection)(?: up| out)?(?! (?:last time|the last time|before|previously|the first time|back then|that time|but|until))|all better|(?:totally|completely|fully|100 ?%) better|(?:fine|better|ok|okay|good|normal) now|got better|no (?:problems|issues|trouble) since|long gone|(?:its|it s|it is|its been|thats|that s|that is|all) long over|(?:it|its|that|thats|which|they|theyre|fever|chills|numbness)(?: s| is| has| have| was| are| has been| have been| s been| had been)? (?:all )?gone(?! numb| dead| weak| from| to| into| through| down| up| round| around| (?:right |completely |totally )?(?:down ?hill|floppy|dead|numb|weak|worse))(?: since (?:yesterday|last \w+|(?:mon|tues|wednes|thurs|fri|satur|sun)day|the weekend))?|sorted(?: out)?|fully recovered|back to normal|went back to normal|passed(?! out| away| (?:wind|gas|urine|water|stools?|a stool|motions?|blood|a stone|stones|clots?|a kidney stone|(?:a |only a )?(?:tiny |small |little |wee )?(?:amount|bit|drops?|trickle|dribble)|any|anything|nothing|very little|\d+ ml))|no longer (?:a problem|an issue|there)|in the past(?! (?:(?:\d+|few|couple of|several|two|three|four|five|six|seven) )?(?:hours?|days?|weeks?|fortnight)\b)|fever (?:broke|has broken|went down|came down|is gone|has gone)|(?:feeling|sensation) (?:came|has come|comes) back|(?:but|then|and) (?:it |they |the feeling )?(?:came|come) back|(?<!\b(?:feeling|sensation|sensations|strength|power|control|grip|sense|use)\b.*)all gone(?! numb| dead| weak)|(?<!\b(?:cant|cannot|can not|couldnt|not|never) )(?:can|could) (?:now )?feel (?:my|his|her|the) (?:[a-z]+ ){1,2}(?:properly |normally |fine |ok |okay )?again|(?:numbness|tingling|tingles|pins and needles|weakness|fever|temperature|symptoms)(?: [a-z]+){0,4} (?:has|have|had|is|s|are) (?:all |now |completely )?(?:gone|passed|cleared|settled|disappeared|worn off)(?=$| now\b| away\b| completely\b| for good\b| since\b| totally\b)|(?:all|been|everything|everythings|ive been|its been) (?:fine|good|ok|okay|normal|well) (?:ever )?since|(?:only|just) (?:ever )?happened (?:the )?(?:once|one time)|(?:hasnt|has not|havent|have not|never) (?:happened|done (?:it|that)|recurred|been back) (?:again|since)|happened (?:just |only )?(?:the )?(?:once|one time)(?! (?:a|every|per|each) )|(?:gained|put|got) (?:it|them|that|the weight|it all|all of it|most of it|the \d+ (?:lbs|pounds|kg|kilos|kgs)) (?:all )?back(?: on)?|(?:its|it s|it is|its been|strength is|strengths|power is|(?:my|his|her) (?:strength|power|leg|foot) is) (?:now )?(?:fully|completely|totally|100 ?%|all the way) back(?: to (?:normal|full strength))?(?: now)?$|(?:its|it s|it has|it is|its been|(?:my|his|her) (?:leg|foot|ankle|strength)(?: has| is| s)?) (?:been )?(?:getting|got|gotten|grown|growing) (?:a (?:bit|little|lot) )?stronger (?:(?:and stronger )?(?:every|each) (?:week|day)|ever since|since|steadily|week by week|day by day)\b)\b/;
/**
 * "hasn't come back" ends a pain but not a lost feeling: "the feeling in my bum hasn't come back"
 * is numbness going on. And "it still hasn't cleared", "not gone yet" resolve nothing.
 */
const NOT_RETURNED = /\b(?:hasnt|has not|havent|have not|never) (?:\w+ )?(?:come|came) back\b/;
const LOST_FEELING = /\b(?:numb\w*|dead|feeling|sensation|tingl\w*|pins and needles)\b/;
const NOT_YET = /\b(?:still|yet)\b/;

/** A clause with its resolving words taken out: the "now" of "all gone now" says nothing goes on. */
const RESOLVED_WITH_NOW = new RegExp(`(?:${RESOLVED.source})(?: now)?`, 'g');

function withoutResolvedWords(text: string): string {
  if (NOT_YET.test(text)) return text;
  const without = text.replace(RESOLVED_WITH_NOW, ' ');
  return without === text ? text : without.replace(SINCE_LAST_VISIT, ' ');
}

/**
 * A clause that is only "gone now" ("fever last week, gone now, back still sore"): the trouble it
 * follows is over. Not when the sentence speaks of a feeling or strength, where "gone" is the loss
 * itself ("the feeling in my groin, gone now").
 */
const BARE_GONE = /^(?:(?:and|but|its|it s|thats|all|now|completely|totally|since) )*gone(?: (?:now|completely|since|away|for good|again))*$/;
/** …unless the sentence says it came back or goes on: "gone now, but it came back today". */
const BACK_SINCE = /\b(?:came back|come back|comes back|coming back|returned|is back|are back|again|today|tonight|this (?:morning|afternoon|evening)|still (?:have|has|got|feverish|hot|shivery)|(?:but|and) now|now (?:i|im|ive|its|it s|he|she|hes|shes))\b/;
/** What has gone may be the feeling or strength itself: then "gone" is the loss, not its end. */
const LOST_FEELING_OR_POWER = /\b(?:feel|feeling|sensations?|sense|strength|power|control|grip|use|weak\w*|numb\w*|dead|tingl\w*|pins and needles)\b/;

/** "since my last session the weakness has gone completely": the visit dates the ending, not an onset. */
const SINCE_LAST_VISIT = /\bsince (?:my|our|the|your) (?:last|previous) (?:session|visit|appointment|appt|treatment|class)\b/g;

function saysResolved(sentence: SentenceInfo, text: string): boolean {
  if (NOT_YET.test(text)) return false;
  if (BARE_GONE.test(text) && !LOST_FEELING_OR_POWER.test(sentence.text) && !BACK_SINCE.test(sentence.text)) return true;
  return (
    RESOLVED.test(text) ||
    (NOT_RETURNED.test(text) && !LOST_FEELING.test(sentence.text)) ||
    (COMPLETELY_GONE.test(text) && !LOST_FEELING_OR_POWER.test(sentence.text))
  );
}

/**
 * "had a temperature last week with a cold, it's completely gone now": over, unless what has gone
 * is a feeling or strength ("no feeling down there, it's completely gone" is numbness going on).
 */
const COMPLETELY_GONE = /\b(?:it|its|that|thats|they|theyre|fever|temperature|temp)(?: s| is| has| have| was| are)? (?:completely|totally|fully) gone\b(?! numb| dead| weak)/;

/** "it used to ache and now I can't feel it": a change told against the past, not the past. */
const USED_TO_AND_NOW = /\bused to\b.*\b(?:and|but|whereas) now\b/;

/** The past read in a clause, leaving out "used to" when the sentence sets it against now. */
function soundsDistantPast(sentence: SentenceInfo, text: string): boolean {
  const contrast = USED_TO_AND_NOW.test(sentence.text);
  const withoutOnset = text.replace(RECENT_ONSET, '');
  return DISTANT_PAST.test(contrast ? withoutOnset.replace(/\bused to\b/g, '') : withoutOnset);
}

/**
 * "it started 2 months ago, keeps me up all night": when something began a few months ago, that
 * dates a trouble going on, not one that is over (years ago still reads as the past).
 */
const RECENT_ONSET =
  /\b(?:started|began|begun|came on|come on|appeared|kicked in|kicked off|set in|showed up|developed) (?:about |around |roughly |some |like |nearly |almost )?(?:\d+|a few|few|several|couple of|a couple of|two|three|four|five|six) months ago\b/g;

const DISTANT_PAST =
  /\b(?:(?:\d+|a few|few|several|many|couple(?: of)?|a couple of|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|some) (?:years?|decades?) (?:ago|back)|years ago|decades ago|a year ago|long (?:time )?ago|ages ago|as a (?:kid|child|teen|teenager|baby)|when (?:i|he|she|we|they) (?:was|were) (?:a kid|kids|young|younger|little|a teen|a teenager|teens|teenagers|in (?:school|college|high school)|(?:about |around |only |just |maybe )?(?:\d+|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?: (?:one|two|three|four|five|six|seven|eight|nine))?)(?! (?:steps?|feet|foot|metres?|meters?|yards?|miles?|minutes?|mins?|hours?|days?|weeks?|months?|blocks?|km|stairs|rungs|floors)\b)|pregnant)|during (?:my|her) (?:first |second |third |last |previous |earlier |other )?pregnanc(?:y|ies)|in (?:high school|college|my (?:[1-6]0 ?s|teens|twenties|thirties|forties|fifties))|back in (?:the day|\d{4}|high school|college|january|february|march|april|may|june|july|august|september|october|november|december)|in (?:19|20)\d\d|last year|last (?:winter|summer|spring|autumn|christmas|january|february|march|april|may|june|july|august|september|october|november|december)|(?:\d+|a few|several|couple of|many) months ago|before (?:my|i had) (?:kids|children)|(?<!(?:as|like|than|how|the way) (?:i|he|she|they|we|it) )(?<!\b(?:never|didnt|did not) )(?<!\b(?:im|am|is|are|was|were|be|been|get|gets|getting|got|hes|shes|theyre|youre) )used to(?! (?:only|just) )|before (?:he|she|they) (?:died|passed))\b/;
const ONGOING =
  /\b(?:now|currently|still|again|since|today|tonight|this (?:morning|week|evening|afternoon|month)|last night|yesterday|right now|at the moment|lately|recently|new|newly|started|starting|keeps?|(?<!not )anymore|(?<!not )any more|came back|come back|is back|returned|(?:in|over|within) the (?:past|last)(?= (?:(?:\d+|few|couple of|several|two|three|four|five|six|seven) )?(?:hours?|days?|weeks?|fortnight)\b)|for the (?:past|last)|has been|have been|ive been|hes been|shes been|ever since|continues?|continued|ongoing|getting|(?:ive|hes|shes|weve|theyve|(?:i|we|they) have|(?:he|she) has) got|(?:on|taking|takes) (?:[a-z]+ ){0,2}(?:meds|medications?|medicines?|tablets|pills|drugs|immunosuppressants?))\b/;

// "hasn't changed in a week" is steady, not long-standing: only days or weeks. "for about 10 years"
// is as long-standing as "for 10 years".
// "Got up to pee like I always do" is a habit told, not a symptom that was always there.
const LONG_STANDING =
  /\b(?:for (?:(?:about|around|roughly|nearly|almost|over|more than|well over|at least|like|the best part of|a good) )?(?:many |several |a few |some |a couple of |couple of |\d+ |two |three |four |five |six |seven |eight |nine |ten |twelve |fifteen |twenty )?(?:years|yrs|decades)|(?<!(?:sitting|sat|trying|waiting|standing|toilet|there|bathroom|loo) )(?<!\b(?:stood|stand|stands|standing|sat|sit|sits|sitting|tried|trying|waited|waiting|strained|straining|pushed|pushing) (?:[a-z]+ ){1,8})for ages|for (?:a )?(?:long time|very long time|while now)|for (?:(?:about|around|nearly|almost|over|more than|well over|at least) )?(?:a|one|two) decades?|(?:been|is|s|was) (?:(?:exactly|just|pretty much) )?(?:like (?:that|this)|the same|that way|this way) (?:\d+|a few|several|many|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty) (?:years|yrs)|for the (?:last|past) (?:(?:about|around|roughly|nearly|almost|over|more than|well over|at least|like) )?(?:\d+|few|several|many|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty) years|for (?:some|quite some|quite a long|a good long) time|(?:came on|come on|developed|built up|crept up|creeping up) (?:slowly |gradually )?over (?:the (?:last|past) )?(?:\d+|a few|several|many|some|two|three|four|five|ten) (?:years|decades)|since (?:(?:my|his|her|their) (?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|[2-8]0 ?s)\b|i was (?:a (?:kid|child|baby|boy|girl|teen|teenager)|little|young|younger|small|born|\d+|in (?:school|college|high school|my (?:teens|twenties|20s)))|childhood|birth|forever|(?:my|the) (?:twenties|20s|teens|kids were born|pregnancy|last pregnancy|childbirth|delivery)|(?:19|20)\d{2}|having (?:my|the|a) (?:kids|children|baby|babies|son|daughter|twins)|i had (?:my|the) (?:kids|children|baby)|giving birth|childbirth|(?:my|the) (?:kids|children|babies|pregnancies|twins))|(?:all|most of) (?:my|his|her) life|(?:always|ever since) (?:had|been|have|has)|ive always|(?:hes|shes) always|(?<!\b(?:like|as) )i always(?! do\b)|(?:is|are|am|feel|feels) always(?! (?:getting|going|giving|worse|new))|nothing new|not new|same as (?:always|usual|ever|before)|as usual|(?<!(?:not|isnt|never|hardly|far from) )(?:normal|usual) for (?:me|him|her)|(?:is|are|s|been|feels?) (?:just |basically |pretty much |kind of )?(?:my|his|her|their) (?:normal|baseline|usual)(?! (?:[a-z]+ing|routine|self|selves|dose|job|day|days|activities|life|walk|pace|way)\b)|chronic|long ?standing|years now|(?<!\b(?:for|in|first time in|after) )(?:many|so many|several) (?:years|yrs)(?! (?:ago|back|before|later|after|old))|(?:been|had (?:it|them|this|that)) (?:(?:numb|weak|tingly|sore|stiff|achy|bad|dodgy|like (?:this|that)|this way|that way|the same|there|around|an issue|a problem) )?forever|on and off for (?:years|ages)|(?:hasnt|has not|havent|have not|(?:its|it has|it s|has|have|they have|theyve) never) changed(?! (?:in|for|over|since) (?:the )?(?:(?:last|past|this|a|an|one|two|three|four|five|six|\d+|a few|a couple of|several) )?(?:days?|weeks?|fortnight|night|morning|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)|nothing(?: has| s|s)? (?:really )?changed(?! (?:in|for|over|since) (?:the )?(?:(?:last|past|this|a|an|one|two|three|four|five|six|\d+|a few|a couple of|several) )?(?:days?|weeks?|fortnight|night|morning|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)|no change|unchanged|(?:old|existing|known) (?:injury|problem|issue|thing|damage|arthritis)|^(?:(?:and|but|so|which) )?(?:its|it s|it is|its been|it has been|theyre|they are|theyve been|they have been|both are|all) (?:(?:been|stayed|remained|pretty|very|completely|totally|quite|fairly|perfectly|rock) )*(?:stable|steady)(?: (?:ever )?since(?: then)?)?$|had it since|since (?:[a-z]+ ){1,6}in (?:19\d{2}|20[01]\d)|since (?:[a-z]+ ){1,4}(?:\d+ |many |several |a few |two |three |four |five |ten )?(?:years|decades) ago|(?:the )?same as (?:its|it s|it has|theyve|they have) (?:always |ever )?been)\b/;
const CHANGED =
  /\b(?:(?<!nothing )(?<!not )(?<!nothing really )new|newly|worse|worsening|suddenly|sudden|different|(?<!hasnt )(?<!has not )(?<!havent )(?<!have not )(?<!not )(?<!never )(?<!nothing (?:has |s |really |has really )?)(?<!nothings (?:really )?)changed|change in|recently|lately|this (?:week|morning|month|afternoon|evening)|today|tonight|yesterday|last night|(?<!\b(?:\d+|years? old|yrs? old|aged?) )now(?! and (?:then|again))|(?<!\bsince (?:i|he|she|we|they) )started|starting|spreading|more than usual|than before|(?:isnt|is not|not) (?:my|his|her|their) (?:usual|normal)|in the (?:last|past) (?:few|couple of|\d+) (?:days|hours)|(?<!\b(?:same|unchanged|fine|normal|stable|ok|okay|steady) )(?:for|over) the (?:last|past) (?:few|couple of|\d+) (?:days|hours)|anymore|any more|for the first time|out of nowhere|but since|since (?:the |last |this )?(?:weekend|week|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|since (?!having\b)[a-z]+ing|(?:as|like|than|the way) (?:i|he|she|they|we|it) used to)\b/;


/**
 * "my daughter fainted at the blood drive yesterday, she's fine now", "I had a fever last month and
 * I'm fully better now": the next clause says the same person has recovered. Someone else's event
 * is over even when it was recent; the visitor's own only when nothing dates it as current.
 */
const RECOVERED =
  /^(?:(?:and|so|thankfully|luckily|but) )*(?:i|im|i am|he|hes|he is|she|shes|she is|they|theyre|they are)(?: (?:was|were|is|are|am|has been|have been|got|now|all|fully|completely|totally|perfectly|absolutely|feeling|back))* (?:fine|ok|okay|well|better|recovered|all good|all right|alright|back to normal|right as rain)(?: (?:now|again|since))?$/;
const STILL_TO_SAY = /^(?:but|except|although|though|however|yet)\b/;

function recoveredAfter(sentence: SentenceInfo, clause: ClauseInfo): Subject | undefined {
  const next = sentence.clauses[clause.index + 1];
  if (!next || !RECOVERED.test(next.text)) return undefined;
  if (sentence.clauses.slice(next.index + 1).some((later) => STILL_TO_SAY.test(later.text))) return undefined;
  const who = next.refs[0]?.subject;
  return who !== undefined && who === clause.refs.at(-1)?.subject ? who : undefined;
}

/** "fine again", "warm again now": well again, not the trouble again. */
const WELL_AGAIN = '(?<!\\b(?:fine|normal|ok|okay|better|warm|good|well|right|myself|himself|herself|themselves|strong|alright|all right) )again';
/** "again" said of the trouble, not of an activity: "when can I run again?" asks about the running. */
const TROUBLE_AGAIN = `${WELL_AGAIN}(?<!\\b(?:run|running|walk|walking|train|training|play|playing|exercise|exercising|work|working|drive|driving|ride|riding|cycle|cycling|swim|swimming|lift|lifting|race|racing|jog|jogging|hike|hiking|dance|dancing|golf|gym|start|starting|do (?:it|that|this)) again)`;
const RECURS = new RegExp(`\\b(?:${WELL_AGAIN}|returned|is back|are back|back again)\\b`);

interface TimeReading {
  readonly past: boolean;
  readonly longStanding: boolean;
}

/** One reading per clause, however many mentions it holds (and one of the clause's own words alone). */
const readings = new WeakMap<ClauseInfo, TimeReading>();
const ownWordReadings = new WeakMap<ClauseInfo, TimeReading>();

/** Words that say a trouble has not changed (how long it has lasted is told elsewhere). */
const SAYS_UNCHANGED = /\b(?:nothing new|not new|no change|unchanged|stable|(?:hasnt|has not|havent|have not|never) changed|nothing(?: has| s)? (?:really )?changed|same as (?:always|usual|ever|before))\b/;
const SAYS_UNCHANGED_ANYWHERE = new RegExp(SAYS_UNCHANGED.source, 'g');
const SHORT_SPAN = /\b(?:for|over) (?:a|one|two|three|four|five|six|\d|a few|a couple of) (?:days?|weeks?)\b|\bsince (?:yesterday|last night|this morning|the weekend|last week|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|\b(?:on|last) (?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\blast (?:week|weekend)\b|\b(?:yesterday|last night)\b|\b(?:\d+|a|one|two|three|four|five|six|a few|a couple of) (?:days?|hours?) ago\b/;

function readTime(sentence: SentenceInfo, clause: ClauseInfo, ownWordsOnly = false): TimeReading {
  const cache = ownWordsOnly ? ownWordReadings : readings;
  const cached = cache.get(clause);
  if (cached) return cached;
  const texts = ownWordsOnly ? [clause.text] : relatedClauses(sentence, clause);
  // "unchanged" says long-standing only when no short span is told with it: "been like that for a week, no change" is new
  const longStanding =
    texts.some((text) => LONG_STANDING.test(text)) &&
    (texts.some((text) => LONG_STANDING.test(text.replace(SAYS_UNCHANGED_ANYWHERE, ' '))) || !texts.some((text) => SHORT_SPAN.test(text)));
  // "lost 10kg, put it back on, now lost it again": what came back after the resolving words goes on.
  const recurs = sentence.clauses.some((other) => other.index > clause.index && RECURS.test(other.text));
  const resolved = !recurs && texts.some((text) => saysResolved(sentence, text));
  const recovered = recoveredAfter(sentence, clause);
  const reading = {
    // "weak since my stroke 5 years ago, hasn't changed" is long-standing, not over.
    past:
      recovered === 'other' ||
      (!ONGOING.test(withoutResolvedWords(clause.text)) && (resolved || recovered === 'self' || (!longStanding && texts.some((text) => soundsDistantPast(sentence, text))))),
    longStanding: longStanding && !texts.some((text) => CHANGED.test(text)),
  };
  cache.set(clause, reading);
  return reading;
}

/**
 * A sensation that came with an everyday cause and passed once the cause ended: "my bum went numb
 * on the coach, came back as soon as I got off", "pins and needles in both feet from sitting
 * cross-legged, gone a few minutes after I stood", "legs like jelly after the 10k, fine after a
 * snack". Both the cause and the passing must be told; the toilet is no everyday cause here (not
 * feeling the seat or the paper is a sign in itself), and a word that it goes on ("still", "since",
 * "again", "hasn't come back") keeps it a report.
 */
const EVERYDAY_CAUSE =
  /\b(?:sat|sit|sits|sitting|seated|cross legged|legs crossed|kneel\w*|knelt|squatt\w*|weeding|pews?|bench(?:es)?|bleachers|stools?|saddle|bikes?|cycl\w*|spin|rowing|erg|drive|driving|drove|car|coach|bus|train|flights?|plane|trip|journey|ride|gaming|sesh|movie|cinema|lecture|concert|service|church|ceremony|ferry|boat|crossing|commute|desk|sofa|couch|(?:the|a) floor|workout|gym|\d+ ?k|run|ran|running|jog\w*|marathon|race|hike|hiking|walked|walking|walks?|(?:\d+|a few|two|three|four|five|six) blocks|stand|stands|standing|stood|shopping|queue|queuing|danc\w*|garden\w*|class|training|leg day|head rush|(?:stood|stand|stands|standing|got|get|gets|getting) up (?:too |really |very |so )*(?:fast|quick|quickly|suddenly)|(?:from|in) the (?:cold|snow|frost)|shovel\w*|snowball\w*|ice (?:bath|plunge)|cold plunge)\b/;
const NOT_AN_EVERYDAY_CAUSE = /\b(?:toilet|loo|commode|wip(?:e|es|ed|ing)|toilet paper)\b/;
/** Legs gone to sleep on the toilet are the sitting: "sat on the toilet too long and both legs went numb, gone when I stood". */
const LEGS_OR_FEET = /\b(?:legs?|feet|foot|toes)\b/;
const SADDLE_PARTS =
  /\b(?:bum|butt|bottom|backside|behind|seat|paper|groin|privates?|private (?:area|parts)|genitals?|down there|saddle|anus|rectum|perineum|taint|inner thighs?|thighs|between (?:my|his|her|the) legs|buttocks?|cheeks|penis|vagina|vulva|testicles|balls|crotch|wip(?:e|es|ed|ing))\b/;

function toiletCountsAgainst(text: string): boolean {
  return NOT_AN_EVERYDAY_CAUSE.test(text) && (!LEGS_OR_FEET.test(text) || SADDLE_PARTS.test(text));
}
const RELIEF =
  '(?:i|he|she|we|they) (?:stood|stand|stands|got|get|gets|moved|move|moves|walked|walk|walks|shifted|shift|changed|change|uncrossed|uncross|rested|rest|stretched|stretch|shook|shake|ate|eat|had|sit|sits|sat|lean|leans|leaned|bend|bends|bent|stop|stops|stopped)\\b|(?:a|some) (?:sit down|sit|rest|snack|nap|drink|cup of tea|cuppa|stretch|walk|lie down|bite to eat|sleep|few minutes|minute|bit)\\b|(?:walking|moving|standing up|getting up|stretching|shaking (?:it|them) out|wiggling|walking (?:about|around|it off)|sitting (?:back )?down|lying down)\\b';
const PASSED_ONCE_RELIEVED = new RegExp(
  // "…I sit on a bench and it passes", "settles in 5 minutes sitting": the rest told first, or as a time
  `\\b(?:(?:${RELIEF})(?: [a-z0-9]+){0,4}? (?:and|then) (?:it|they|that|the (?:pain|ache|tingling|numbness|heaviness))(?: all)? (?:passes|goes|eases|settles|stops|wears off|fades)\\b|(?:warmed|warm|thawed|thaw) (?:up|out|back up)(?: again)? (?:in|within|after) (?:a few|\\d+|a couple of) (?:minutes|mins|min)\\b|(?:warmed|thawed) (?:up|out|back up)(?: (?:fine|ok|okay|again|quickly))? (?:inside|indoors|at home|by the fire|in the (?:car|shower|bath)|once (?:i|he|she|we|they) (?:was|were|got|went) (?:inside|in|indoors|home))\\b|(?:settles|eases|passes|goes|fades)(?: off| down| away)? (?:in|within|after) (?:a few|\\d+|a couple of) (?:minutes|mins)(?: of)? (?:sitting|rest|resting|sitting down|lying down)\\b|(?:(?:came|comes|come) (?:right|back|good|round)|(?:its|it is|all|everything(?: is)?|(?:the )?feeling(?: is| comes| came)?) (?:all )?back|(?:went|goes|go|gone|wore|wears|worn) (?:away|off)|goes(?= (?:as soon as|soon as|the moment|the minute|the second) )|fine|normal|ok|okay|better|back to normal|only lasted|lasted|passed|cleared|gone|woke (?:back )?up|wakes? (?:back )?up|settles|eases)(?: [a-z0-9]+){0,4}? (?:(?:as )?soon as|once|when|after|until|till|the moment|the minute|within|by the time) (?:${RELIEF}))`,
);
const GOES_ON = new RegExp(String.raw`\b(?:still|since|${TROUBLE_AGAIN}|keeps?|kept|ongoing|(?:hasnt|has not|havent|have not|hadnt|didnt|did not|wont|will not|not) (?:\w+ )?(?:come|came|gone|go|went|passed|cleared|worn|wear|hold|support))\b`);
/** How many clauses after the mention the passing may be told in ("…, only tired, they were fine after a sit down"). */
const PASSING_REACH = 2;

/** The feeling came back the moment the cause ended: "fine the moment I got out", "all back within a minute of getting off". */
const AT_ONCE =
  /\b(?:(?:as )?soon as|the (?:moment|minute|second|instant)|within (?:a|one|\d+|a few|a couple of) (?:minutes?|mins?|seconds?|secs?)|in (?:a|one|\d+|a few|a couple of) (?:minutes?|mins?|seconds?|secs?)|straight away|right away|instantly|immediately|at once)\b/;

// Read once per clause: a long one-sentence message asks this of every mention in it.
const passings = new WeakMap<ClauseInfo, 'at once' | 'in time' | undefined>();

/**
 * 'at once' when the feeling came back the moment the cause ended, 'in time' when it passed more
 * slowly; the sentences after the mention's are read too, where "…but it's numb again now" may come.
 */
export function passedWithItsCause(sentences: readonly SentenceInfo[], place: MentionPlace): 'at once' | 'in time' | undefined {
  const sentence = sentences[place.sentence];
  const clause = sentence?.clauses[place.clause];
  if (!sentence || !clause) return undefined;
  if (!passings.has(clause)) passings.set(clause, readPassing(sentence, clause, sentences.slice(place.sentence + 1)));
  return passings.get(clause);
}

function readPassing(sentence: SentenceInfo, clause: ClauseInfo, later: readonly SentenceInfo[]): 'at once' | 'in time' | undefined {
  if (!EVERYDAY_CAUSE.test(sentence.text) || toiletCountsAgainst(sentence.text)) return undefined;
  const fromMention = sentence.clauses.slice(clause.index);
  // "…both feet went to pins and needles. Gone after walking about for a minute": the passing may
  // open the next sentence when it names no one of its own.
  const nextOpening = later[0]?.clauses[0];
  const told = [...fromMention.slice(0, PASSING_REACH + 1), ...(nextOpening && !namesItsOwnSubject(nextOpening.text) ? [nextOpening] : [])];
  // "I sit on a bench | and it passes": the rest and the passing may be two clauses.
  const toldTogether = told.map((other) => other.text).join(' ');
  if (!told.some((other) => PASSED_ONCE_RELIEVED.test(other.text)) && !PASSED_ONCE_RELIEVED.test(toldTogether)) return undefined;
  if ([...fromMention.map((other) => other.text), ...later.map((other) => other.text)].some((text) => GOES_ON.test(text))) return undefined;
  return AT_ONCE.test(toldTogether) ? 'at once' : 'in time';
}

/**
 * A symptom that an emergency department, hospital or doctor has already examined and cleared:
 * "went to A&E because both legs were tingling; they did a scan, all clear", "seen in the ER after
 * a car crash, scans were clear, discharged". The visit must be told in the mention's sentence and
 * the clearing after the mention (in that sentence or the next), with nothing new or worse after
 * it: "scans were clear but now both legs are numb" still reports, and so does a symptom told
 * only after the clearing or away from the visit ("went to the ER for my asthma. I can't pee").
 */
const ASSESSED =
  /\b(?:(?:went|go|gone|been|rushed|taken|took (?:me|myself|him|her|them)) (?:in |up |down )?to (?:the |an |a )?(?:er|a and e|emergency(?: department| room)?|hospital|urgent care|walk in|gp|doctors?|dr)|(?:seen|checked|examined|assessed|scanned|x rayed) (?:out |over )?(?:in|at|by) (?:the |an |a |my |his |her )?(?:er|a and e|emergency(?: department| room)?|hospital|urgent care|walk in|gp|doctors?|dr|paramedics?|ambulance)|(?:er|a and e|hospital|doctors?|gp|dr) (?:visit|trip)|(?:er|a and e|hospital|urgent care|walk in|doctors?|gp|dr|paramedics?) (?:already |have |has |had )*(?:saw|seen) (?:me|him|her|them|us)|(?:doctors?|gp|dr|nurse|paramedics?|consultant|er|hospital) (?:already )?(?:checked|examined|assessed|scanned|x rayed|xrayed|imaged)|(?:she|he|they|doctors?|gp|dr|consultant|hospital|er|oncologist|surgeon|specialist|neurologist) (?:did|ran|ordered|got|requested|sent me for|sent (?:him|her) for|arranged) (?:me |him |her )?(?:an? |some )?(?:ultrasound|scan|mri|ct|x rays?|bloods?|blood tests?))\b/;
/** Being sent home is no clearing on its own: people sent home with cauda equina come back worse. */
const CLEARED =
  /\b(?:all clear|(?:scans?|mri|ct|x rays?|xrays?|tests?|bloods?|results?|imaging|everything)(?: \w+){0,2} (?:was|were|is|are|came back|come back|came out|all) (?:all )?(?:clear|normal|fine|ok|okay|negative)|(?:scans?|mri|ct|x rays?|xrays?|tests?|bloods?|results?|imaging|aorta|density) (?:all )?(?:normal|clear|negative)(?! (?:but|until|except)\b)|(?:nothing|no) (?:was |is |were )?(?:serious|sinister|wrong|broken|found|fractures?|fractured|damage|bleed)|(?:showed|shows|found|and) no (?:sign of (?:the )?)?(?:cancer|tumou?rs?|spread|metastas[ie]s|mets|recurrence)\b|(?:found|showed|show) nothing|(?:(?:his|her|my|their|the) )?(?:strength|power|reflexes|sensation|feeling|nerves?|neuro(?:logical)? (?:exam|check|tests?)|exam|examination)(?: \w+){0,2} (?:was |were |is |are |all |came back |tested |checked )?(?:completely |totally |perfectly |all )?(?:normal|fine|full|intact)(?! (?:but|until|except)\b)|(?:scans?|mri|ct|x rays?|xrays?|imaging)(?: \w+){0,3}? (?:showed|shows|found) (?:(?:a|an|just|only|some|mild) )*(?:bulging|slipped|herniated|prolapsed|degenerat\w*) dis[ck]s?|(?:scans?|mri|ct|x rays?|xrays?|imaging)(?: \w+){0,3}? (?:showed|shows|found) (?:(?:a|an|just|only|some|mild) )*(?:dis[ck] (?:bulge|bulging|herniation|prolapse)|arthritis|wear and tear|degenerat\w*)|ruled out|(?<!\b(?:said|says|saying|claims|insists|thinks|reckons) )(?:hes|shes|theyre|he is|she is|they are) (?:totally |completely |absolutely |perfectly )?fine|(?:checked|examined|looked at|tested|scanned|assessed)(?: (?:\w+|\|)){0,4} (?:it|everything|all|that)(?: was| is| were| came back| looked)? (?:all |completely |totally |perfectly )?(?:fine|normal|clear|ok|okay)|(?:doctors?|gp|dr|consultant|specialist|surgeon|they|he|she)(?: \w+){0,10}? (?:said|says|told me) (?:that )?(?:its|it is|it was|thats|that is|that was|everything is|everything was) (?:all |completely |totally |perfectly |just )?(?:fine|normal|nothing serious|nothing to worry about|harmless|benign|ok|okay))\b/;
const NEW_OR_WORSE =
  /\b(?:(?:feeling|sensation|strength|power|control) (?:still )?(?:hasnt|has not|havent|have not|never) (?:\w+ )?(?:come|came) back|still(?! (?:a (?:bit|little|tad) |quite |pretty |kind of |kinda |somewhat |slightly )?(?:sore|stiff|achy|aching|tender|bruised)\b)|again|worse|worsening|new|newly|(?:but|and|yet) (?:now|since|today|then)|since (?:this|last|yesterday|then|that|today|tonight|the morning)|now (?:(?:i|he|she|they) (?:cant|can not|cannot|have|has|am|is|are|feel|keep)|my|his|her|both|its|theres|cant)\b|started|starting|came back(?! (?:clear|normal|fine|ok|okay|negative))|returned|is back|are back)\b/;
/** "went to A&E because I can't pee, they sent me home": the trouble is told as going on. */
const TOLD_AS_NOW = /\b(?:cant|cannot|can not|still|am|im|is|are|keeps?|now)\b/;
/** "I'm 72 and my doctor x-rayed my back after the fall": an age tells nothing of now. */
const AGE_TOLD = /\b(?:im|i am|hes|he is|shes|she is) \d{1,3}\b/g;

/** The visit told first, the trouble as its reason: "went to the ER because…", "seen in A&E after…". */
function visitToldBefore(sentence: SentenceInfo, clause: ClauseInfo, place: MentionPlace): boolean {
  const before = [...sentence.clauses.slice(0, clause.index).map((other) => other.text), clause.text.slice(0, place.start)];
  return ASSESSED.test(before.join(' | '));
}

/** A visit or check told, and not one refused or skipped ("wouldn't go to the ER"). */
function assessedIn(text: string): boolean {
  const visit = ASSESSED.exec(text);
  return visit !== null && !/\b(?:wouldnt|would not|didnt|did not|wont|will not|refused to|refuses to|not|never|no)(?: \w+)?$/.test(text.slice(0, visit.index).trim());
}

const IMAGING_RESULT = /\b(?:scans?|mri|ct|x rays?|xrays?|imaging)\b/;

/** How many sentences after the mention's the clearing may be told in. */
const CLEARING_REACH = 1;

/** What the assessment found the trouble to be: "the MRI was clear and it turned out to be a UTI". */
const FINDING = /^(?:(?:and|but|so|which) )?(?:it|that|this|which)? ?(?:turned out to be|was (?:just|only|actually)|was diagnosed as)\b/;

/**
 * `history`: a history ("had cancer") stays one however well it was looked at; only the finding
 * that explained the visit ("it turned out to be a UTI") is part of the cleared episode.
 */
export function clearedByAssessment(sentences: readonly SentenceInfo[], place: MentionPlace, history: boolean): boolean {
  const sentence = sentences[place.sentence];
  const clause = sentence?.clauses[place.clause];
  if (!sentence || !clause) return false;
  if (FINDING.test(clause.text)) return foundOnAssessment(sentences, place);
  if (history || TOLD_AS_NOW.test(clause.text.replace(AGE_TOLD, ' '))) return false;
  const sameSentenceAfter = [clause.text.slice(place.end), ...sentence.clauses.slice(clause.index + 1).map((other) => other.text)].join(' | ');
  const told = [sameSentenceAfter, ...sentences.slice(place.sentence + 1, place.sentence + 1 + CLEARING_REACH).map((other) => other.text)].join(' || ');
  const clearing = CLEARED.exec(told);
  if (!clearing) return false;
  // the visit told first ("went to the ER because…"), or after the trouble, beside the clearing
  // ("fell last month, the ER X-rayed her hips and nothing was broken"; "he's fine, the team doctor checked him")
  // A clear scan or X-ray is itself the assessment: "fell last month, X-rays clear, nothing broken".
  if (!visitToldBefore(sentence, clause, place) && !assessedIn(told) && !IMAGING_RESULT.test(clearing[0])) return false;
  const afterClearing = [told.slice(clearing.index), ...sentences.slice(place.sentence + 1 + CLEARING_REACH).map((other) => other.text)];
  return !afterClearing.some((text) => NEW_OR_WORSE.test(text));
}

function foundOnAssessment(sentences: readonly SentenceInfo[], place: MentionPlace): boolean {
  const sentence = sentences[place.sentence];
  if (!sentence) return false;
  const told = sentences.slice(Math.max(0, place.sentence - CLEARING_REACH), place.sentence + 1).map((other) => other.text).join(' || ');
  const before = sentence.clauses.slice(0, place.clause).map((other) => other.text).join(' | ');
  if (!ASSESSED.test(told) || !CLEARED.test(before)) return false;
  const after = [...sentence.clauses.slice(place.clause).map((other) => other.text), ...sentences.slice(place.sentence + 1).map((other) => other.text)];
  return !after.some((text) => NEW_OR_WORSE.test(text));
}

export function isPast(sentence: SentenceInfo, clause: ClauseInfo): boolean {
  return readTime(sentence, clause).past;
}

/** The past read in the clause's own words, not in the clauses it goes on from. */
export function isPastInItsOwnWords(sentence: SentenceInfo, clause: ClauseInfo): boolean {
  return readTime(sentence, clause, true).past;
}

export function isLongStanding(sentence: SentenceInfo, clause: ClauseInfo): boolean {
  return readTime(sentence, clause).longStanding;
}

/** The doctors and teams whose following or written record counts (one list for every reading below). */
const DOCTOR = '(?:gp|doctor|doc|dr|pcp|urologist|neurologist|gi|gastroenterologist|gastro|consultant|specialist|physician|rheumatologist|gyn(?:a)?ecologist|endocrinologist|oncologist|podiatrist|surgeon|neurosurgeon|(?:spine|spinal|vascular|orthopa?edic|ortho) surgeon|gi team|care team|oncology team|medical team|neuro(?:logy)? (?:team|nurse|clinic)|neuro|neurology|ms (?:team|nurse|clinic|specialist)|team|nurse practitioner|diabetes (?:nurse|team|doctor)|continence (?:nurse|team))';

/**
 * A long-standing, unchanged trouble that a doctor already knows and follows: "a weak stream for
 * years from my prostate, my urologist follows it and it hasn't changed", "erection trouble for
 * years from his diabetes, his doctor knows". The visitor has answered "is this new?" and someone
 * watches it, so there is nothing to ask (a bare "for years, nothing new" is still asked).
 */
const FOLLOWED_BY_A_DOCTOR = new RegExp(
  String.raw`\b(?:(?:(?:my|his|her|their|our|the) ${DOCTOR}|(?<!\b(?:a|an|any|no) )(?:gp|doctor|oncologist|oncology team|podiatrist|(?:spine|spinal|vascular) surgeon))s? (?:already |fully |has always |have always )?(?:knows?|knew|is aware|are aware|follows?|monitors?|(?:has|have|had) (?:followed|monitored|tracked|managed|been following|been monitoring|been managing|been watching|been tracking|been checking)|tracks?|manages?|keeps? an eye on|keeps? tabs on|checks? (?:it|on it|them)|reviews? (?:it|them|me|him|her)|(?:sees?|saw|reviews?|reviewed|checks?|checked) (?:me|him|her|them|it) (?:yearly|annually|every (?:year|six months|\d+ months|few months|three months|month)|twice a year|regularly|in (?:january|february|march|april|may|june|july|august|september|october|november|december))|looks? after (?:it|them|that)|(?:is|are) (?:happy|not worried|not concerned|unconcerned)|isnt (?:worried|concerned))|(?:followed|managed|monitored|known) (?:by|to) (?:my|his|her|their|the|a) (?:gp|doctor|urologist|neurologist|gi|gastroenterologist|consultant|specialist|physician|team))\b`,
);

/**
 * A doctor who has written the trouble down or watches it: "the surgeon documented it as permanent",
 * "my oncologist has it written down", "seen by a spine surgeon once a year". Only read beside a
 * trouble told as long-standing (isLongStanding, unchangedLater). A doctor's word on what it is
 * ("my doctor says it's a nerve from a hernia repair") is no following: "is this new?" is still asked.
 */
const RECORDED_BY_A_DOCTOR = new RegExp(
  String.raw`\b(?:(?:(?:my|his|her|their|our|the) |(?<!\b(?:a|an|any|no|another|other|new) )(?=doc |doctor |gp |dr |surgeon |consultant |specialist ))${DOCTOR}s? (?:has |have |had )?(?:documented|recorded|noted|has (?:it|that) (?:written|noted|documented|on file|on record)|have (?:it|that) (?:written|noted|documented|on file|on record)|watch(?:es)? (?:it|them)|sees? (?:me|him|her) (?:every|once|twice|each|yearly|regularly))|(?:seen|checked|followed|reviewed|watched) (?:by|at) (?:a|an|my|his|her|the) ${DOCTOR}s? (?:once |twice |every |each |yearly|annually|regularly)|(?:doctors?|surgeons?|specialists?|consultants?|they) (?:documented|recorded|noted) (?:it|that|this) as (?:permanent|expected|stable|normal))\b`,
);

/** How many sentences before or after the mention's a doctor's following may be told in. */
const FOLLOWING_REACH = 2;

/**
 * A doctor's word on what the trouble is ("the rheumatologist says it's part of the arthritis")
 * counts only beside the visitor's own word that nothing has changed ("nothing new", "no change",
 * "stable"); "on and off for years, my doctor says it's a nerve" is still asked.
 */
const DOCTORS_WORD = new RegExp(String.raw`\b(?:(?:my|his|her|their|our|the) |(?<!\b(?:a|an|any|no|another|other|new) )(?=doc |doctor |gp |dr ))${DOCTOR}s? (?:says?|said|told (?:me|him|her|us)|calls? it|called it|puts? it down to)\b`);

/** A doctor's following (FOLLOWED_BY_A_DOCTOR, RECORDED_BY_A_DOCTOR) told in the mention's sentence or near it. */
export function followedByADoctorNear(sentences: readonly SentenceInfo[], place: MentionPlace): boolean {
  const near = sentences.slice(Math.max(0, place.sentence - FOLLOWING_REACH), place.sentence + 1 + FOLLOWING_REACH);
  if (near.some((other) => FOLLOWED_BY_A_DOCTOR.test(other.text) || RECORDED_BY_A_DOCTOR.test(other.text))) return true;
  return near.some((other) => DOCTORS_WORD.test(other.text)) && near.some((other) => SAYS_UNCHANGED.test(other.text));
}

/**
 * Long-standing and unchanged told in a sentence of its own after the mention's: "both my legs ache
 * after two blocks, I sit and it passes. It's been exactly like that for four years", "…numb-ish
 * after long walks. Exactly as it's been since 2019", "…weaker than the right ever since. Stable."
 * A clause of that sentence takes the same trouble up (no subject of its own: "it's been…", "same
 * since…", "exactly as…"), and nothing in the mention's sentence, the sentences up to it, nor the
 * sentence after, says new, worse, different or days and weeks ("…for years. But since this morning
 * it's both legs" is a report).
 */
// (a bare "all the same" is "whatever I do": "lying down, sitting, standing, all the same")
const STABLE_BARE = /^(?!all the same$)(?:(?:and|its|it s|its been|been|it has been|all|very|completely|totally|pretty|quite|stayed|still) )*(?:stable|the same|same|unchanged|steady)$/;
const WORSE_AFTER = /\b(?:worse|worsening|new|newly|different|suddenly|sudden|spread\w*|(?:but|and|yet) (?:now|since|today|this morning|tonight|lately|recently)|since (?:this|last|yesterday|today|tonight)|now (?:(?:i|he|she|they|it) (?:cant|can not|cannot|have|has|am|is|are|feel|keep)|its|theres|cant|both)|for the first time)\b/;
const UNCHANGED_REACH = 2;
/** The clause opens on the trouble told before ("it's been…", "same since…"), not on another one ("bladder is the same as usual"). */
const TAKES_IT_UP =
  /^(?:(?:and|but|so|which|just|all|its been|it has been|been) )*(?:(?:i|ive|i have|he|hes|he has|she|shes|she has|they|theyve|they have) (?:had|has had|have had) (?:that|it|this|them|those)\b|(?:it|its|it s|that|thats|this|they|theyre|theyve|same|the same|exactly|been|has|have|hasnt|havent|stable|unchanged|steady|no change|nothing|always|ever|like that|pretty much|basically)\b)/;
/**
 * "for the past two weeks I've lost…", "noticed it a week ago, no change since", "same as it's been
 * for about ten days": a trouble of days or weeks is steady, not long-standing ("every day" is a routine).
 */
const RECENT_DAYS = /\b(?:(?<!\b(?:every|each|most|some|all|other|good|bad|on|off) )(?:days?|weeks?|(?<!\b(?:a|per|at) )nights?)|fortnight|yesterday|last night)\b/;

export function unchangedLater(sentences: readonly SentenceInfo[], place: MentionPlace): boolean {
  const sentence = sentences[place.sentence];
  if (!sentence || tellsAChangeOrDays(sentence)) return false;
  for (let index = place.sentence + 1; index <= place.sentence + UNCHANGED_REACH && index < sentences.length; index += 1) {
    const later = sentences[index] as SentenceInfo;
    if (tellsAChangeOrDays(later)) return false;
    // "The surgeon documented it as permanent and | it hasn't changed since": a clause of its own.
    if (later.clauses.some(takesItUpAsUnchanged)) return nothingWorseAfter(sentences, index);
  }
  return false;
}

/**
 * Unchanged told in a later clause of the mention's own sentence: "my wife has sciatica in both legs
 * but her neurosurgeon has followed it 2 yrs, stable". Read only beside a doctor's following (a bare
 * "both legs weak, stable" is no history).
 */
export function unchangedLaterInItsSentence(sentences: readonly SentenceInfo[], place: MentionPlace): boolean {
  const sentence = sentences[place.sentence];
  if (!sentence || tellsAChangeOrDays(sentence)) return false;
  return sentence.clauses.slice(place.clause + 1).some(takesItUpAsUnchanged) && nothingWorseAfter(sentences, place.sentence);
}

/**
 * A clause that takes the trouble told before up as long-standing or unchanged: "it's been like
 * that for years", "stable"; or a doctor following it for years: "both my feet tingle, I'm
 * diabetic and the doctor has been monitoring it for years" (probe 66).
 */
function takesItUpAsUnchanged(clause: ClauseInfo): boolean {
  if (FOLLOWED_BY_A_DOCTOR.test(clause.text) && DOCTOR_FOLLOWS_IT.test(clause.text) && LONG_STANDING.test(clause.text)) return true;
  return TAKES_IT_UP.test(clause.text) && (LONG_STANDING.test(clause.text) || STABLE_BARE.test(clause.text));
}

/** The doctor's following is of the trouble just told ("monitoring it", not "monitoring my blood pressure"). */
const DOCTOR_FOLLOWS_IT = /\b(?:monitor\w*|follow\w*|track\w*|manag\w*|watch\w*|check\w*|keeps? an eye on|keeps? tabs on) (?:it|them|this|that)\b/;

/** The sentence after the one that said it is unchanged says nothing new or worse. */
function nothingWorseAfter(sentences: readonly SentenceInfo[], index: number): boolean {
  const next = sentences[index + 1];
  return !next || !WORSE_AFTER.test(next.text);
}

// Read once per sentence: a long one-sentence message asks this of every mention in it.
const changeOrDaysTold = new WeakMap<SentenceInfo, boolean>();

function tellsAChangeOrDays(sentence: SentenceInfo): boolean {
  let told = changeOrDaysTold.get(sentence);
  if (told === undefined) changeOrDaysTold.set(sentence, (told = sentence.clauses.some((clause) => CHANGED.test(clause.text) || RECENT_DAYS.test(clause.text))));
  return told;
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
  // "had a cold, all better, but my legs are weak": what came before a "but" is not said of what follows it,
  // also when the "but" is a clause of its own ("in 2019 I had sciatica, but since Tuesday | I can't feel…").
  const contrasted = owner === undefined && CONTRAST.test(clause.text);
  const lastContrast = sentence.clauses.filter((other) => other.index <= clause.index && CONTRAST.test(other.text)).at(-1)?.index;
  const beforeTheBut = (other: ClauseInfo): boolean =>
    other.index < clause.index && (contrasted || (owner === undefined && lastContrast !== undefined && other.index < lastContrast));
  return sentence.clauses
    .filter((other) => other.index === clause.index || other.index === owner || (!namesItsOwnSubject(other.text) && !beforeTheBut(other)))
    .map((other) => other.text);
}

const CONTRAST = /^(?:but|although|though|however|yet|except)\b/;

const LEADING_JOINERS = new Set(['but', 'and', 'or', 'so', 'then', 'although', 'though', 'however', 'plus', 'also']);
const OWN_SUBJECTS = new Set(['i', 'im', 'ive', 'id', 'my', 'he', 'hes', 'she', 'shes', 'his', 'her', 'their', 'we', 'now', 'the', 'both', 'there', 'theres']);

function namesItsOwnSubject(text: string): boolean {
  const words = text.split(' ');
  let index = 0;
  while (LEADING_JOINERS.has(words[index] ?? '')) index += 1;
  // "…tingly toes that never went away, | the same as always": "the same" takes up what came before.
  if (words[index] === 'the' && words[index + 1] === 'same') return false;
  return OWN_SUBJECTS.has(words[index] ?? '');
}

/**
 * A trouble told in the past tense, then said to be over in a later clause or one of the next
 * sentences: "my leg felt weak yesterday after the hike, but today it's back to normal", "both
 * legs went numb at the end of the meditation. The feeling came back within minutes, no problems
 * since", "my foot was weak last week; tested again today, it's back to full strength". The
 * mention must say nothing goes on ("is", "can't", "still", "now"…), the ending must speak of the
 * whole person or the lost feeling or strength (not "my back is back to normal"), and nothing after
 * it in those sentences may say the trouble is back or worse.
 */
const TOLD_IN_PAST = /\b(?:was|were|went|felt|got|had|became|turned|gave|buckled|collapsed|lasted|wobbled|gone|couldnt|could not|didnt|did not|lost|needed|put)\b/;
const TOLD_AS_GOING_ON =
  /\b(?:is|are|am|im|its|theyre|cant|cannot|can not|dont|doesnt|wont|keeps?|still|now|currently|has been|have been|hes|shes|feels?|getting|gets|since|again|today|tonight|this morning|right now|at the moment)\b/;
const OVER_SINCE =
  /\b(?:back to (?:normal|full strength|full power|(?:my |his |her )?(?:usual|normal|old) (?:self|strength))|(?:the )?(?:feeling|sensation|strength|power) (?:(?:has|had|was|is|fully|all) )*(?:came|come|comes|been|was|is|fully|all) back|(?:everything|all|it|its|they|theyre|ive|i have|i|ive been|it has|its been)(?: has| have| s)?(?: felt| been| worked| was| were)? (?:completely |totally |perfectly |absolutely )?(?:normal|fine|ok|okay|good)(?: ever)? since|no (?:problems|issues|trouble|symptoms|more trouble|more problems) (?:ever )?since|(?:fine|normal) ever since|(?:strong|normal) again|nothing like (?:that|it|this) (?:ever )?(?:since|again)|(?:(?:it|that|which|this) )?(?:hasnt|has not|hadnt|had not|never|didnt|did not) (?:ever )?(?:happened|happen) (?:again|since)|(?:it|that|which|this|they|everything) sorted (?:itself|themselves) out|(?:its|it s|it is|theyre|they are|it has|its been) (?:now )?(?:fully|completely|totally|100 ?%|all the way) back)\b/;
/**
 * "…with a temperature and a sore back, both completely gone now", "…sore after the session and it
 * had gone by this afternoon" (probe 35): over, unless the sentence speaks of a lost feeling or
 * strength, where "gone" is the loss itself.
 */
const ALL_GONE =
  /^(?:(?:and|but|so) )?(?:both|all|it|its|they|theyre|that|thats|everything)(?: of (?:them|it|those|that))?(?: (?:are|is|has|have|had|s|was|were))? (?:completely |totally |fully |all |now )?(?:gone|passed|settled|worn off|long over|over and done with)(?: (?:now|completely|away|for good|by (?:the )?(?:this |that |next |the )?(?:morning|afternoon|evening|night|bedtime|lunch|lunchtime|today|tonight|\w+day)))?$/;
const NAMES_ANOTHER_TROUBLE = /\b(?:(?:my|his|her|the) (?:lower |low |upper )?back|pain|sciatica|backache|bladder|bowels?)\b/;
const BACK_OR_WORSE = new RegExp(
  String.raw`\b(?:${TROUBLE_AGAIN}|returned|(?:is|are|its|theyre|it s) back(?! to)|worse|worsening|(?:but|and) (?:now|since|then) (?:i|he|she|it|its|my|his|her|they|both)|(?:still|now) (?:\w+ )?(?:numb|weak|dead|tingl\w*|cant))\b`,
);
/** How many sentences after the mention's the ending may be told in. */
const ENDING_REACH = 2;

export function resolvedLater(sentences: readonly SentenceInfo[], place: MentionPlace): boolean {
  const sentence = sentences[place.sentence];
  const clause = sentence?.clauses[place.clause];
  if (!sentence || !clause) return false;
  if (!TOLD_IN_PAST.test(clause.text) || TOLD_AS_GOING_ON.test(clause.text) || RESOLVED_NOT_YET.test(clause.text)) return false;
  const later = [
    ...sentence.clauses.slice(clause.index + 1).map((other) => other.text),
    ...sentences.slice(place.sentence + 1, place.sentence + 1 + ENDING_REACH).flatMap((other) => other.clauses.map((c) => c.text)),
  ];
  const lostFeeling = LOST_FEELING_OR_POWER.test(sentence.text);
  const ending = later.findIndex(
    (text) => (OVER_SINCE.test(text) || (!lostFeeling && ALL_GONE.test(text))) && !NAMES_ANOTHER_TROUBLE.test(text) && !RESOLVED_NOT_YET.test(text),
  );
  if (ending < 0) return false;
  const endingText = later[ending] ?? '';
  const afterEnding = [endingText.slice(OVER_SINCE.exec(endingText)?.index ?? 1), ...later.slice(ending + 1)];
  return !afterEnding.some((text) => BACK_OR_WORSE.test(text));
}

/** A clause telling a thing done and over in the past tense, with no word that it goes on ("my cousin lost the use of her legs"). */
export function toldAsDone(clause: ClauseInfo): boolean {
  return TOLD_IN_PAST.test(clause.text) && !TOLD_AS_GOING_ON.test(clause.text) && !ONGOING.test(clause.text);
}

const RESOLVED_NOT_YET = /\b(?:not yet|yet to|still not|not (?:fully |quite |completely )?back)\b/;

/**
 * A trouble told as over, then said in one of the next sentences to have come back: "I had a numb
 * patch on my inner thighs in 2019 that cleared after my op. It came back this morning", "the
 * clumsiness in my hands went away in 2020. It's back this week". Only a pronoun or "the same"
 * takes the earlier trouble up ("the leg pain came back" speaks of another one).
 */
const RETURNED =
  /^(?:(?:and|but|so|now|then|today|tonight|yesterday|this (?:morning|week|evening|afternoon)|last night|well|sadly|unfortunately) )*(?:it|its|it s|they|theyre|theyve|this|that|thats|the same(?: thing| feeling| problem| symptoms?)?|same(?: thing| feeling)?)(?: (?:has|have|had|is|are|s|was))? (?:all |just |suddenly |now |definitely )*(?:came back|come back|coming back|back(?! (?:pain|ache|aches|problems?|trouble|issues?|injury|spasms?|muscles?|is|was|has|hurts?|of|and forth)\b)|returned|started again|starting again|happening again|happened again|recurred|is back)\b(?! to (?:normal|full|my usual))/;

/**
 * …or to stay now, where it used to pass: "the numb saddle area used to happen only on my bike and
 * would go away once I got off. Since about Thursday it's there all the time".
 */
const STAYS_NOW =
  /^(?:(?:and|but|so|now|then|since (?:(?:about|around|maybe) )?(?:yesterday|last night|this morning|the weekend|last week|(?:mon|tues|wednes|thurs|fri|satur|sun)day|then)|(?:these|the last|the past) (?:few |couple of |\d+ )?days) )*(?:it|its|it s|they|theyre|this|that|the same(?: thing| feeling)?)(?: (?:has|have|is|are|s))?(?: been)? (?:now |just )?(?:there |here )?(?:all the time|constant(?:ly)?|non ?stop|24 ?7|permanent(?:ly)?|(?:and )?(?:doesnt|wont|does not|will not|hasnt|has not) (?:go|gone|going|went) away)\b/;

export function returnedLater(sentences: readonly SentenceInfo[], place: MentionPlace): boolean {
  return sentences
    .slice(place.sentence + 1, place.sentence + 1 + ENDING_REACH)
    .some((later) => later.clauses.some((clause) => RETURNED.test(clause.text) || STAYS_NOW.test(clause.text)));
}
