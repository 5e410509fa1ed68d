import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { projectPath } from '../config/paths.js';
import { evaluateCorpus, loadCorpus, percent, type CorpusFigures, type Rate } from '../screening/evaluation.js';
import { RED_FLAGS } from '../screening/redFlags.js';
import { screenMessage } from '../screening/screener.js';

/**
 * Prints the red-flag screener's sensitivity and specificity, overall and per flag, on the
 * project's corpus and (when present) on the independent hold-out sets, then its false alarms on
 * the FAQ evaluation questions (ordinary visitor questions: none should raise a flag). `--show`
 * also lists every message the screener got wrong.
 *
 *   npm run eval:redflags [-- --show]
 */

const CORPORA = [
  { name: 'project corpus (test/screening/corpus.yaml)', file: projectPath('test', 'screening', 'corpus.yaml') },
  { name: 'hold-out set (test/fixtures/redflags-holdout.yaml)', file: projectPath('test', 'fixtures', 'redflags-holdout.yaml') },
  { name: 'second hold-out set (test/fixtures/redflags-holdout2.yaml)', file: projectPath('test', 'fixtures', 'redflags-holdout2.yaml') },
];

const show = process.argv.includes('--show');
const flagIds = RED_FLAGS.map((flag) => flag.id);

for (const corpus of CORPORA) {
  if (!existsSync(corpus.file)) {
    console.log(`\n${corpus.name}: not present, skipped`);
    continue;
  }
  const items = loadCorpus(corpus.file);
  for (const item of items.slice(0, 50)) screenMessage(item.text); // let V8 compile the patterns before timing
  const figures = evaluateCorpus(items, screenMessage, flagIds);
  report(corpus.name, figures);
}

falseAlarmsOnOrdinaryQuestions();

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
  console.log(`  time per message: mean ${figures.meanMillisecondsPerMessage.toFixed(3)} ms, slowest ${figures.slowestMilliseconds.toFixed(1)} ms`);
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

/** Every visitor question in the FAQ evaluation sets is an ordinary message: count those that raise anything. */
function falseAlarmsOnOrdinaryQuestions(): void {
  const files = ['faq-eval.dev.yaml', 'faq-eval.holdout.yaml', 'faq-eval.holdout2.yaml', 'faq-eval.holdout3.yaml'].map((name) => projectPath('test', 'fixtures', name)).filter((file) => existsSync(file));
  if (files.length === 0) return;
  const questions = files.flatMap((file) => allStrings(parseYaml(readFileSync(file, 'utf8'))));
  const raised = questions.filter((text) => screenMessage(text).level !== 'none');
  const asked = questions.filter((text) => {
    const result = screenMessage(text);
    return result.level === 'none' && result.followUp !== undefined;
  });
  console.log(`\n=== FAQ evaluation questions (test/fixtures/faq-eval.*.yaml): ${questions.length} ordinary visitor messages ===`);
  console.log(`  raised a red flag: ${raised.length} (${((100 * raised.length) / questions.length).toFixed(1)}%)`);
  console.log(`  got a follow-up question: ${asked.length}`);
  if (show) for (const text of [...raised, ...asked]) console.log(`   - ${JSON.stringify(text)}`);
}

/** The visitor messages in an FAQ file: plain strings in lists, or the `text` of list items. */
function allStrings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap((item: unknown) => (isRecord(item) && typeof item['text'] === 'string' ? [item['text']] : allStrings(item)));
  if (isRecord(node)) return Object.values(node).flatMap(allStrings);
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
