import { existsSync } from 'node:fs';
import { projectPath } from '../config/paths.js';
import { evaluateCorpus, loadCorpus, percent, type CorpusFigures, type Rate } from '../screening/evaluation.js';
import { RED_FLAGS } from '../screening/redFlags.js';
import { screenMessage } from '../screening/screener.js';

/**
 * Prints the red-flag screener's sensitivity and specificity, overall and per flag, on the
 * project's corpus and (when present) on the independent hold-out set. `--show` also lists every
 * message the screener got wrong.
 *
 *   npm run eval:redflags [-- --show]
 */

const CORPORA = [
  { name: 'project corpus (test/screening/corpus.yaml)', file: projectPath('test', 'screening', 'corpus.yaml') },
  { name: 'hold-out set (test/fixtures/redflags-holdout.yaml)', file: projectPath('test', 'fixtures', 'redflags-holdout.yaml') },
];

const show = process.argv.includes('--show');
const flagIds = RED_FLAGS.map((flag) => flag.id);

for (const corpus of CORPORA) {
  if (!existsSync(corpus.file)) {
    console.log(`\n${corpus.name}: not present, skipped`);
    continue;
  }
  const items = loadCorpus(corpus.file);
  screenMessage('warm up'); // compile regular expressions before timing
  const figures = evaluateCorpus(items, screenMessage, flagIds);
  report(corpus.name, figures);
}

function report(name: string, figures: CorpusFigures): void {
  const line = (label: string, rate: Rate): string => `  ${label.padEnd(52)} ${percent(rate)}  (${rate.hits}/${rate.total})`;
  console.log(`\n=== ${name}: ${figures.outcomes.length} messages ===`);
  console.log(line('emergencies caught at emergency level', figures.emergencyAtLevel));
  console.log(line('urgent messages caught (urgent or emergency)', figures.urgentCaught));
  console.log(line('sensitivity: red-flag messages raising a flag', figures.anyFlagSensitivity));
  console.log(line('specificity: no-red-flag messages left at level none', figures.specificity));
  console.log(line('  … and not asked a follow-up either', figures.leftAloneCompletely));
  console.log(line('follow-up questions asked where labelled', figures.followUps));
  console.log(line('questions about red flags recognised', figures.asks));
  console.log(`  mean time per message: ${figures.meanMillisecondsPerMessage.toFixed(3)} ms`);
  console.log('\n  per flag                  sensitivity            specificity (on level-none messages)');
  for (const flag of figures.perFlag) {
    const sens = flag.sensitivity.total > 0 ? `${percent(flag.sensitivity)} (${flag.sensitivity.hits}/${flag.sensitivity.total})` : '   n/a';
    console.log(`  ${flag.flag.padEnd(24)}  ${sens.padEnd(20)}   ${percent(flag.specificity)} (${flag.specificity.hits}/${flag.specificity.total})`);
  }
  const wrong = figures.outcomes.filter((outcome) => !outcome.correct);
  console.log(`\n  ${wrong.length} message(s) not handled as labelled${show || wrong.length === 0 ? '' : ' (run with -- --show to list them)'}`);
  if (show) {
    for (const outcome of wrong) console.log(`   - ${JSON.stringify(outcome.item.text)}: ${outcome.problems.join('; ')}`);
  }
}
