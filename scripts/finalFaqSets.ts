import { projectPath } from '../config/paths.js';

/**
 * The FAQ hold-out sets: written by people who never saw the code or the knowledge base, never
 * tuned on. eval:faq measures answers on them; eval:redflags counts false alarms on them. Their
 * misses are listed only on request, which ends their use as a measure.
 */
export const FINAL_FAQ_SETS: readonly { name: string; file: string }[] = ['holdout5', 'holdout6'].map((name) => ({
  name,
  file: projectPath('test', 'fixtures', `faq-eval.${name}.yaml`),
}));
