import { loadKnowledgeBase } from '../../knowledge/load.js';
import { KnowledgeIndex } from '../../knowledge/retrieval.js';
import { routeMessage } from '../../routing/router.js';

export interface RetrievalFigures {
  questions: number;
  buildMs: number;
  /** KnowledgeIndex.search alone, milliseconds. */
  search: { median: number; p99: number; mean: number };
  /** routeMessage (what a turn calls: commands, booking, medication, small talk, then the search). */
  route: { median: number; p99: number; mean: number };
}

/** Times the retrieval functions directly, warm (one untimed pass first), over `passes` passes. */
export function measureRetrieval(questions: string[], passes = 5): RetrievalFigures & { index: KnowledgeIndex } {
  const buildStarted = performance.now();
  const index = KnowledgeIndex.build(loadKnowledgeBase());
  const buildMs = performance.now() - buildStarted;
  for (const text of questions) routeMessage(text, index);
  const search: number[] = [];
  const route: number[] = [];
  for (let pass = 0; pass < passes; pass += 1) {
    for (const text of questions) {
      let started = performance.now();
      index.search(text);
      search.push(performance.now() - started);
      started = performance.now();
      routeMessage(text, index);
      route.push(performance.now() - started);
    }
  }
  return { index, questions: questions.length, buildMs, search: summary(search), route: summary(route) };
}

function summary(values: number[]): { median: number; p99: number; mean: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? NaN;
  return { median: at(0.5), p99: at(0.99), mean: values.reduce((sum, value) => sum + value, 0) / values.length };
}
