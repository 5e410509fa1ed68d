import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';
import type { KnowledgeBase } from './load.js';
import type { Topic } from './schema.js';
import { isEnglishWord, SpellingCorrector } from './spelling.js';
import { loadSynonyms, type Synonyms } from './synonyms.js';
import { loadEverydayWords } from './everydayWords.js';
import { startsLikeQuestion, TextAnalyzer, wordsOf, type AnalysedTerm } from './textAnalysis.js';
import { featuresOf, type TopicClassifier, type TopicProbability } from './topicClassifier.js';
import { loadOrTrainTopicClassifier, OFF_DOMAIN_LABEL, topicExamples, trainTopicClassifier, type TopicModelFile } from './topicModel.js';
import { loadOffDomain, type OffDomain } from './offDomain.js';
import { PhraseMatcher } from './phrases.js';
import { nearbyPlaceNames } from './places.js';

/**
 * Finds the knowledge-base topic that answers a visitor's message, or says honestly that none does.
 *
 * - Is the message about our subject? Its words known from the knowledge base weigh for, unknown
 *   words and markers of other subjects (off-domain.yaml) weigh against (the domain share), and
 *   everyday words (everyday-words.yaml) and town names weigh neither way; the classifier's
 *   off-domain class, trained on example messages about other things, can also decline.
 * - Which topic? A logistic-regression classifier trained on each topic's alternate questions
 *   (topicClassifier.ts), plus a smaller share of BM25 over those questions and the answer text.
 * - A toss-up between two or three topics becomes "Did you mean…?".
 */
export type RetrievalResult =
  /** `sure`: BM25 and the classifier agree on the topic, the classifier with SURE_PROBABILITY or more. */
  | { outcome: 'answer'; topicId: string; confidence: number; sure: boolean }
  | { outcome: 'clarify'; topicIds: string[] }
  | { outcome: 'none' };

export interface SearchOptions {
  /** Topics not to answer with (the bot's own reasons, e.g. red flags the visitor said they do not have). */
  readonly notTopics?: ReadonlySet<string>;
}

/** What the confidence decision looked at; printed by `npm run eval:faq` to explain misses. */
export interface SearchSignals {
  readonly terms: readonly AnalysedTerm[];
  /** Topics by score, best first (at most 5). */
  readonly ranking: readonly { topicId: string; score: number; coverage: number }[];
  readonly kinds: ReadonlyMap<string, TermKind>;
  /** Domain evidence / (domain evidence + unknown-word evidence), 0..1; see MIN_DOMAIN_SHARE. */
  readonly domainShare: number;
  /** The same with unknown ordinary English words weighing less (see ORDINARY_WORD_EVIDENCE). */
  readonly lenientDomainShare: number;
  /** The sum of the message's domain terms' centrality (see centralityOf). */
  readonly domainEvidence: number;
  /** The classifier's topics by probability, most likely first (at most 5). */
  readonly classified: readonly TopicProbability[];
  /** The classifier's probability that the message is about something else (off-domain.yaml examples). */
  readonly offDomainProbability: number;
  /** Marker phrases of other domains found in the message (off-domain.yaml markers). */
  readonly offDomainMarkers: number;
  readonly result: RetrievalResult;
}

/**
 * common: everyday words (everyday-words.yaml, towns around our clinics); domain: used by the
 * knowledge base; unknown: neither; other: part of a marker of another domain ("insurance" in
 * "car insurance").
 */
export type TermKind = 'common' | 'domain' | 'unknown' | 'other';

export interface BuildOptions {
  readonly synonyms?: Synonyms;
  readonly offDomain?: OffDomain;
  readonly everydayWords?: readonly string[];
  readonly modelFile?: TopicModelFile;
}

interface IndexedDocument {
  id: number;
  topicId: string;
  kind: 'question' | 'answer';
  terms: string;
}

interface TopicMatch {
  topicId: string;
  /** Scores of the topic's questions (its title included) that share a term with the query. */
  questionScores: number[];
  /** Score of the topic's answer text. */
  answerScore: number;
  score: number;
  /** Query terms found in the topic's questions or answer. */
  matched: Set<string>;
  /** Share of the message's domain terms (weighted by specificity) that this topic uses, 0..1. */
  coverage: number;
}

export class KnowledgeIndex {
  private readonly search_: MiniSearch<IndexedDocument>;
  private readonly documents: IndexedDocument[] = [];
  private readonly topicIdByTitle = new Map<string, string>();
  /** For each term, how many topics use it; drives how much a term says about a topic. */
  private readonly topicFrequency = new Map<string, number>();
  private readonly topicCount: number;
  /** Terms of everyday words (everyday-words.yaml): neutral, even where the knowledge base uses them. */
  private readonly commonTerms: Set<string>;
  /** Terms of words of town names around our clinics ("rockville", see places.ts): neutral unless the knowledge base uses them. */
  private readonly placeTerms: Set<string>;
  /** Everyday phrases ("mother in law") and town names of several words ("glen burnie"): their words are neutral unless the knowledge base uses them. */
  private readonly commonPhrases: PhraseMatcher;
  private readonly offDomainMarkers: PhraseMatcher;
  /** The term of "sciatica" and its synonyms: a message that names it is about our subject, whatever else it mentions. */
  private readonly subjectTerm: string | undefined;

  private constructor(
    kb: KnowledgeBase,
    private readonly analyzer: TextAnalyzer,
    private readonly corrector: SpellingCorrector,
    offDomain: OffDomain,
    everydayWords: readonly string[],
    private readonly classifier: TopicClassifier,
  ) {
    this.topicCount = Math.max(kb.topics.length, 1);
    const everyday = neutralVocabulary(everydayWords, analyzer);
    const places = neutralVocabulary(nearbyPlaceNames(), analyzer);
    this.commonTerms = everyday.terms;
    this.placeTerms = places.terms;
    this.commonPhrases = new PhraseMatcher([...everyday.phrases, ...places.phrases]);
    for (const topic of kb.topics) {
      this.topicIdByTitle.set(titleKey(topic.title), topic.id);
      const topicTerms = new Set<string>();
      for (const question of [topic.title, ...topic.questions]) {
        this.addDocument(topic.id, 'question', question, topicTerms);
      }
      this.addDocument(topic.id, 'answer', [topic.answer, topic.more ?? ''].join('\n'), topicTerms);
      for (const term of topicTerms) this.topicFrequency.set(term, (this.topicFrequency.get(term) ?? 0) + 1);
    }
    this.search_ = new MiniSearch<IndexedDocument>({
      fields: ['terms'],
      storeFields: ['topicId', 'kind'],
      tokenize: (text) => text.split(' ').filter((term) => term.length > 0),
      processTerm: (term) => term,
    });
    this.search_.addAll(this.documents);
    this.offDomainMarkers = new PhraseMatcher(offDomain.markers);
    this.subjectTerm = analyzer.terms('sciatica')[0];
  }

  /**
   * The index of a knowledge base. Its classifier is trained here, or, with `modelFile` (start-up),
   * loaded from the file the build trained when that was trained from the same examples and code.
   */
  static build(
    kb: KnowledgeBase,
    { synonyms = loadSynonyms(), offDomain = loadOffDomain(), everydayWords = loadEverydayWords(), modelFile }: BuildOptions = {},
  ): KnowledgeIndex {
    const analyzer = new TextAnalyzer(synonyms);
    const vocabulary: string[] = [];
    for (const topic of kb.topics) {
      for (const text of textsOf(topic)) vocabulary.push(...wordsOf(text));
    }
    for (const group of synonyms.groups) for (const phrase of group) vocabulary.push(...wordsOf(phrase));
    isEnglishWord('warm'); // loads the English word list now (~0.3 s) rather than during a visitor's first message
    const examples = topicExamples(kb, offDomain);
    const classifier = modelFile ? loadOrTrainTopicClassifier(examples, synonyms, analyzer, modelFile) : trainTopicClassifier(examples, analyzer);
    return new KnowledgeIndex(kb, analyzer, new SpellingCorrector(vocabulary), offDomain, everydayWords, classifier);
  }

  search(text: string, options: SearchOptions = {}): RetrievalResult {
    return this.signals(text, options).result;
  }

  /** The topic whose title is exactly `text`, ignoring case, punctuation and spacing (button clicks). */
  topicByTitle(text: string): string | undefined {
    const key = titleKey(text);
    return key.length > 0 ? this.topicIdByTitle.get(key) : undefined;
  }

  /** The search with everything the decision looked at. */
  signals(text: string, { notTopics }: SearchOptions = {}): SearchSignals {
    const whole = withoutTopics(this.evidenceOf(text), notTopics);
    // A long story usually ends with its question: rank topics by that question, and let the
    // whole message decide whether it is about our subject at all, unless the question alone is
    // ours in nearly every word ("…the hotel pool was closed, so now I'm curious, what is sciatica").
    const question = questionOfLongMessage(text);
    const focus = question === undefined ? undefined : withoutTopics(this.evidenceOf(question), notTopics);
    const questionIsOurs = focus !== undefined && focus.domainShare >= OUR_WORDS_SHARE;
    const ranked =
      focus && focus.matches.length > 0
        ? {
            ...focus,
            domainShare: questionIsOurs ? Math.max(whole.domainShare, focus.domainShare) : whole.domainShare,
            lenientDomainShare: questionIsOurs ? Math.max(whole.lenientDomainShare, focus.lenientDomainShare) : whole.lenientDomainShare,
          }
        : whole;
    const result = decide(ranked);
    return {
      terms: whole.terms,
      kinds: whole.kinds,
      ranking: ranked.matches.slice(0, 5).map(({ topicId, score, coverage }) => ({ topicId, score, coverage })),
      domainShare: whole.domainShare,
      lenientDomainShare: whole.lenientDomainShare,
      domainEvidence: whole.domainEvidence,
      classified: ranked.classified.slice(0, 5),
      offDomainProbability: ranked.offDomainProbability,
      offDomainMarkers: whole.offDomainMarkers,
      result,
    };
  }

  private evidenceOf(text: string): MessageEvidence {
    const words = wordsOf(text);
    const analysed = this.analyzer.analyse(text, this.corrector);
    const markedPositions = this.offDomainMarkers.coveredPositions(words);
    const offDomainMarkers = this.offDomainMarkers.count(words);
    const everydayPositions = this.commonPhrases.coveredPositions(words);
    const positionsOf = (term: AnalysedTerm): number[] => Array.from({ length: term.length }, (_, offset) => term.position + offset);
    const kindOf = (term: AnalysedTerm): TermKind => {
      if (positionsOf(term).some((position) => markedPositions.has(position))) return 'other';
      return this.kindOf(term.term, positionsOf(term).every((position) => everydayPositions.has(position)));
    };
    const terms = uniqueTerms(analysed);
    const kinds = new Map(terms.map((term): [string, TermKind] => [term.term, kindOf(term)]));
    const domainTerms = terms.filter((term) => kinds.get(term.term) === 'domain');
    const unknownTerms = terms.filter((term) => kinds.get(term.term) === 'unknown');
    const ordinaryWords = unknownTerms.filter((term) => !term.corrected && isEnglishWord(term.source)).length;
    const markerEvidence = OFF_DOMAIN_MARKER_EVIDENCE * offDomainMarkers;
    // "my pastor mentioned sciatica after church": named outright, our subject outweighs one mention
    // of another one (where the story happens); two or more still weigh fully.
    const namesSubject = terms.some((term) => term.term === this.subjectTerm);
    const lenientMarkerEvidence =
      namesSubject && offDomainMarkers === 1 ? ORDINARY_WORD_EVIDENCE : markerEvidence;
    const domainEvidence = domainTerms.reduce((sum, term) => sum + this.centralityOf(term), 0);
    const shareOf = (unknownEvidence: number): number => (domainEvidence > 0 ? domainEvidence / (domainEvidence + unknownEvidence) : 0);
    const domainShare = shareOf(UNKNOWN_WORD_EVIDENCE * unknownTerms.length + markerEvidence);
    const lenientDomainShare = shareOf(
      UNKNOWN_WORD_EVIDENCE * (unknownTerms.length - ordinaryWords) + ORDINARY_WORD_EVIDENCE * ordinaryWords + lenientMarkerEvidence,
    );

    const probabilities = this.classifier.classify(featuresOf(analysed.map((term) => term.term), words));
    const classified = probabilities.filter((entry) => entry.label !== OFF_DOMAIN_LABEL);
    const offDomainProbability = probabilities.find((entry) => entry.label === OFF_DOMAIN_LABEL)?.probability ?? 0;

    const specificity = new Map(domainTerms.map((term) => [term.term, this.specificityOf(term)]));
    const totalSpecificity = [...specificity.values()].reduce((sum, weight) => sum + weight, 0);
    const matches = this.matchTopics(terms, specificity, totalSpecificity);
    return { terms, kinds, offDomainMarkers, matches, classified, domainShare, lenientDomainShare, domainEvidence, offDomainProbability };
  }

  private matchTopics(terms: readonly AnalysedTerm[], weights: Map<string, number>, totalWeight: number): TopicMatch[] {
    if (terms.length === 0) return [];
    const byTopic = new Map<string, TopicMatch>();
    const hits = this.search_.search(terms.map((term) => term.term).join(' '), { combineWith: 'OR', bm25: BM25 });
    for (const hit of hits) {
      const topicId = String(hit['topicId']);
      let match = byTopic.get(topicId);
      if (!match) {
        match = { topicId, questionScores: [], answerScore: 0, score: 0, matched: new Set(), coverage: 0 };
        byTopic.set(topicId, match);
      }
      if (hit['kind'] === 'answer') match.answerScore = Math.max(match.answerScore, hit.score);
      else match.questionScores.push(hit.score);
      for (const term of hit.queryTerms) match.matched.add(term);
    }
    for (const match of byTopic.values()) {
      match.score = questionEvidence(match.questionScores) + ANSWER_SCORE_SHARE * match.answerScore;
      const explained = [...match.matched].reduce((sum, term) => sum + (weights.get(term) ?? 0), 0);
      match.coverage = totalWeight > 0 ? explained / totalWeight : 0;
      // A topic that explains more of the message's specific words wins ties of raw BM25
      // (measured on the dev set: 95% → 96% top-1 ranking).
      match.score *= 1 + match.coverage;
    }
    return [...byTopic.values()].sort((a, b) => b.score - a.score);
  }

  /** The kind of a term; `inEverydayPhrase` when its words are part of an everyday phrase or a town name. */
  private kindOf(term: string, inEverydayPhrase: boolean): TermKind {
    if (this.commonTerms.has(term) || /^\d+(?:st|nd|rd|th|am|pm|s)?$/.test(term)) return 'common';
    if (this.topicFrequency.has(term)) return 'domain';
    return inEverydayPhrase || this.placeTerms.has(term) ? 'common' : 'unknown';
  }

  /**
   * How strongly a domain term says "this is about our subject": a word used across many topics
   * (sciatica, pain, physical therapy) more than one topic's word (Bowie, traction).
   */
  private centralityOf(term: AnalysedTerm): number {
    const weight = Math.log(1 + (this.topicFrequency.get(term.term) ?? 0));
    return term.corrected ? CORRECTED_WORD_SHARE * weight : weight;
  }

  /** How strongly a domain term points at one topic rather than another (inverse topic frequency). */
  private specificityOf(term: AnalysedTerm): number {
    return Math.log(1 + this.topicCount / (this.topicFrequency.get(term.term) ?? 1));
  }

  private addDocument(topicId: string, kind: IndexedDocument['kind'], text: string, topicTerms: Set<string>): void {
    const terms = this.analyzer.terms(text);
    for (const term of terms) topicTerms.add(term);
    this.documents.push({ id: this.documents.length, topicId, kind, terms: terms.join(' ') });
  }
}

/**
 * BM25 as in MiniSearch, with stronger length normalization (b = 1: alternate questions are
 * short, and a match in a 4-word question says more than one in a 20-word story), more term
 * frequency headroom (k = 2) and no BM25+ bonus for merely containing a term (d = 0).
 */
const BM25 = { k: 2, b: 1, d: 0 };
/** Weight of a topic's answer text relative to its questions. */
const ANSWER_SCORE_SHARE = 0.5;
/** Each further matching question of a topic adds this share of the previous one's weight. */
const FURTHER_QUESTION_SHARE = 0.7;

/**
 * A topic's evidence from its alternate questions: the best match, plus decreasing credit for
 * each further one. Several questions of one topic resembling the message is a stronger sign
 * than one lucky overlap (measured on the dev set: 84% → 89% top-1 ranking).
 */
function questionEvidence(scores: number[]): number {
  return scores
    .sort((a, b) => b - a)
    .reduce((sum, score, rank) => sum + score * FURTHER_QUESTION_SHARE ** rank, 0);
}
/**
 * Evidence one unknown word holds against the message being about our subject, in the units of
 * centralityOf (a word used by every topic, like "sciatica", weighs about 3.6; one topic's word 0.7).
 */
const UNKNOWN_WORD_EVIDENCE = 1.5;
/** Evidence one marker of another domain ("car insurance", "sore throat") holds against our subject. */
const OFF_DOMAIN_MARKER_EVIDENCE = 4;
/**
 * Evidence an unknown word that is ordinary English ("tractor", "hairdresser", "mulch") holds
 * against our subject when the classifier and BM25 agree strongly on one topic (see
 * STRONG_AGREEMENT). People tell us about their lives in such words; no list of everyday words
 * can hold them all. Markers of other domains keep their full weight, so "bunion surgery" or
 * "DMV hours" are still declined however sure the rankers are.
 */
const ORDINARY_WORD_EVIDENCE = 0.5;
/**
 * Strong agreement: the classifier gives at least this probability to the topic BM25 also ranks
 * first, and BM25 scores that topic at least STRONG_BM25, i.e. the message shares several words or
 * a distinctive phrase with the topic's questions, not one word with another meaning ("how long to
 * boil an egg" scores 35 for session-length, "lift bags of mulch ... with sciatica" 98 for posture).
 * Measured on the tuning sets: 0.5 to 0.6 and 60 to 90 give the same results; 40 lets "contract
 * bridge" through.
 */
const STRONG_AGREEMENT = 0.6;
const STRONG_BM25 = 60;
/**
 * The classifier's probability from which an answer is `sure` (with BM25 agreeing strongly), sure
 * enough to answer a question that also reads like an appointment request ("appointment length?").
 * The right answers of that kind in the tuning sets had 0.78 to 0.97; "how do I get an appointment
 * with one of your therapists" had 0.66 for session-length.
 */
const SURE_PROBABILITY = 0.75;
/**
 * The classifier's probability for BM25's first topic from which the domain share is judged as
 * under strong agreement even when BM25's score is low, as it is for short messages ("press ups
 * lying on stomach, is that the mckenzie thing"). Measured by cross-validation over the visitor
 * questions: 7 more of 4,263 in-scope questions right, no off-topic one let through (0.7 lets two).
 */
const TRUSTED_CLASSIFIER_PROBABILITY = 0.8;
/** A typo-corrected word counts this much of a correctly spelled one as domain evidence. */
const CORRECTED_WORD_SHARE = 0.7;
/**
 * Least domain share (domain evidence against unknown words and markers of other domains, see
 * signals()) for an answer or a "Did you mean…?": below it the message is about something else
 * that merely shares a word with us ("pizza place in Bowie", "stretch my budget").
 */
const MIN_DOMAIN_SHARE = 0.7;
/**
 * Share of the message's domain terms (by specificity) the best BM25 topic must explain, unless
 * the classifier, more likely than not (AGREEING_PROBABILITY), picks that same topic: two
 * independent rankers agreeing outweigh a few of the message's words being used by other topics.
 */
const MIN_COVERAGE = 0.3;
const AGREEING_PROBABILITY = 0.5;
/** The classifier's probability from which a topic BM25 ranks in its first three needs no coverage. */
const CERTAIN_PROBABILITY = 0.9;
/**
 * Nor does the classifier's topic need coverage when it has at least AGREEING_PROBABILITY_ON_OUR_WORDS
 * and the message is ours in nearly every word (strict domain share OUR_WORDS_SHARE): then low
 * coverage means the words are spread over topics, not that the message is about something else.
 * Measured by cross-validation over the visitor questions: 8 more of 5,007 in-scope questions
 * right, no off-topic one let through (flat from 0.5 to 0.75 and 0.7 to 0.9).
 */
const OUR_WORDS_SHARE = 0.9;
const AGREEING_PROBABILITY_ON_OUR_WORDS = 0.6;
/**
 * The classifier's off-domain probability from which, when it also beats every topic, the message
 * is taken to be about something else.
 */
const MIN_OFF_DOMAIN_PROBABILITY = 0.3;
/**
 * The same for a message without a single unknown word or marker of another subject (domain
 * share 1): the off-domain class must then be nearly certain. Such a message is ours in every
 * word, and an off-domain probability there mostly reflects everyday phrasing that off-domain
 * examples share ("right now", "at work", "how bad does it have to get"), not another subject.
 * Measured by cross-validation over the visitor questions: 0.5 → 0.8 answered 11 more of 2,710
 * in-scope questions right and let one more of 665 off-topic ones through ("how to do a pull up").
 */
const MIN_OFF_DOMAIN_PROBABILITY_ALL_WORDS_OURS = 0.8;
/**
 * Weight of a topic's BM25 score (as a share of the best one) added to its classifier probability.
 * Alone, the classifier ranks the right topic first more often than BM25 (tuning sets, before any
 * decline: 98% and 97% vs 96% and 95%); BM25 mends a few of its slips where the wording is
 * plainly one topic's (one or two more right answers per set).
 */
const BM25_WEIGHT = 0.2;
/**
 * Runner-up's combined score as a share of the best one from which the two are a toss-up: ask
 * instead. Measured on the tuning sets: of the in-scope questions that 0.9 sent to "Did you
 * mean…?", the first-ranked topic was right in 7 of 9, so only a near tie asks.
 */
const TOSS_UP = 0.96;
/** Topics offered in "Did you mean…?" score at least this share of the best one. */
const CLARIFY_SCORE_SHARE = 0.75;

/** What decide() weighs. */
interface Evidence {
  readonly matches: readonly TopicMatch[];
  readonly classified: readonly TopicProbability[];
  readonly domainShare: number;
  /** The domain share with unknown ordinary English words weighing ORDINARY_WORD_EVIDENCE. */
  readonly lenientDomainShare: number;
  readonly offDomainProbability: number;
}

interface MessageEvidence extends Evidence {
  readonly domainEvidence: number;
  readonly terms: AnalysedTerm[];
  readonly kinds: Map<string, TermKind>;
  readonly offDomainMarkers: number;
}

/**
 * Answer when the message is about our subject (domain share, BM25 coverage, the classifier's
 * off-domain class) with the topic the classifier and BM25 together rank first; offer the close
 * contenders when two or three are a toss-up; otherwise decline honestly.
 */
function decide({ matches, classified, domainShare: strictShare, lenientDomainShare, offDomainProbability }: Evidence): RetrievalResult {
  const [best] = matches;
  const [likeliest] = classified;
  if (!best || !likeliest || best.score <= 0) return { outcome: 'none' };
  const rankersAgree = likeliest.label === best.topicId && likeliest.probability >= AGREEING_PROBABILITY;
  const rankersAgreeStrongly =
    likeliest.label === best.topicId && likeliest.probability >= STRONG_AGREEMENT && best.score >= STRONG_BM25;
  const classifierTrusted = likeliest.label === best.topicId && likeliest.probability >= TRUSTED_CLASSIFIER_PROBABILITY;
  const domainShare = rankersAgreeStrongly || classifierTrusted ? lenientDomainShare : strictShare;
  if (domainShare < MIN_DOMAIN_SHARE) return { outcome: 'none' };
  // "mckenzie vs regular pt": the classifier is all but certain of a topic BM25 ranks among its first few.
  const classifierCertain =
    likeliest.probability >= CERTAIN_PROBABILITY && matches.slice(0, 3).some((match) => match.topicId === likeliest.label);
  // "how many mins per session roughly": every word is ours, and the classifier reads the wording BM25 cannot.
  const classifierSureOfOurWords = strictShare >= OUR_WORDS_SHARE && likeliest.probability >= AGREEING_PROBABILITY_ON_OUR_WORDS;
  if (best.coverage < MIN_COVERAGE && !rankersAgree && !classifierCertain && !classifierSureOfOurWords) return { outcome: 'none' };
  const minOffDomain = domainShare >= 1 ? MIN_OFF_DOMAIN_PROBABILITY_ALL_WORDS_OURS : MIN_OFF_DOMAIN_PROBABILITY;
  if (offDomainProbability >= minOffDomain && offDomainProbability > likeliest.probability) {
    return { outcome: 'none' };
  }
  const ranked = combinedRanking(matches, classified);
  const [first, second] = ranked;
  if (!first) return { outcome: 'none' };
  const runnerUpShare = second ? second.score / first.score : 0;
  if (runnerUpShare >= TOSS_UP) {
    const contenders = ranked.filter((entry) => entry.score >= CLARIFY_SCORE_SHARE * first.score).slice(0, 3);
    return { outcome: 'clarify', topicIds: contenders.map((entry) => entry.topicId) };
  }
  const confidence = Math.min(domainShare, first.score / (1 + BM25_WEIGHT)) * (1 - runnerUpShare / 2);
  return {
    outcome: 'answer',
    topicId: first.topicId,
    confidence: Math.round(confidence * 1000) / 1000,
    sure: rankersAgreeStrongly && first.topicId === best.topicId && likeliest.probability >= SURE_PROBABILITY,
  };
}

/** Topics by classifier probability plus BM25_WEIGHT × their share of the best BM25 score, best first. */
function combinedRanking(matches: readonly TopicMatch[], classified: readonly TopicProbability[]): { topicId: string; score: number }[] {
  const scores = new Map(classified.map((entry) => [entry.label, entry.probability]));
  const bestScore = matches[0]?.score ?? 0;
  if (bestScore > 0) {
    for (const match of matches) scores.set(match.topicId, (scores.get(match.topicId) ?? 0) + (BM25_WEIGHT * match.score) / bestScore);
  }
  return [...scores.entries()].map(([topicId, score]) => ({ topicId, score })).sort((a, b) => b.score - a.score);
}

/**
 * Everyday words and phrases as the index compares them: a word by its term, a phrase of several
 * words as itself (matched word by word). A word that is a synonym of a domain word ("call" =
 * phone) stays a domain word; a group of everyday phrases ("how to" = instructions) becomes
 * common when its first phrase is listed.
 */
function neutralVocabulary(entries: readonly string[], analyzer: TextAnalyzer): { terms: Set<string>; phrases: string[] } {
  const terms = new Set<string>();
  const phrases: string[] = [];
  for (const entry of entries) {
    const words = wordsOf(entry);
    const [term, ...rest] = analyzer.terms(entry);
    const ownTerm = words.map((part) => stemmer(part)).join('_');
    if (term !== undefined && rest.length === 0 && term === ownTerm) terms.add(term);
    else if (words.length > 1) phrases.push(words.join(' '));
  }
  return { terms, phrases };
}

/** Messages longer than this many words are ranked by their question (see questionOfLongMessage). */
const LONG_MESSAGE_WORDS = 40;

/**
 * The question of a long message: its last sentence that ends with a question mark, or else its
 * last sentence. A long message in one run-on sentence (voice typing: "…ate way too much cake, so
 * now I'm curious, what is sciatica") is asked from its last clause that starts like a question.
 * Undefined for a short message, or a run-on one with no such clause.
 */
function questionOfLongMessage(text: string): string | undefined {
  if (wordsOf(text).length <= LONG_MESSAGE_WORDS) return undefined;
  const sentences = text.match(/[^.!?\n]+[.!?\n]*/g)?.map((sentence) => sentence.trim()).filter((sentence) => /[\p{L}\p{N}]/u.test(sentence)) ?? [];
  if (sentences.length >= 2) return [...sentences].reverse().find((sentence) => sentence.endsWith('?')) ?? sentences[sentences.length - 1];
  const clauses = text.split(/[,;]| - | — /).map((clause) => clause.trim());
  const start = clauses.findLastIndex((clause, position) => position > 0 && startsLikeQuestion(clause));
  return start > 0 ? clauses.slice(start).join(', ') : undefined;
}

function withoutTopics(evidence: MessageEvidence, notTopics: ReadonlySet<string> | undefined): MessageEvidence {
  if (!notTopics || notTopics.size === 0) return evidence;
  return {
    ...evidence,
    matches: evidence.matches.filter((match) => !notTopics.has(match.topicId)),
    classified: evidence.classified.filter((entry) => !notTopics.has(entry.label)),
  };
}

function uniqueTerms(terms: readonly AnalysedTerm[]): AnalysedTerm[] {
  const byTerm = new Map<string, AnalysedTerm>();
  for (const term of terms) {
    const seen = byTerm.get(term.term);
    if (!seen || (seen.corrected && !term.corrected)) byTerm.set(term.term, term);
  }
  return [...byTerm.values()];
}

function textsOf(topic: Topic): string[] {
  return [topic.title, topic.answer, topic.more ?? '', ...topic.questions];
}

function titleKey(text: string): string {
  return wordsOf(text).join(' ');
}
