import { isEnglishWord, SpellingCorrector } from '../knowledge/spelling.js';

/**
 * Turns what a visitor typed into one predictable form for the red-flag rules:
 * lowercase ASCII, single spaces, no apostrophes ("can't", "cant" and "cannot" all become
 * "cant"), common shorthand spelled out, misspellings corrected from the rules file, and
 * number words turned into digits (ages matter to some flags).
 *
 * Sentence punctuation (. ! ? ; , :) is kept: the clause splitter needs it.
 */

/** Shorthand people type in chat, replaced before words are looked up. */
const SHORTHAND: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bw\/o\b/g, ' without '],
  // "sciatica L and R", "L+R legs": both sides, not the letter R read as "are"
  [/\b(?:l ?(?:and|&|\+|\/) ?r|r ?(?:and|&|\+|\/) ?l)\b/g, ' left and right '],
  [/\bw\//g, ' with '],
  [/\bb\/c\b/g, ' because '],
  [/\by\/o\b/g, ' year old '],
  [/(\d)\s*(?:yo|yrs? old|yr old|y\.o\.?)(?=\s|$|[.,!?;:])/g, '$1 year old '],
  [/\b(?:a&e|e\.r\.)(?=\s|$|[.,!?;:])/g, ' er '],
  // clinicians' notes: "LBP" (low back pain), "tearing CP" (chest pain), "interscapular" (between the shoulder blades)
  [/\blbp\b/g, ' low back pain '],
  [/(?<=\b(?:tearing|ripping|sudden|severe|central|crushing|acute|new) )cp\b/g, 'chest pain'],
  [/\binterscapular(?: (?:region|area))?/g, ' between the shoulder blades '],
  // "RN" after an article or a job word is a nurse, not chat's "right now": "I'm a retired RN"
  [/\b(an|a|retired|registered|former|fellow|as|the|im|am|our|my|charge|er|icu|school) rn\b/g, '$1 nurse'],
  // clinicians' notes: "BLE weakness", "b/l LE weakness" (both legs), "DF 4/5" (dorsiflexion)
  [/\b(?:ble|blle|(?:b\/l|bilat|bilateral) (?:le|les|lle|lles|lower limbs|lower extremities))\b/g, ' both legs '],
  [/\bdf\b(?= ?(?:[0-5][+-]?\/5|bilat|is|was|weak|weakness|strength|now|from|maybe|l\b|r\b|left|right))|(?<=[0-5][+-]?\/5 )df\b/g, 'dorsiflexion'],
  [/&/g, ' and '],
  [/\+/g, ' and '],
  // Carers' and nurses' notation: "incontinent x3" (three times), "2/52" (two weeks), "5/7" (five
  // days), "3/12" (three months); not "24/7", "7/10" or a date ("1/7/2024").
  // …but "no void x 12 hrs" is "for 12 hours"
  [/\bx ?([1-9]\d?) ?(hrs?|hours?|h|days?|d|wks?|weeks?)\b/g, ' for $1 $2 '],
  [/\bx ?([1-9]\d?)\b(?!\/)/g, ' $1 times '],
  [/(?<![\d/])\b([1-9]|[1-4]\d|5[01])\/52\b(?!\/)/g, ' $1 weeks '],
  [/(?<![\d/])\b([1-6])\/7\b(?!\/)/g, ' $1 days '],
  [/(?<![\d/])\b([1-9]|1[01])\/12\b(?!\/)/g, ' $1 months '],
];

/**
 * A body part or symptom word's "'s" is "is" or "has", not a possessive: "my foot's gone floppy",
 * "stream's slowed to a trickle", "back's rooted". (A person's "'s" stays: "mum's" → "moms".)
 */
const SYMPTOM_NOUN = '(?:foot|feet|leg|legs|back|bum|butt|bottom|arse|fanny|backside|crotch|groin|thigh|thighs|bladder|bowels?|stream|flow|wee|pee|urine|knee|knees|hand|hands|arm|arms|toe|toes|ankle|hip|neck|spine|weight|temp|temperature|fever|sciatica|pain|numbness|tingling|weakness|chest|stomach|tummy|belly)';
const SYMPTOM_NOUN_IS: ReadonlyArray<readonly [RegExp, string]> = [
  [new RegExp(`\\b(${SYMPTOM_NOUN})'s (?=(?:been|gone|got|gotten|started|stopped|had|become|turned|dropped|slowed|packed|given|come|done|spread|moved)\\b)`, 'g'), '$1 has '],
  [new RegExp(`\\b(${SYMPTOM_NOUN})'s\\b`, 'g'), '$1 is'],
];

/**
 * Nigerian Pidgin and Jamaican Patois grammar, turned into the English the rules read (single
 * words such as "cyaan", "nutten", "nyash" and "waka" are in the rules file's `spellings`):
 * "I no fit piss" (can't), "my nyash don dey numb" (has been), "e no dey lift" (it doesn't),
 * "I no dey feel am" (can't feel it), "piss dey commot for my body" (is coming out of me),
 * "mi cyaan pee" (I can't), "mi foot dem" (my legs), "mi back a hurt mi" (is hurting me).
 */
const PIDGIN_PROGRESSIVE: Readonly<Record<string, string>> = {
  drag: 'dragging', shake: 'shaking', tear: 'tearing', pain: 'paining', press: 'pressing', come: 'coming',
  swell: 'swelling', hurt: 'hurting', burn: 'burning', walk: 'walking', leak: 'leaking',
};

const PIDGIN_AND_PATOIS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bno fit\b/g, 'cant'],
  // "ma both legs no get power" (have no strength), "my foot no get feeling"
  [/\bno get (?=(?:power|strength|force|feeling|sensation)\b)/g, 'have no '],
  [/\bfeel am\b/g, 'feel it'],
  [/\b(?:dey|don|don dey) commot (?:for|from) (my|his|her) body\b/g, 'came out of $1 body'],
  [/\bcommot (?:for|from) (my|his|her) body\b/g, 'came out of $1 body'],
  [/\b(?:don )?dey lose weight\b/g, 'is losing weight'],
  // "I dey piss for body" (wet myself), "e don shit for body"
  [/\b(?:dey |don )?piss for (?:my |his |her )?body\b/g, 'pissed myself'],
  [/\b(?:dey |don )?(?:shit|poo|poop) for (?:my |his |her )?body\b/g, 'pooed myself'],
  [/\bno dey\b/g, 'not'],
  [/\bdon dey\b/g, 'has been'],
  [/\b(?:dey|don) (?=(?:numb|weak|hot|heavy|swollen)\b)/g, 'is '],
  // "my foot dey drag" (is dragging), "e dey press me" (is pressing)
  ...Object.entries(PIDGIN_PROGRESSIVE).map(([verb, ing]) => [new RegExp(`\\bdey ${verb}\\b`, 'g'), `is ${ing}`] as const),
  [/\blike say\b/g, 'like'],
  [/\bnow now\b/g, 'just now'],
  [/\bsudden sudden\b/g, 'suddenly'],
  // "e" is he, she or it: "e dey press me", "e no lift well" (not "vitamin e", "e coli")
  [/(?<!\b(?:vitamin|plan|grade|type|class|hepatitis|hep) )\be (?=(?:is|not|cant|has|been|dey|start|started|pass|never|no|dont|just|come|came|go)\b)/g, 'it '],
  // Patois: "mi cyaan", "mi slip", "hurt mi", "mi foot dem", "both a dem", "nutten nah come out"
  [/\b(hurt|hurting|help|helping|worry|worrying|kill|killing|trouble|troubling|under|to|for|with|behind|beside|tell|give|gi) mi\b/g, '$1 me'],
  [/(?<!\d )\bmi\b(?! (?:espalda|pierna|piernas|pie|pies|dolor|cuerpo))/g, 'i'],
  [/\b(?:foot|leg) dem\b/g, 'legs'],
  [/\bdem (?=(?:a|buckle|weak|numb|hurt|drag|dey|cyaan|cant|nuh|dont|no|not|feel|give|gi|start)\b)/g, 'they '],
  [/\b(hand|finger|toe|arm) dem\b/g, '$1s'],
  [/\bboth (?:a|of) (?:dem|them)\b/g, 'both'],
  [/\bnah come\b/g, 'is coming'],
  [/\b(it|pain|back|legs|feet|hands|chest|belly|bladder|i|she|he|they) a (?=(?:hurt|run|tear|buckle|get|come|pain|swell|burn|kill|trouble|drag|shake)\b)/g, '$1 '],
  [/\ban (?=(?:i|it|my|nothing|weaker|worse|now|then|the|she|he|mi|di)\b)/g, 'and '],
];

/**
 * Ways of writing found in UK, Irish, Australian and Indian English and in non-native English,
 * turned into the words the rules use. Run on the normalized words.
 */
const REGIONAL: ReadonlyArray<readonly [RegExp, string]> = [
  // "me legs", "me bum", "me daks": "me" is "my" before a body part or a piece of clothing.
  // "me husband", "me mam", "mi son": "me" is "my" before a family word too.
  [/\b(?:me|mi|ma) (?=(?:husband|hubby|wife|missus|mrs|fella|partner|son|sons|daughter|daughters|mam|mom|ma|da|dad|nan|nana|nanna|granny|gran|grandad|grandma|grandpa|brother|sister|mate|kids?|lad|boy|girl|auld fella|old man|old lady|old fella|other half)\b)/g, 'my '],
  // Spanish "mi" before a family word: "Mi tía had cáncer", "mi mamá" (the writer's relative, not "I").
  [/\bmi (?=(?:tia|tio|mama|papa|abuela|abuelo|abuelita|abuelito|madre|padre|hermana|hermano|esposa|esposo|hija|hijo|prima|primo)\b)/g, 'my '],
  // "my MIL", "her FIL": in-laws written as initials.
  [/\b(my|our|his|her|their) mil\b/g, '$1 mother in law'],
  [/\b(my|our|his|her|their) fil\b/g, '$1 father in law'],
  // Jamaican "mi" and Scots "ma" too: "mi foot", "ma hauns".
  [/\b(?:me|mi|ma) (?=(?:(?:left|lef|right|bad|poor|whole|own|lower|upper|good|other) )?(?:legs?|foot|feet|toes?|knees?|back|bum|butt|bottom|batty|arse|ass|groin|ring|bits|privates|bladder|bowels?|hands?|arms?|fingers?|neck|spine|hips?|thighs?|calf|calves|ankles?|shins?|chest|belly|tummy|stomach|guts?|insides|waterworks|wee|pee|trousers|pants|undies|underwear|daks|trackies|jocks|knickers|jeans|shorts|kecks|bed|sheets|sciatica|disc|disk)\b)/g, 'my '],
  ...PIDGIN_AND_PATOIS,
  // non-native English: "I no feel", "he not feel it", "she no can pee" say that they cannot.
  [/\b(i|he|she|they|we|you|my \w+|his \w+|her \w+) (?:no|not) (?:can )?(feel|pee|wee|urinate|walk|stand|move|control|hold)\b(?! (?:weak|numb|tingly|tingling|heavy|bad|good|fine|ok|okay|normal|well|any|different|strange|funny|odd|wrong|right|like|sore|pain|dizzy|sick|great|much|far|long|a lot))/g, '$1 cant $2'],
  [/\b(i|he|she|they|we|you) no can\b/g, '$1 cant'],
  // "I no have strong in my legs": no strength
  [/\b(i|he|she|they|we) (?:no|not|dont|doesnt) (?:have|has|got) (?:strong|strongness|strength|force|power)\b/g, '$1 have no strength'],
  // voice typing's mishearings: "my right leg has been week since the weekend" (weak), "sky attica"
  // (sciatica), "my and you rhythm" (my aneurysm)
  [/\b((?:legs?|foot|feet|ankles?|knees?|arms?|hands?|muscles?) (?:(?:has|have|is|are|feels?|felt|been|gone|going|getting|got|went|so|very|really|a bit|kind of|kinda|super|quite|still|now|more|all) )+)week(?! (?:ago|later|long|or|and|of|after|before|off|end|day|days|night|time|out|in|on|\d))/g, '$1weak'],
  [/\bsky ?at+ica\b/g, 'sciatica'],
  [/\b(my|his|her|an|the) (?:and|an) you (?:rhythm|rism|rhythms)\b/g, '$1 aneurysm'],
  // voice typing's homophone: "numb down they're" (down there)
  [/\bdown (?:theyre|their)(?= ,| \.|$| and\b| too\b| now\b| since\b| for\b| as well\b)/g, 'down there'],
  // …and "she not know when it happen", "the knee not hold me", "my legs not listen me",
  // "fingers not work good": a missing "do" (after the verbs above have become "cant")
  [/\b(i|he|she|they|we|you|it|(?:my|his|her|their|the) \w+|legs|knees|feet|hands|fingers) (?:no|not) (know|notice|realise|realize|listen|obey|work|hold|support|carry|close)\b/g, '$1 dont $2'],
  // "I not go pee whole day": has not been
  [/\b(i|he|she|they|we) (?:no|not) go (?=(?:pee|wee|urinate|poo|poop|toilet|to (?:the )?(?:toilet|bathroom|loo))\b)/g, '$1 didnt go '],
  [/\b(?:the )?whole day\b(?! long)/g, 'all day'],
  // "I pee without to know it": without knowing
  [/\bwithout to (know|feel)\b/g, 'without $1ing'],
  [/\bwithout to (notic|realis|realiz)e\b/g, 'without $1ing'],
  // "my knees is folding", "both legs is without power": a plural body part with "is"
  [/\b(legs|knees|feet|thighs|calves|ankles|hands|arms|fingers) is\b/g, '$1 are'],
  // a singular after "both": "both leg", "tingle in both foot", "pain to both calf"
  [/\bboth (of )?(my |his |her |their |the )?(leg|knee|thigh|ankle|shin|hand|arm|side)\b/g, 'both $1$2$3s'],
  [/\bboth (of )?(my |his |her |their |the )?foot\b/g, 'both $1$2feet'],
  [/\bboth (of )?(my |his |her |their |the )?calf\b/g, 'both $1$2calves'],
  // "my two legs", "numb in two feet": both (not a measure: "two feet away")
  [/\b(in|into|on|my|his|her|their) (?:two|2) (legs|feet|thighs|calves|knees|ankles)\b/g, '$1 both $2'],
  // "from three days", "back pain from one week": for (a second language's "since"); "from
  // yesterday", "from last night": since
  [/\bfrom ((?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several|a couple of) (?:hours?|days?|weeks?|months?))\b(?! (?:ago|of|in|before|after|later|back|now)\b)/g, 'for $1'],
  [/\bfrom (?=(?:yesterday|last night|this morning)\b)/g, 'since '],
  // "she ain't peed since yesterday": "ain't" before a past participle is "hasn't"
  [/\baint (?=(?:peed|pooed|pooped|weed|urinated|passed|felt|had|gone|walked|stood)\b)/g, 'hasnt '],
  // "small toilet" is a wee and "big toilet" a poo; "passing motion" is passing stool.
  [/\bsmall toilet\b/g, 'wee'],
  [/\bbig toilet\b/g, 'poo'],
  [/\b(pass|passes|passed|passing) motions?\b/g, '$1 stool'],
  [/\bmotions? (?=(?:is|are|was|were|coming|comes|came|passing|passes|passed|going|goes|went|not|no|dont|doesnt|leaking|leaks|just)\b)/g, 'stool '],
  // autocorrect slips: "booth legs", "my but is numb", "sciatic a in both legs"
  [/\bbooth (?=(?:legs|feet|sides|thighs|calves|knees|buttocks|of)\b)/g, 'both '],
  // A possessive is never followed by the conjunction "but": "cant feel my but when i sit", "his but
  // and his privates" (not "oh my, but…", which keeps its comma).
  [/(?<!\boh )\b(my|his|her|your|their) but\b(?! (?:i|im|ive|he|hes|she|shes|it|its|they|theyre|we|you|the|not|then|now|also|still)\b)/g, '$1 butt'],
  // voice-to-text slips: "urine ate" (urinate), "my vowels" (bowels), "the groan area" (groin),
  // "water works" (waterworks), "in continent" (incontinent), "my blather" (bladder)
  [/\burine? (ate|ating|ated)\b/g, 'urin$1'],
  [/\b(my|his|her|their|the|of|control) vowels\b/g, '$1 bowels'],
  [/\bgroan (?=(?:area|region|and|numb\w*|is|feels)\b)/g, 'groin '],
  [/\bwater works\b/g, 'waterworks'],
  [/\b(im|is|was|am|be|being|become|became|gone|getting|now|totally|completely|doubly) in continent\b/g, '$1 incontinent'],
  [/\b(my|his|her|the) blather\b/g, '$1 bladder'],
  // "the pair of them", "the two of them": both (legs, feet, sides)
  [/\b(legs|feet|knees|thighs|calves|sides|hands|arms) (?:, )?(?:the )?(?:pair|two|2) of (?:them|em)(?: ,)?/g, '$1 both'],
  [/\b(?:the )?(?:pair|two|2) of (?:them|em)\b/g, 'both'],
  // non-native English: "the pee no want to come out" (won't), "I cannot know when" (can't tell)
  [/\b(pee|urine|wee|water|it|poo|poop|stool|leg|legs|foot) (?:no|not|dont|doesnt) (?:want|wants) to\b/g, '$1 wont'],
  [/\b(i|he|she|they|we) cant know (?=(?:when|if|whether)\b)/g, '$1 cant tell '],
  [/\bsciatic a (?=(?:in|is|has|and|down|on|from|since|flare\w*|both|now|started|came|going|went|gone)\b)/g, 'sciatica '],
];

/** Whole-word replacements that do not belong in the clinical rules file. */
const WORDS: Readonly<Record<string, string>> = {
  cannot: 'cant',
  dnt: 'dont',
  havnt: 'havent',
  hvnt: 'havent',
  hasent: 'hasnt',
  didint: 'didnt',
  dident: 'didnt',
  doesent: 'doesnt',
  dosent: 'doesnt',
  dosnt: 'doesnt',
  cudnt: 'couldnt',
  coudnt: 'couldnt',
  wt: 'weight', // "wt loss ~7 kg"
  yrs: 'years',
  yr: 'year',
  hrs: 'hours',
  hr: 'hour',
  wks: 'weeks',
  wk: 'week',
  mths: 'months',
  mnths: 'months',
  mins: 'minutes',
  r: 'are',
  cnt: 'cant',
  cnat: 'cant',
  cannt: 'cant',
  caint: 'cant',
  kant: 'cant',
  u: 'you',
  n: 'and', // "weaker n weaker", "back n legs"
  ur: 'your',
  bc: 'because',
  cuz: 'because',
  coz: 'because',
  cos: 'because',
  thru: 'through',
  rn: 'right now',
  idk: 'i dont know',
  tho: 'though',
  altho: 'although',
  b4: 'before',
  '2day': 'today',
  tmrw: 'tomorrow',
  dunno: 'dont know',
  gonna: 'going to',
  wanna: 'want to',
  gotta: 'have to',
  pls: 'please',
  plz: 'please',
  mum: 'mom',
  mummy: 'mom',
  mommy: 'mom',
};

/** Contractions whose apostrophe-free form would be another word ("we'll" → "well"). */
const CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(i|you|he|she|it|we|they|that|there)'ll\b/g, '$1 will'],
  [/\bwon't\b/g, 'wont'],
  [/\bcan\s*'?\s*t\b/g, 'cant'],
  [/\bcan not\b/g, 'cant'],
  [/\b(do|does|did|is|are|was|were|have|has|had|could|would|should|must|need)\s+not\b/g, '$1nt'],
  [/\b(do|does|did|is|are|was|were|have|has|had|could|would|should|must|need|ai)n\s*'?\s*t\b/g, '$1nt'],
  [/\bi\s*'\s*m\b/g, 'im'],
  // "I don't think I can feel my bum" says "I think I can't feel my bum".
  [/\b(don'?t|doesn'?t|didn'?t) (think|believe) (i|he|she|they|you) (can|could)\b(?!'| not)/g, '$2 $3 cant'],
  [/\bi am\b/g, 'im'],
];

const UNITS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

function numberWordsToDigits(text: string): string {
  return text.replace(
    /\b(twenty|thirty|fou?rty|fifty|sixty|seventy|eighty|ninety)(?: (one|two|three|four|five|six|seven|eight|nine))?\b/g,
    (_whole, tens: string, unit: string | undefined) => String((TENS[tens] ?? 0) + (unit ? (UNITS[unit] ?? 0) : 0)),
  );
}

export interface Normalizer {
  (text: string): string;
}

export interface SpellingFixes {
  /** misspelled word → correct word(s), whole words */
  readonly spellings: ReadonlyMap<string, string>;
  /** misspelled phrase → correct phrase, whole words ("cant fell" → "cant feel") */
  readonly phraseSpellings?: ReadonlyMap<string, string>;
  /** Words a typo that is no English word is corrected toward ("controll" → "control"). */
  readonly vocabulary?: readonly string[];
}

/**
 * Builds the normalizer with the rules file's spelling fixes. Kept separate from the rules so
 * tests can build one with their own.
 */
export function createNormalizer(fixes: SpellingFixes): Normalizer {
  const { spellings } = fixes;
  const corrector = fixes.vocabulary && fixes.vocabulary.length > 0 ? new SpellingCorrector(fixes.vocabulary) : undefined;
  const phrases = [...(fixes.phraseSpellings ?? new Map<string, string>())].map(
    ([wrong, right]) => [new RegExp(`(?<![a-z0-9])${wrong}(?![a-z0-9])`, 'g'), right] as const,
  );
  const fixWord = (word: string, names: ReadonlySet<string>): string =>
    spellings.get(word) ?? WORDS[word] ?? restoreDroppedG(word) ?? (word.length >= 5 && !names.has(word) ? corrector?.correct(word) : undefined) ?? word;
  return (input: string): string => {
    const names = capitalizedMidSentence(input);
    let text = endLinesAsSentences(input).normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    // "AAA" (abdominal aortic aneurysm) would otherwise look like a scream once lowercased.
    // (not the motoring club: "AAA membership", "AAA roadside")
    text = text.replace(/\bAAA\b(?! (?:membership|member|card|roadside|insurance|batter\w*|discount|rate|office|tow\w*|cover|plan|auto|car|travel|approved|rated)\b)/gi, (match) => (match === 'AAA' ? ' abdominal aortic aneurysm ' : match));
    text = text.toLowerCase();
    text = text.replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'").replace(/[\u201c\u201d]/g, '"');
    text = text.replace(/[\u2013\u2014]/g, ' - ').replace(/\u2026/g, '...');
    // A dash standing between words is punctuation ("saddle numbness - no"): it ends a clause.
    text = text.replace(/(^|\s)-+(?=\s|$)/g, '$1, ');
    for (const [pattern, replacement] of SHORTHAND) text = text.replace(pattern, replacement);
    // Censored swearing still means what it says: "sh*t myself", "cr@p".
    text = text.replace(/\bsh[*!1@#$]+t/g, 'shit').replace(/\bcr[*@#$]+p/g, 'crap').replace(/\bp[*@#$]+ss/g, 'piss');
    for (const [pattern, replacement] of CONTRACTIONS) text = text.replace(pattern, replacement);
    for (const [pattern, replacement] of SYMPTOM_NOUN_IS) text = text.replace(pattern, replacement);
    // Remaining apostrophes ("it's", "dad's", "don't") are dropped: patterns use "its", "dads", "dont".
    text = text.replace(/'/g, '');
    // Hyphens inside words become spaces: "light-headed", "rear-ended", "t-boned".
    text = text.replace(/([a-z])-(?=[a-z])/g, '$1 ');
    // Letters typed three or more times in a row are cut to two: "sooo", "numbbb", "peeee".
    text = text.replace(/([a-z])\1{2,}/g, '$1$1');
    text = numberWordsToDigits(text);
    // "10kg", "15lbs", "102f", "55yo": a number and its unit become two words (not "1st", "2nd").
    text = text.replace(/(\d)(?!(?:st|nd|rd|th)\b)([a-z])/g, '$1 $2');
    // A trailing-off "..." before the words that qualify what came before is a pause, not the end of
    // a sentence: "my legs are numb... with boredom", "dead... from laughing".
    text = text.replace(/\.{2,}\s*(?=(?:with|from|because of|due to)\b)/g, ' ');
    // Keep letters, digits, sentence punctuation and a few symbols used in patterns (°, /, %, #).
    text = text.replace(/[^a-z0-9.,!?;:%/#°\s]/g, ' ');
    // Space out punctuation so that words stay whole, but keep decimals ("38.5") and "10/10".
    text = text.replace(/(\d)\.(\d)/g, '$1\u0000$2').replace(/([.,!?;:])/g, ' $1 ').replace(/\u0000/g, '.');
    const words = text.split(/\s+/).filter((word) => word.length > 0);
    let fixed = words.map((word) => fixWord(word, names)).join(' ').replace(/\s+/g, ' ').trim();
    for (const [pattern, replacement] of phrases) fixed = fixed.replace(pattern, replacement);
    for (const [pattern, replacement] of REGIONAL) fixed = fixed.replace(pattern, replacement);
    return fixed;
  };
}

/**
 * A line break ends a sentence: lists, checklists and diaries are written one item a line
 * ("bladder: not emptying properly / bum: numb / fever: no"), and a "no" on one line says nothing
 * of the next. Not a long line that ends in a word, which is likely text wrapped by a mail client.
 * A list line "key: value" says the key "is" the value ("bum: numb", "hands: numb & clumsy"),
 * unless the value is an answer ("fever: no", "bladder: fine").
 */
const WRAPPED_LINE_LENGTH = 60;
const LIST_ITEM = /^(\s*(?:[-*•]|\d+[.)])?\s*(?!(?:gone|resolved|past|before|previously|old|history|used to|fixed|over)\b)[a-z][a-z /]{0,30}?)\s*:\s*(?!(?:no|none|nil|nope|never|yes|yep|y|n|ok|okay|fine|normal|good|same|nothing)\b)(?=[a-z])/i;

function endLinesAsSentences(input: string): string {
  if (!/[\r\n]/.test(input)) return input;
  return input
    .split(/\r?\n|\r/)
    .map((line, index, lines) => {
      const item = line.replace(LIST_ITEM, '$1 is ');
      const wrapped = line.length >= WRAPPED_LINE_LENGTH && /[a-z,]$/i.test(line.trimEnd());
      return index < lines.length - 1 && !wrapped && line.trim() !== '' ? `${item} .` : item;
    })
    .join(' ');
}

/** "my daughter Bella", "at the Lego store": a capitalised word inside a sentence is a name, not a typo. */
function capitalizedMidSentence(input: string): ReadonlySet<string> {
  const names = new Set<string>();
  for (const match of input.matchAll(/(?<=[a-z,;:] +)([A-Z][a-z]+)\b/g)) names.add((match[1] ?? '').toLowerCase());
  return names;
}

/** "killin", "peein", "pissin": chat drops the g of -ing (only when the short form is no English word). */
function restoreDroppedG(word: string): string | undefined {
  if (word.length < 5 || !word.endsWith('in') || /[^a-z]/.test(word) || isEnglishWord(word)) return undefined;
  return isEnglishWord(`${word}g`) ? `${word}g` : undefined;
}
