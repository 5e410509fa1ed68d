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
  [/\bw\//g, ' with '],
  [/\bb\/c\b/g, ' because '],
  [/\by\/o\b/g, ' year old '],
  [/(\d)\s*(?:yo|yrs? old|yr old|y\.o\.?)(?=\s|$|[.,!?;:])/g, '$1 year old '],
  [/\b(?:a&e|e\.r\.)(?=\s|$|[.,!?;:])/g, ' er '],
  [/&/g, ' and '],
  [/\+/g, ' and '],
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
    let text = input.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    // "AAA" (abdominal aortic aneurysm) would otherwise look like a scream once lowercased.
    text = text.replace(/\bAAA\b/g, ' abdominal aortic aneurysm ');
    text = text.toLowerCase();
    text = text.replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'").replace(/[\u201c\u201d]/g, '"');
    text = text.replace(/[\u2013\u2014]/g, ' - ').replace(/\u2026/g, '...');
    // A dash standing between words is punctuation ("saddle numbness - no"): it ends a clause.
    text = text.replace(/(^|\s)-+(?=\s|$)/g, '$1, ');
    for (const [pattern, replacement] of SHORTHAND) text = text.replace(pattern, replacement);
    // Censored swearing still means what it says: "sh*t myself", "cr@p".
    text = text.replace(/\bsh[*!1@#$]+t/g, 'shit').replace(/\bcr[*@#$]+p/g, 'crap').replace(/\bp[*@#$]+ss/g, 'piss');
    for (const [pattern, replacement] of CONTRACTIONS) text = text.replace(pattern, replacement);
    // Remaining apostrophes ("it's", "dad's", "don't") are dropped: patterns use "its", "dads", "dont".
    text = text.replace(/'/g, '');
    // Hyphens inside words become spaces: "light-headed", "rear-ended", "t-boned".
    text = text.replace(/([a-z])-(?=[a-z])/g, '$1 ');
    // Letters typed three or more times in a row are cut to two: "sooo", "numbbb", "peeee".
    text = text.replace(/([a-z])\1{2,}/g, '$1$1');
    text = numberWordsToDigits(text);
    // "10kg", "15lbs", "102f", "55yo": a number and its unit become two words (not "1st", "2nd").
    text = text.replace(/(\d)(?!(?:st|nd|rd|th)\b)([a-z])/g, '$1 $2');
    // Keep letters, digits, sentence punctuation and a few symbols used in patterns (°, /, %, #).
    text = text.replace(/[^a-z0-9.,!?;:%/#°\s]/g, ' ');
    // Space out punctuation so that words stay whole, but keep decimals ("38.5") and "10/10".
    text = text.replace(/(\d)\.(\d)/g, '$1\u0000$2').replace(/([.,!?;:])/g, ' $1 ').replace(/\u0000/g, '.');
    const words = text.split(/\s+/).filter((word) => word.length > 0);
    let fixed = words.map((word) => fixWord(word, names)).join(' ').replace(/\s+/g, ' ').trim();
    for (const [pattern, replacement] of phrases) fixed = fixed.replace(pattern, replacement);
    return fixed;
  };
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
