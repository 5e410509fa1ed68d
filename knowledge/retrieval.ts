import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';
import type { KnowledgeBase } from './load.js';
import type { Topic } from './schema.js';
import { isEnglishWord, SpellingCorrector } from './spelling.js';
import { loadSynonyms, type Synonyms } from './synonyms.js';
import { COMMON_WORDS } from './commonWords.js';
import { TextAnalyzer, wordsOf, type AnalysedTerm } from './textAnalysis.js';

export type RetrievalResult =
  | { outcome: 'answer'; topicId: string; confidence: number }
  | { outcome: 'clarify'; topicIds: string[] }
  | { outcome: 'none' };

/** What the confidence decision looked at; printed by `npm run eval:faq` to explain misses. */
export interface SearchSignals {
  readonly terms: readonly AnalysedTerm[];
  /** Topics by score, best first (at most 5). */
  readonly ranking: readonly { topicId: string; score: number; coverage: number }[];
  readonly kinds: ReadonlyMap<string, TermKind>;
  /** Domain evidence / (domain evidence + unknown-word evidence), 0..1; see MIN_DOMAIN_SHARE. */
  readonly domainShare: number;
  readonly result: RetrievalResult;
}

/** common: everyday English; domain: used by the knowledge base; unknown: neither. */
export type TermKind = 'common' | 'domain' | 'unknown';

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
  private readonly commonTerms: Set<string>;

  private constructor(
    kb: KnowledgeBase,
    private readonly analyzer: TextAnalyzer,
    private readonly corrector: SpellingCorrector,
  ) {
    this.topicCount = Math.max(kb.topics.length, 1);
    this.commonTerms = commonTermsOf(analyzer);
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
  }

  static build(kb: KnowledgeBase, synonyms: Synonyms = loadSynonyms()): KnowledgeIndex {
    const analyzer = new TextAnalyzer(synonyms);
    const vocabulary: string[] = [];
    for (const topic of kb.topics) {
      for (const text of textsOf(topic)) vocabulary.push(...wordsOf(text));
    }
    for (const group of synonyms.groups) for (const phrase of group) vocabulary.push(...wordsOf(phrase));
    isEnglishWord('warm'); // loads the English word list now (~0.3 s) rather than during a visitor's first message
    return new KnowledgeIndex(kb, analyzer, new SpellingCorrector(vocabulary));
  }

  search(text: string): RetrievalResult {
    return this.signals(text).result;
  }

  /** The topic whose title is exactly `text`, ignoring case, punctuation and spacing (button clicks). */
  topicByTitle(text: string): string | undefined {
    const key = titleKey(text);
    return key.length > 0 ? this.topicIdByTitle.get(key) : undefined;
  }

  /** Whether the word (lowercase, as typed) occurs in the knowledge base or the synonyms. */
  knowsWord(word: string): boolean {
    return this.corrector.isKnown(word);
  }

  /** The search with everything the decision looked at. */
  signals(text: string): SearchSignals {
    const terms = uniqueTerms(this.analyzer.analyse(text, this.corrector));
    const kinds = new Map(terms.map((term) => [term.term, this.kindOf(term.term)]));
    const domainTerms = terms.filter((term) => kinds.get(term.term) === 'domain');
    const unknownEvidence = UNKNOWN_WORD_EVIDENCE * terms.filter((term) => kinds.get(term.term) === 'unknown').length;
    const domainEvidence = domainTerms.reduce((sum, term) => sum + this.centralityOf(term), 0);
    const domainShare = domainEvidence > 0 ? domainEvidence / (domainEvidence + unknownEvidence) : 0;

    const specificity = new Map(domainTerms.map((term) => [term.term, this.specificityOf(term)]));
    const totalSpecificity = [...specificity.values()].reduce((sum, weight) => sum + weight, 0);
    const matches = this.matchTopics(terms, specificity, totalSpecificity);
    const result = decide(matches, domainShare);
    return {
      terms,
      kinds,
      ranking: matches.slice(0, 5).map(({ topicId, score, coverage }) => ({ topicId, score, coverage })),
      domainShare,
      result,
    };
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

  private kindOf(term: string): TermKind {
    if (this.commonTerms.has(term) || /^\d+(?:st|nd|rd|th|am|pm|s)?$/.test(term)) return 'common';
    return this.topicFrequency.has(term) ? 'domain' : 'unknown';
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
/** A typo-corrected word counts this much of a correctly spelled one as domain evidence. */
const CORRECTED_WORD_SHARE = 0.7;
/**
 * Least domain share (domain evidence against unknown words, see signals()) for an answer or a
 * "Did you mean…?": below it the message is about something else that merely shares a word
 * with us ("pizza place in Bowie", "stretch my budget").
 */
const MIN_DOMAIN_SHARE = 0.75;
/** Share of the message's domain terms (by specificity) the best topic must explain. */
const MIN_COVERAGE = 0.3;
/** Runner-up score as a share of the best one from which the two are a toss-up: ask instead. */
const TOSS_UP = 0.95;
/** Topics offered in "Did you mean…?" score at least this share of the best one. */
const CLARIFY_SCORE_SHARE = 0.75;

/**
 * Answer when the message is about our subject, the best topic explains enough of it and no
 * other topic is as good; offer the close contenders when two or three are a toss-up; otherwise
 * decline honestly.
 */
function decide(matches: readonly TopicMatch[], domainShare: number): RetrievalResult {
  const [best, second] = matches;
  if (!best || best.score <= 0 || domainShare < MIN_DOMAIN_SHARE || best.coverage < MIN_COVERAGE) {
    return { outcome: 'none' };
  }
  const runnerUpShare = second ? second.score / best.score : 0;
  const contenders = matches.filter((match) => match.coverage >= MIN_COVERAGE && match.score >= CLARIFY_SCORE_SHARE * best.score);
  if (runnerUpShare >= TOSS_UP && contenders.length >= 2) {
    return { outcome: 'clarify', topicIds: contenders.slice(0, 3).map((match) => match.topicId) };
  }
  const confidence = Math.min(domainShare, best.coverage) * (1 - runnerUpShare / 2);
  return { outcome: 'answer', topicId: best.topicId, confidence: Math.round(confidence * 1000) / 1000 };
}

/**
 * Terms of everyday words. A common word that is a synonym of a domain word ("call" = phone)
 * stays a domain word; a group of everyday phrases ("how to" = instructions) becomes common
 * when its first phrase is listed.
 */
function commonTermsOf(analyzer: TextAnalyzer): Set<string> {
  const terms = new Set<string>();
  for (const word of COMMON_WORDS) {
    const [term, ...rest] = analyzer.terms(word);
    const ownTerm = wordsOf(word).map((part) => stemmer(part)).join('_');
    if (term !== undefined && rest.length === 0 && term === ownTerm) terms.add(term);
  }
  return terms;
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
