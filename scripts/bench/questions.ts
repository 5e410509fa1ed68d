import { z } from 'zod';
import { projectPath } from '../../config/paths.js';
import type { KnowledgeIndex } from '../../knowledge/retrieval.js';
import { parseFile } from '../../knowledge/load.js';
import { routeMessage } from '../../routing/router.js';
import { screenMessage } from '../../screening/screener.js';

/** The FAQ questions of the team's development set (its topic questions; the other sections are not FAQ turns). */
export function evalQuestions(): string[] {
  const schema = z.object({ topics: z.record(z.string(), z.array(z.string())) }).loose();
  const set = parseFile(projectPath('knowledge', 'visitor-questions', 'dev.yaml'), schema);
  return Object.values(set.topics).flat();
}

/**
 * The questions that make an FAQ turn: answered (or clarified, or the fallback) and then done.
 * Left out: those the router takes for an appointment request or a command, and those the
 * screener flags or asks a follow-up about, since they change what the conversation's next turn is.
 */
export function faqTurnQuestions(questions: string[], index: KnowledgeIndex): string[] {
  return questions.filter((text) => {
    const route = routeMessage(text, index).kind;
    const screening = screenMessage(text);
    return (route === 'topic' || route === 'clarify' || route === 'unknown') && screening.level === 'none' && screening.followUp === undefined;
  });
}
