import type { ClauseInfo, MentionPlace, SentenceInfo } from './analysis.js';

/**
 * Questions and lessons about symptoms in general, as opposed to reports:
 * - "can sciatica affect the bladder?", "what should I do if I lose bladder control?",
 *   "I read that numbness in the groin is a red flag" are hypothetical (the bot answers from the
 *   red-flags topic with a safety reminder);
 * - "is it normal that I can't pee?", "why is my groin numb?" report a symptom;
 * - "not sure if my bum is numb" is uncertain (worth one closed question).
 */

// "can barely pee", "could hardly stand": a report that drops its "I", not a question.
const INTERROGATIVE_START = /^(?:what|whats|when|how|hows|why|where|which|who|(?:can|could)(?! (?:barely|hardly|only|no longer|not|never|just about|feel|see|hear|smell|walk|stand|move|lift|pee|wee)\b)|does|do|did|is|are|should|would|will|may|might)\b/;
/**
 * Who is asking, said before the question ("I'm a nurse,", "retired RN here,", "as a carer"): an
 * introduction, not a person the symptom is happening to.
 */
const IDENTITY =
  '(?:(?:im|i am|as|speaking as) (?:a|an) )?(?:retired |registered |former |practicing |practising |student |trainee |school |home |hospice |icu |er )?(?:nurse|nurse practitioner|doctor|physician|paramedic|emt|physical therapist|physiotherapist|physio|chiropractor|caregiver|carer|care worker|medical student|med student|nursing student|pharmacist|midwife|massage therapist|personal trainer|coach|teacher)(?: here| myself| by trade)?';
const IDENTITY_CLAUSE = new RegExp(`^(?:(?:hi|hello|hey|ok|so|well) )*${IDENTITY}$`);
/** "quick question, is numbness in the groin an emergency?": words that come before a question. */
const LEAD_IN = new RegExp(
  `^(?:(?:ok|okay|so|basically|quick question|question|hi|hello|hey|hi there|hello there|hey there|um+|well|also|and|but|just wondering|wondering|one more thing|sorry|right|anyway|just curious|curious|random question|${IDENTITY}(?! (?:is|was|turned|turns) \\d))(?: ,)? )+`,
);

function startsAsQuestion(text: string): boolean {
  return INTERROGATIVE_START.test(text.replace(LEAD_IN, ''));
}

/** "is the numbness in my bum normal?": a question whether something is normal or fine, not a denial. */
export function asksWhetherItIs(text: string): boolean {
  return /^(?:is|are|was|were|isnt|arent)\b/.test(text.replace(LEAD_IN, ''));
}
const QUESTION_WORDS = /\b(?:wonder|wondering|want to know|like to know|wanted to know|curious|question|questions|asking (?:about|if|whether)|tell me|explain|info on|information (?:on|about)|learn (?:more )?about|know more about|what are)\b/;

/** "if…", "in case…": a hypothetical, unless the words after it report something happening now. */
// "it's the same whether I'm in bed or the chair" says it makes no difference, it imagines nothing.
const IF_FRAME = /(?:^| )(?:(?<!(?:not sure|dont know|cant tell|unsure|not certain|no idea) )if|in case|incase|(?<!(?:same|matter|regardless of|regardless|either way|equally bad|just as bad) )whether|suppose|supposing|should (?:i|you|he|she|someone|they|we) (?:ever )?(?:get|have|develop|notice|experience|lose|start))(?= |$)/g;
const HAPPENING_NOW_AFTER_IF = /\b(?:already|currently|right now|at the moment|still|again|anymore)\b/;
/** "if I bend my neck I get a shock down my spine": what happens each time, a report. */
const HABITUAL_IF = /^(?:and |but |so )?if (?:i|he|she|they) (?:[a-z]+ ){1,8}(?:i|he|she|they) (?:get|gets|feel|feels)\b(?! to\b)(?!.*\b(?:will|should|must|call|go to)\b)/;
const FUTURE_OR_IMAGINED = /\b(?:ever|were to|would|in the future|later on|someday|one day|happens? to|happened to|end up|suddenly start|begin to|start to)\b/;
/** "if my leg started getting weaker, should I…": the start is imagined too, unless another word dates it. */
const IMAGINED_START = /^(?:i|he|she|they|my|his|her|their|your|the|a|one|both)\b(?: [a-z]+){0,3} (?:started|starts|start) (?:to |getting|going|feeling|losing|having)/;

/** "can sciatica cause…", "does a herniated disc affect…": a question about symptoms in general. */
const CAUSE_FRAME =
  /(?:^| )(?:can|could|does|do|did|will|would|might|may|is it possible (?:for|that)|is it (?:common|normal|usual|possible|likely) (?:for|to)|how (?:can|does|do|could|would)) (?:[a-z0-9]+ ){0,4}?(?:cause|causes|make|makes|affect|affects|lead|leads|give|gives|result|bring|trigger|produce|mean|means|be (?:a )?(?:sign|symptom|related|from|caused|linked|part)|involve|impact|damage|spread|go|get)(?= |$)/g;
// "does sciatica make it hard to empty my bladder?" still asks in general: a possessive after "to…" is part of the question.
const REPORT_AFTER_CAUSE = /\b(?:(?<!\bto (?:[a-z]+ )?)(?:my|his|her|their)|this|these|those|im|ive|hes|shes|i (?:have|cant|am|feel|keep|started))\b/;

/**
 * "I read that…", "watch out for…", "red flags like…", "my friend said losing bladder control is
 * an emergency", "I know numbness in the saddle area is serious": a lesson, not a report. A sound
 * heard is no lesson: "heard a crack, low back pain now", nor is a word learned: "in the saddle place
 * (I read this word online) I have numb", nor is reading done ("when I bend my head down to read, a
 * zap shoots down my spine").
 */
const EDUCATION_FRAME =
  /(?:^| )(?:(?:said|says|told (?:me|us)|reckons|thinks|claims|mentioned|heard|read|know|knew|understand|learned|learnt)(?: that)?(?!.*\b(?:since|today|this morning|tonight|last night|yesterday|now|started|began|happening)\b)(?= (?:losing|having|getting|not being able to|being unable to|not feeling|leaking|wetting|numbness|weakness|incontinence|retention|loss of) (?:(?!(?:i|my|im|ive|me|he|his|hes|she|her|shes|we|our|they|their)\b)[a-z]+ ){1,8}(?:is|are|can be|could be|would be|means) (?:always |usually |definitely |really |an? )*(?:emergency|medical emergency|red flag|danger sign|warning sign|serious|dangerous|bad sign)\b)|(?:(?<!\bto )read|reading|learned|learnt|learning)(?! (?:this|that|the) (?:word|name|term|expression)\b)|to read(?= (?:up|about|that|online|on|somewhere|articles?|stories|posts?|forums?)\b)|(?:heard|hearing)(?! (?:a|an|something|it|this|that) (?:loud |big |sharp |sickening |horrible |little |small )?(?:crack|cracking|pop|popping|snap|snapping|click|crunch|bang|thud|thump|noise|sound)\b)|googled|googling|according to|(?:said|says|told (?:me|us|him|her)|warned (?:me|us|him|her)|mentioned|explained|advised(?: me)?) (?:to|that if|if|about|what to|when to|that you should|i should)|watch (?:out )?for|look(?:ing)? out for|(?:tell|teach|educate|explain to|advise|counsel|warn) (?:my |our |the |new )?(?:patients|clients|residents|students|pts)(?= about| what| when| to)|keep an eye (?:out )?for|be aware of|aware of|what to do if|when to (?:go|call|see|worry|seek)|(?:when )?(?:should|do|would|must) (?:i|you|we|one) (?:need to )?(?:worry|be worried|be concerned|panic) about(?! (?:my|his|her|this|these|that|the|it|them|our)\b)|signs? (?:of|like|such as|including)|(?<!(?:have|having|has|got|with) )symptoms? (?:like|such as|including|to watch)|why (?:(?:do|does|would|did) )?(?:they|doctors?|physios?|therapists?|nurses?|gps|clinics?|forms?|you|(?:the|my|our) (?:doctor|doc|physio|nurse|gp|therapist|clinic|form|surgeon|consultant|specialist|pharmacist)) (?:always |even |keep |still )?(?:ask(?:s|ed|ing)?|check(?:s|ed|ing)?|screen(?:s|ed|ing)?|want(?:s|ed)? to know|test(?:s|ed|ing)?) (?:me |you |people |patients |everyone )?(?:about|for|if|whether)|red flags?|warning signs?|such as|for example|things like|(?:scared|afraid|worried|terrified|frightened|paranoid|anxious|fear|worry|worrying) (?:of|about|to)(?= (?:lose|losing|get|getting|have|having|develop|developing|become|becoming|end up|ending up|being|be) )|(?:worried|scared|afraid|concerned|fear|frightened|terrified|anxious|nervous) (?:that )?(?:i|he|she|we|they) (?:might|may|could|will|would)(?! have)|(?:watched|watching|saw|seen|seeing) (?:a |an |the |that |this |some )?(?:[a-z]+ ){0,2}?(?:drama|show|series|documentary|doco|programme|program|film|movie|episode|video|clip|tiktok|reel|soap)s? (?:about|where|in which|on which|showing|that showed)|on (?:greys anatomy|the (?:tv|telly|news|radio)|tv|telly|(?:a |the |that )?(?:tv |medical )?(?:show|drama|programme|program|documentary|series|episode|film|movie)|youtube|tiktok|netflix)(?= (?:a|an|this|some|the) (?:guy|man|woman|girl|boy|lady|bloke|character|patient|person|doctor|nurse|footballer|player)\b))(?= |$)/g;

/**
 * "the leaflet says 'unable to pass urine'", "Copied from the leaflet: 'tearing chest pain…'", "ER
 * criteria from a website: 'fall from height…'": words quoted from a warning leaflet, list or site
 * are what to watch for, not what anyone has (probe 35). Not a letter, note, form or scan report,
 * which speak of the patient.
 */
const WARNING_SOURCE =
  '(?:leaflets?|handouts?|booklets?|pamphlets?|brochures?|posters?|(?:info|information|advice|fact|safety net(?:ting)?|when to worry|warning) sheets?|discharge (?:advice|instructions)|watch ?list|check ?list|(?:red flags?|warning signs?|emergency|danger signs?|er|go to er if) (?:list|bit|section|part|page)|criteria|guidelines|websites?|web ?site|web ?page|symptom checker)';
const DOCUMENT_FRAME = new RegExp(
  `\\b(?:${WARNING_SOURCE}|list)(?: (?:that |which )?(?:[a-z]+ ){1,2}(?:gave|give|sent|handed|printed|showed) (?:me|us|him|her|them))? (?:says|said|say|lists|listed|mentions|mentioned|states|stated|reads|warns (?:of|about)|includes|included)(?= |$)` +
    // "Pasting from my leaflet:", "From the red flags bit of my leaflet:": a clause that only names where the words come from.
    `|^(?:(?:ok|so|and|also|here is|heres|this is|below is) )*(?:(?:pasting|pasted|copying|copied|copy|quote|quoting|quoted|excerpt|extract|typed up|straight|taken|reading)(?: [a-z]+){0,5}? )?(?:from|in|on|off|of) (?:[a-z]+ ){0,6}?${WARNING_SOURCE}$`,
  'g',
);

/** "why is saddle numbness so serious?", "why does bladder retention matter?" */
const WHY_IT_MATTERS = /\bwhy (?:does|do|is|are|would|should) (?:[a-z0-9]+ ){1,6}?(?:matter|matters|so important|important|so serious|serious|so dangerous|dangerous|an emergency|a red flag|urgent|such a big deal|a big deal)\b/;

/** "the emergency symptoms you listed, was losing bladder control one of them": asks what is on a list. */
const ONE_OF_THE_SIGNS =
  /\b(?:is|was|are|were|isnt|wasnt|arent|werent) (?:[a-z0-9]+ ){1,8}?(?:one of (?:them|those|these|the (?:signs|symptoms|red flags|warning signs|emergency signs|emergency symptoms|danger signs))|among (?:them|those|these)|on (?:the|that|your|this) list)\b/;

/** A general question with no person in it: "is numbness in the groin serious?". */
const THEY = /^(?:they|theyre|them|their)$/;
const GENERIC_PEOPLE = /\b(?:you|your|youre|someone|somebody|anyone|anybody|people|a person|one|patients|a patient)\b/;
const REPORTING_QUESTION = /^(?:is it|is that|isnt it|would it be|should i be) (?:\w+ )?(?:normal|ok|okay|bad|weird|common|serious|dangerous|fine|worrying|concerning|an emergency|a problem|worried)\b/;

const GENERAL_INFINITIVE = /^(?:is it|isnt it|would it be|is that) (?:\w+ )?(?:normal|ok|okay|bad|common|serious|dangerous|usual|possible|rare) (?:for (?:someone|people|a person|you|anyone|sciatica|back pain|nerve pain|(?:a )?(?:slipped|herniated|bulging) dis[ck]s?) )?to (?:have|get|feel|lose|experience|develop|notice|start|go|spread|travel|radiate|move|affect|cause)\b/;
/** "is it possible to lose control of my bladder from sciatica?": something that might happen, not something that has. */
const POSSIBLE_TO_BECOME = /^(?:is it|isnt it|would it be|is that) (?:\w+ )?(?:possible|likely|common|normal|usual|rare) (?:for (?:\w+ ){1,2})?to (?:lose|get|develop|become|end up|start)\b/;
/** "numbness down there would be an emergency, right?": a modal question about no one in particular. */
const MODAL_QUESTION = /\b(?:would|could|might|should) (?:be|that be|it be|mean|need)\b|\b(?:right|correct|yes|no)$/;

const TIME_NOW =
  /\b(?:since|right now|currently|at the moment|anymore|any more|lately|recently|today|yesterday|tonight|this (?:morning|week|afternoon|evening)|last night|for the (?:past|last)|for (?:\d+|a few|a couple of|couple|several|two|three|four|five) (?:days|hours|weeks)|started|keeps|still)\b/;

/** The words asked about as a term: "what saddle anesthesia means", "what the word incontinence refers to". */
const TERM_ASKED_ABOUT = /\b(?:what|whats) (?:the (?:term |word |words |phrase )?)?(?:[a-z]+ ){1,4}(?:means|mean|stands for|refers to)\b/;

/** A clause asking what the words before it mean. */
const ASKS_MEANING = /^(?:(?:and|so|but|like|um+|sorry|ok|okay) )*(?:what|whats) (?:does|do|is|are|exactly is|exactly does) (?:that|it|this|those|these|they)(?: (?:actually|exactly|even|really|mean exactly))?(?: (?:mean|means|stand for|refer to|involve))?(?: exactly)?$|^(?:(?:and|so) )?(?:meaning|what is meant)$/;

const UNCERTAIN = /\b(?:not sure (?:if|whether|that|but)|dont know (?:if|whether)|unsure (?:if|whether)|cant tell (?:if|whether)|hard to (?:say|tell) (?:if|whether)|not certain (?:if|whether)|no idea (?:if|whether)|i thought (?:that )?(?:i had|id|i d|i was)|(?:he|she|they|mum|mom|dad|(?:my|his|her) \w+) thought (?:that )?(?:he|she|they)(?: had|d| was|d been| had been))\b/;


export function isQuestionLike(text: string, endsWithQuestionMark: boolean): boolean {
  return endsWithQuestionMark || startsAsQuestion(text) || QUESTION_WORDS.test(text);
}

/** Whether the clause opens an "if…" or lesson frame that a following list item shares. */
export function opensFrame(text: string): boolean {
  return IF_FRAME_ANYWHERE.test(text) || EDUCATION_FRAME_ANYWHERE.test(text) || DOCUMENT_FRAME_ANYWHERE.test(text);
}

const IF_FRAME_ANYWHERE = new RegExp(IF_FRAME.source);
const EDUCATION_FRAME_ANYWHERE = new RegExp(EDUCATION_FRAME.source);
const DOCUMENT_FRAME_ANYWHERE = new RegExp(DOCUMENT_FRAME.source);

/** Where each kind of frame ends in a clause, found once per clause. */
interface Frames {
  readonly education: readonly number[];
  /** Words quoted from a warning leaflet or list follow. */
  readonly document: readonly number[];
  readonly ifFrame: readonly number[];
  readonly cause: readonly number[];
  readonly uncertain: readonly number[];
  /** The clause says it is happening now ("since yesterday", "right now"). */
  readonly now: boolean;
}

const framesByClause = new WeakMap<ClauseInfo, Frames>();

function framesOf(clause: ClauseInfo): Frames {
  const cached = framesByClause.get(clause);
  if (cached) return cached;
  const ends = (pattern: RegExp): number[] => [...clause.text.matchAll(new RegExp(pattern.source, 'g'))].map((match) => match.index + match[0].length);
  const frames = {
    education: ends(EDUCATION_FRAME),
    document: ends(DOCUMENT_FRAME),
    ifFrame: ends(IF_FRAME),
    cause: ends(CAUSE_FRAME),
    uncertain: ends(UNCERTAIN),
    now: TIME_NOW.test(clause.text),
  };
  framesByClause.set(clause, frames);
  return frames;
}

/** The end of the last frame that closes before `position`. */
function lastBefore(ends: readonly number[], position: number): number | undefined {
  return ends.filter((end) => end <= position).at(-1);
}

/** The clause says it is happening now ("since yesterday", "right now", "still"). */
export function saysNow(clause: ClauseInfo): boolean {
  return framesOf(clause).now;
}

export function isUncertain(clause: ClauseInfo, place: MentionPlace): boolean {
  return lastBefore(framesOf(clause).uncertain, place.start) !== undefined;
}

/**
 * "…watch out for numbness down there, and now I have it", "what does it mean when you can't feel
 * your privates? cos I can't", "you said to call 911 if my bladder stopped, well it has": a
 * question or lesson about a symptom, then a short clause saying it is happening ("…? it just
 * started", "…? it came on an hour ago"); the "it" may be left out ("…? Happened twice today at work",
 * "…? came on suddenly"); after a quoted warning, "That's me right now", "I've noticed that this week",
 * "I think my right foot has it", "It's started", "well it's spreading" (probe 35).
 */
const CONFIRMS =
  /^(?:(?:and|but|so|well|because|as|which|now|yes|yeah|actually|honestly|(?:im|i am|i was|just|only) (?:asking|wondering)(?: (?:because|cos|cause|as|since))?|(?:asking|wondering) (?:because|cos|cause|as|since)) )*(?:(?:i|he|she|we|they|mine|his|hers|theirs) (?:(?:now|do|did|really|actually|definitely|already|kind of|kinda|sort of|sorta|a bit|a little|slightly|think|feel like) )*(?:have|has|got|do|does|did|am|is|are|cant|couldnt|can not)(?: (?:it|that|this|them|those|now|too|already|exactly that|all of (?:them|those|that)|right now|the same))?(?: (?:since|from) (?:yesterday|last night|this morning|today|the weekend|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:\d+|two|three|a few) days(?: ago)?)| today| now| too| a bit| a little| slightly| this (?:morning|afternoon|evening|week)| last night| yesterday| tonight| every (?:night|day|morning|evening)| most (?:nights|days|mornings)| all the time| at night| a lot| (?:for|over) (?:the (?:last|past) )?(?:a |\d+ |a few |a couple of |two |three |several )?(?:days?|weeks?|months?))?|(?:i|ive|im|he|hes|she|shes|we|they) (?:have been |has been |been |keep |keeps )?(?:getting|having|get|gets) (?:it|that|this|them|those|these)(?: (?:now|too|already|again|every (?:night|day|morning|evening)|most (?:nights|days|mornings)|all the time|at night|a lot|(?:for|over) (?:the (?:last|past) )?(?:a |\d+ |a few |a couple of |two |three |several )?(?:days?|weeks?|months?)))*|(?:it|that|this|they) (?:has|have|did|does|is|are)(?: (?:now|happened|happening|already|too))?|(?:its|thats|theyre) (?:happening|happened|what i have|now)(?: to (?:me|him|her))?|(?:now )?(?:i|he|she) (?:have|has|am|do) (?:it|that|this|them)|(?:(?:i|he|she|we|they) (?:have |has |had |now )?|(?:ive|hes|shes|weve|theyve) )(?:lost|developed|noticed|got|have|has|had) (?:it|that|this|them)(?: (?:now|too|today|since (?:this morning|last night|yesterday|today|\w+day)|this morning|this week|last night|yesterday))?|(?:thats|that is|this is) (?:literally |exactly |definitely |basically |totally |just )*(?:me|him|her|what i have|what ive got|what hes got|what shes got)(?: (?:right now|now|today|at the moment))?|(?:but )?(?:ive |i have |hes |shes )?never (?:had|felt|experienced) (?:it|this|that|anything like (?:it|this|that)) before|(?:mine|his|hers|theirs|my own|(?:my|his|her) ones) (?:have|has|are|is|went|feel|feels|got)(?: been| gone| felt| become| got| started| all| completely| totally| really)* (?:numb|dead|tingly|weak|like (?:that|this)|that way|the same)\b.*|(?:i think |i reckon |pretty sure )?(?:my|his|her) (?:left |right |other |bad )?(?:foot|feet|leg|legs|knee|knees|toes|ankle|bladder|bowels?|back|bum|groin|hands?|arms?) (?:has|have|does|is doing) (?:it|that|this)(?: (?:now|too|already))?|(?:its|it is|theyre|they are) (?:definitely |really |now |already )?(?:spreading|getting worse|happening)|(?:(?:it|its|this|that|they) )?(?:only |just |really |all )?(?:started|began|came on|kicked in|appeared|hit me|happened)(?: (?:(?:twice|once|again|(?:\d+|two|three|four|a few|several) times) (?:today|this morning|this afternoon|this week|yesterday|tonight|last night)(?: at (?:work|home|school|the gym))?|just now|today|this morning|this afternoon|this evening|tonight|last night|yesterday|an hour ago|(?:\d+|a few|a couple of|two|three) (?:minutes|hours|days|weeks) ago|suddenly|out of nowhere|all of a sudden|(?:happening )?to (?:me|him|her)|on me))?|(?:mine|his|hers|theirs|(?:it|this|that|they)) (?:has |have )?(?:only |just |recently )?(?:started|begun|began) (?:doing|to do) (?:that|this|it|the same)(?: (?:over|at|on) the weekend| (?:this|last) (?:week|weekend|morning|night|month)| yesterday| today| recently| now| (?:\d+|a few|a couple of|two|three) (?:days|weeks) ago| since (?:\w+day|yesterday|the weekend|last week))?)$/;

/** "…and now he's convinced he has it": a fear that one has it, not word that one does. */
const ONLY_FEARED = /\b(?:convinced|thinks?|thought|worried|worries|afraid|scared|paranoid|fears?|feared|believes?|reckons?|panicking|panicked|terrified)(?: that)?$/;

/**
 * A form's or a nurse's question put to the writer, then answered yes: "Copied from the form: 'Do
 * you have sciatica in both legs?' - Yes, both", "'Have you lost weight without trying?' I said
 * yes" (probe 35).
 */
const ASKED_OF_YOU = /(?:^| )(?:do|have|are|did|has|is|any|were|does|can) (?:you|your)\b/;
const ANSWERED_YES = /^(?:(?:a|answer|my answer|i said|i answered|i ticked|i put|i wrote|ticked|and i said) )?(?:yes|yeah|yep|yup|ticked yes)$/;

function answeredYes(sentence: SentenceInfo, next: SentenceInfo | undefined): boolean {
  if (!sentence.questionLike || !ASKED_OF_YOU.test(sentence.text) || !next) return false;
  const [first, second] = next.clauses;
  return first !== undefined && (ANSWERED_YES.test(first.text) || (/^(?:a|answer|my answer)$/.test(first.text) && ANSWERED_YES.test(second?.text ?? '')));
}

/** "Can you see a 30-year-old with back pain after a car rolled? I was the passenger": the asker is the one. */
const ASKER_IS_THE_ONE =
  /^(?:(?:and|but|so|well|yes|yeah|actually) )*(?:(?:i|im|i am|i was) (?:the |a )?(?:passenger|driver|rider|one|patient|person)\b|(?:its|it is|thats|that is|this is|that was|it was) (?:for )?(?:me|my ?self|about me)\b(?! (?:asking|wondering|joking|being|curious|checking|just|typing|texting)))/;

function confirmedLater(sentence: SentenceInfo, clause: ClauseInfo, next: SentenceInfo | undefined): boolean {
  if (answeredYes(sentence, next)) return true;
  if (sentence.questionLike && ASKER_IS_THE_ONE.test(next?.clauses[0]?.text ?? '')) return true;
  const confirms = (other: ClauseInfo): boolean => CONFIRMS.test(other.text) && !ONLY_FEARED.test(sentence.clauses[other.index - 1]?.text ?? '');
  if (sentence.clauses.some((other) => other.index > clause.index && confirms(other))) return true;
  const [first, second] = next?.clauses ?? [];
  if (first !== undefined && CONFIRMS.test(first.text)) return true;
  // "…? I'm asking because mine does": the lead-in may stand as a clause of its own.
  return first !== undefined && second !== undefined && ASKING_LEAD.test(first.text) && CONFIRMS.test(second.text);
}

/** The sentence after a question says it was asked in general: "asking for knowledge only", "just curious, I don't have it". */
const ASKED_IN_GENERAL =
  /^(?:(?:im|i am|i was|its|it is|this is|(?:and|but|so|ok|okay) ) ?)*(?:just |only )?(?:asking|curious|wondering|a question)(?: (?:for (?:(?:general |my own )?(?:knowledge|information|info|interest|learning|study|studies|education|curiosity))|out of (?:curiosity|interest)|in general|generally|theoretically|hypothetically))(?: only| purposes)?(?: , (?:i|we) (?:dont|do not|dont actually) have(?: (?:it|this|that|them|these|those|any of (?:it|that|them|these|those)))?)?$/;

const WAS_ASKING =
  /^(?:(?:and|but|so|sorry|to be clear) )*(?:(?:that|this|it) was (?:just |only )?(?:me|him|her) (?:just |only )?asking|(?:i|he|she) was (?:just |only )?asking) (?:whether|if|about|in general|generally)\b/;

const ASKING_LEAD = /^(?:(?:im|i am|i was|just|only) )?(?:asking|wondering)$/;

/** A question to the clinic itself (booking, cover, hours), not about a symptom. */
const CLINIC_QUESTION =
  /^(?:(?:and|so|but|also|just wondering|wondering) )*(?:(?:do|does|can|could|will|would|are|is) (?:you|u|ya|you guys|yall|your (?:clinic|office|practice|therapists?)|the (?:clinic|office|practice)|anyone there) (?:take|accept|bill|cover|have (?:any )?(?:openings|appointments|slots|availability|space|anything)|offer|open|see|treat|book|do (?:home visits|evenings|weekends|telehealth))|(?:can|could|may) (?:i|we) (?:book|get (?:an|a) (?:appointment|slot|session)|make (?:an|a) (?:appointment|booking)|schedule|come in)|how much (?:is|does|do|for)|whats? (?:your|the) (?:hours|rates|prices|cost|fee|address|earliest)|when (?:are you|is the clinic) open|is (?:there|the clinic) (?:any|parking|availability))\b/;

function askedAboutTheClinicAfter(sentence: SentenceInfo, clause: ClauseInfo): boolean {
  return !startsAsQuestion(clause.text) && sentence.clauses.some((other) => other.index > clause.index && CLINIC_QUESTION.test(other.text));
}

/** The mention lies within the clause's match of `pattern` ("why is [saddle numbness] so serious"). */
function insideMatch(pattern: RegExp, clause: ClauseInfo, place: MentionPlace): boolean {
  const match = pattern.exec(clause.text);
  return match !== null && place.start >= match.index && place.end <= match.index + match[0].length;
}

/**
 * "For my OSCE: is urinary retention…", "kinesiology student: is foot drop urgent?": a question
 * asked for study, about no one, unless the asker then speaks of themselves or of now.
 */
const STUDY_FRAME =
  /^(?:(?:hi|hey|hello|ok|okay|so|quick question|question) )*(?:for (?:my|an|a|our|the|this) (?:[a-z]+ )?(?:osce|osces|exam|exams|essay|assignment|case study|dissertation|thesis|revision|class|course|module|homework|quiz|viva|boards|placement|studies|coursework|presentation|project)|(?:revising|studying|prepping|preparing|cramming) for (?:my|an|a|the|our) (?:[a-z]+ )?(?:osces?|exams?|finals|boards|tests?|quiz|viva|assessment|module)|(?:(?!(?:my|his|her|our|their|your|the|a)\b)[a-z]+ )?students?(?: here)?|(?:theoretical|hypothetical)(?:ly)?(?: question| speaking)?)\b/;
const SELF_WORDS = /\b(?:i|im|ive|id|me|my|mine|myself)\b/;

function askedForStudy(sentence: SentenceInfo): boolean {
  const study = STUDY_FRAME.exec(sentence.text);
  return study !== null && !SELF_WORDS.test(sentence.text.slice(study[0].length)) && !sentence.clauses.some((c) => framesOf(c).now);
}

export function isHypothetical(sentence: SentenceInfo, clause: ClauseInfo, place: MentionPlace, next?: SentenceInfo): boolean {
  if (confirmedLater(sentence, clause, next)) return false;
  if (sentence.questionLike && askedForStudy(sentence)) return true;
  const frames = framesOf(clause);
  if (lastBefore(frames.education, place.start) !== undefined) return true;
  if (lastBefore(frames.document, place.start) !== undefined && !frames.now) return true;
  const ifFrame = lastBefore(frames.ifFrame, place.start);
  if (ifFrame !== undefined) {
    const afterIf = clause.text.slice(ifFrame).trim();
    // "if" frames a hypothetical ("what do I do if I can't feel my legs"), unless the words say it is
    // happening now ("…if I haven't peed since last night").
    if (!sentence.questionLike && HABITUAL_IF.test(clause.text) && !FUTURE_OR_IMAGINED.test(afterIf)) return false;
    const imaginedStart = IMAGINED_START.test(afterIf) && !TIME_NOW.test(afterIf.replace(/\bstart(?:ed|s)?\b/g, ''));
    return imaginedStart || FUTURE_OR_IMAGINED.test(afterIf) || !(HAPPENING_NOW_AFTER_IF.test(afterIf) || frames.now);
  }
  if (clause.hypotheticalByList && !frames.now) return true;
  if (insideMatch(ONE_OF_THE_SIGNS, clause, place) && !frames.now) return true;
  if (!sentence.questionLike) return false;
  // "'pain in both legs?' - that was me asking whether sciatica can do that" (probe 35): the next words say it was a question.
  if (next !== undefined && WAS_ASKING.test(next.clauses[0]?.text ?? '') && !frames.now) return true;
  // "cancer survivor with new back pain, do you take medicare?": the question is about booking or cover.
  if (askedAboutTheClinicAfter(sentence, clause)) return false;
  // "why does urinary retention matter in sciatica?": asks why a symptom counts, reports none.
  if (insideMatch(WHY_IT_MATTERS, clause, place) && !frames.now) return true;
  const cause = lastBefore(frames.cause, place.start);
  if (cause !== undefined) return !(REPORT_AFTER_CAUSE.test(clause.text.slice(cause)) || frames.now);
  // "can you tell me what saddle anesthesia means? it was on the form": a term asked about, whoever asks.
  if (insideMatch(TERM_ASKED_ABOUT, clause, place) && !frames.now) return true;
  // "is numbness in the groin serious?" (no one in it) vs "is it normal that I can't pee?" (a report).
  // "when someone can't feel their bum": "their" is the someone, not a real person.
  const generic = GENERIC_PEOPLE.test(sentence.text);
  const personal = sentence.clauses.some(
    (c) =>
      !IDENTITY_CLAUSE.test(c.text) &&
      c.refs.some((ref) => ref.subject === 'self' || (ref.subject === 'other' && !(generic && THEY.test(c.text.slice(ref.at, ref.end))))),
  );
  // "is it normal to have numbness in the groin?" asks in general; "is it normal that I can't pee?" reports.
  if (!personal && (GENERAL_INFINITIVE.test(sentence.text) || MODAL_QUESTION.test(sentence.text))) return true;
  if (POSSIBLE_TO_BECOME.test(sentence.text)) return true;
  if (REPORTING_QUESTION.test(sentence.text) || sentence.clauses.some((c) => framesOf(c).now)) return false;
  // "Saddle numbness - what does that actually mean?": a term, then a question what it means.
  // "probably nothing, just checking: what counts as numbness down there?": the question may open the mention's own clause.
  // "Numb in the private area with back pain, it is dangerous or not? Asking for knowledge only": the next sentence says it is asked in general.
  if (!personal) {
    return (
      startsAsQuestion(sentence.text) ||
      startsAsQuestion(clause.text) ||
      generic ||
      sentence.clauses.some((c) => c.index > clause.index && ASKS_MEANING.test(c.text)) ||
      (next !== undefined && ASKED_IN_GENERAL.test(next.text))
    );
  }
  // "would weakness in both legs mean I need surgery?": the symptom is asked about before anyone has it.
  return startsAsQuestion(sentence.text) && place.clause === 0 && !clause.refs.some((ref) => ref.at < place.end);
}

/**
 * The writer holds their own trouble up against someone else's story: "my friend's dad had an
 * aortic aneurysm and the first symptom was back pain. Could mine be that?", "my cousin lost the
 * use of her legs, that's what scares me" (probe 61). The story, told as done and over, is then
 * no report about that person.
 */
const COMPARES_WITH_OWN =
  /\b(?:could (?:mine|my (?:\w+ )?(?:pain|back|symptoms?|sciatica)) be|(?:is|could) (?:that|this|it) (?:be )?what (?:i have|ive got|i ve got|is wrong with me)|am i at risk|(?:could|will|would|might|can) (?:that|this|it|the same(?: thing)?) happen to me|does (?:that|this) mean (?:i|mine)|(?:thats|that s|that is) what (?:scares|worries|frightens) me|(?:should|do) i (?:be )?worr(?:y|ied) (?:about (?:that|the same)|it could be (?:that|the same))|(?:mine|my (?:\w+ )?(?:pain|back|ache|symptoms?|sciatica))(?: is| s|s| feels?) (?:nothing like|not like|completely different from|totally different from|different from) (?:that|this|it|his|hers|theirs))\b/;

/** …and the story has its ending or its name (a diagnosis, an operation, an outcome), or is hearsay ("apparently"). */
const STORY_WITH_AN_END =
  /\b(?:had (?:a |an )?(?:tumou?r|cancer|aneurysm|aortic \w+|dissection|cauda equina|ces|stroke|surgery|operation|spinal (?:surgery|operation|fracture))|(?:was|got) diagnosed|ended up|needed (?:surgery|an operation)|had to have|passed away|died|survived|recovered|before (?:his|her|their) (?:dissection|aneurysm \w+|stroke|heart attack|diagnosis|operation|surgery)|apparently|(?:so )?i (?:heard|read)|i was told)\b/;

export function comparesWithOwn(normalized: string): boolean {
  return COMPARES_WITH_OWN.test(normalized) && STORY_WITH_AN_END.test(normalized);
}
