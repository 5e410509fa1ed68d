import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectPath } from '../config/paths.js';
import { modelMayRead, withBackstop, wordsIn } from '../screening/backstop.js';
import { evaluateCorpus, percent, type Rate } from '../screening/evaluation.js';
import { trainLearnedScreener } from '../screening/learnedScreener.js';
import { allOrdinaryMessages, loadCorpus, ordinaryMessagesIn, VISITOR_QUESTIONS_DIR, yamlFilesIn, type CorpusItem } from '../screening/phrasings.js';
import { RED_FLAGS, redFlag } from '../screening/redFlags.js';
import { followUpFor, type ScreeningExplanation, type ScreeningResult } from '../screening/screener.js';
import { FINAL_REDFLAG_SETS } from './finalRedFlagSets.js';

/**
 * The learned backstop measured on messages it never saw, the way it would have met them: for each
 * probe set, the project is checked out as it was just before the set was written (its rules, its
 * labelled phrasings, its visitor questions), the backstop is trained on that data, and the probe
 * set is screened by those rules alone and by those rules with the backstop. Needs the git history
 * (not a shallow clone) and takes a few minutes: one build per probe set.
 *
 *   npm run backtest:backstop
 */

const ROUNDS = [
  { probes: ['probe6'], before: 'e0c0afd' },
  { probes: ['probe7', 'probe8'], before: '92cae9e' },
  { probes: ['probe9'], before: '56fab58' },
  { probes: ['probe10'], before: '2fe9e12' },
  { probes: ['probe11'], before: '64d2231' },
  { probes: ['probe12'], before: 'e00c0a8' },
];
/** Never trained on: the final measurements. */
const FINAL_SETS = FINAL_REDFLAG_SETS.map((set) => path.basename(set.file));

interface OldScreener {
  explainMessage(text: string): ScreeningExplanation;
}

const flagIds = RED_FLAGS.map((flag) => flag.id);
const totals = { rules: { emergency: zero(), urgent: zero(), specificity: zero(), alone: zero() }, backstop: { emergency: zero(), urgent: zero(), specificity: zero(), alone: zero() }, ordinary: zero(), named: zero() };

for (const round of ROUNDS) {
  const dir = mkdtempSync(path.join(tmpdir(), 'backtest-'));
  try {
    execFileSync('git', ['worktree', 'add', '--detach', dir, round.before], { cwd: projectPath(), stdio: 'ignore' });
    symlinkSync(projectPath('node_modules'), path.join(dir, 'node_modules'));
    execFileSync(process.execPath, [projectPath('node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { stdio: 'inherit' });
    const old = (await import(pathToFileURL(path.join(dir, 'dist', 'screening', 'screener.js')).href)) as OldScreener;

    const oldFixtures = path.join(dir, 'test', 'fixtures');
    const phrasings: CorpusItem[] = [
      ...loadCorpus(path.join(dir, 'test', 'screening', 'corpus.yaml')),
      ...yamlFilesIn(oldFixtures)
        .filter((file) => {
          const name = path.basename(file);
          return name.startsWith('redflags-') && !FINAL_SETS.includes(name) && !round.probes.some((probe) => name === `redflags-${probe}.yaml`);
        })
        .flatMap((file) => loadCorpus(file)),
    ];
    const oldVisitorDir = path.join(dir, 'knowledge', 'visitor-questions');
    const releaseGate = loadCorpus(path.join(dir, 'test', 'screening', 'corpus.yaml'));
    const learned = trainLearnedScreener({ phrasings, releaseGate, ordinaryMessages: allOrdinaryMessages(oldVisitorDir), levelOf: (id) => redFlag(id).level });

    const rulesOnly = (text: string): ScreeningResult => old.explainMessage(text);
    const withModel = (text: string): ScreeningResult => {
      const explained = old.explainMessage(text);
      return modelMayRead(text, explained.mentions.length > 0) ? withBackstop(explained, learned.judge(text), followUpFor, wordsIn(text)) : explained;
    };
    const items = round.probes.flatMap((probe) => loadCorpus(projectPath('screening', 'phrasings', `${probe}.yaml`)));
    const before = evaluateCorpus(items, rulesOnly, flagIds);
    const after = evaluateCorpus(items, withModel, flagIds);
    // Visitor questions written after this point: ordinary messages neither part had seen.
    const seen = new Set(yamlFilesIn(oldVisitorDir).map((file) => path.basename(file)));
    const newQuestions = yamlFilesIn(VISITOR_QUESTIONS_DIR)
      .filter((file) => !seen.has(path.basename(file)))
      .flatMap((file) => ordinaryMessagesIn(file));
    const ordinaryRaised = { hits: newQuestions.filter((text) => rulesOnly(text).level === 'none' && withModel(text).level !== 'none').length, total: newQuestions.length };

    console.log(`\n=== ${round.probes.join(' + ')} (${items.length} messages), project as of ${round.before} ===`);
    const line = (label: string, a: Rate, b: Rate): string => `  ${label.padEnd(40)} rules alone ${percent(a)} (${a.hits}/${a.total})   with backstop ${percent(b)} (${b.hits}/${b.total})`;
    console.log(line('emergencies caught at emergency level', before.emergencyAtLevel, after.emergencyAtLevel));
    console.log(line('urgent caught (urgent or emergency)', before.urgentCaught, after.urgentCaught));
    console.log(line('no-red-flag messages left at level none', before.specificity, after.specificity));
    console.log(line('… and not asked a follow-up either', before.leftAloneCompletely, after.leftAloneCompletely));
    const caught = after.outcomes.filter((outcome) => outcome.item.expect === 'emergency' && outcome.result.level === 'emergency' && before.outcomes.find((o) => o.item === outcome.item)?.result.level !== 'emergency');
    const named = caught.filter((outcome) => outcome.item.flags.some((flag) => outcome.result.flags.includes(flag)));
    console.log(`  emergencies the backstop caught, with a labelled flag named: ${named.length} of ${caught.length}`);
    totals.named = sum(totals.named, { hits: named.length, total: caught.length });
    console.log(`  later visitor questions newly raised by the backstop: ${ordinaryRaised.hits} of ${ordinaryRaised.total}`);
    add(totals.rules, before);
    add(totals.backstop, after);
    totals.ordinary = sum(totals.ordinary, ordinaryRaised);
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: projectPath(), stdio: 'ignore' });
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

console.log('\n=== all probe sets ===');
for (const [label, key] of [['emergencies caught at emergency level', 'emergency'], ['urgent caught (urgent or emergency)', 'urgent'], ['no-red-flag messages left at level none', 'specificity'], ['… and not asked a follow-up either', 'alone']] as const) {
  const a = totals.rules[key];
  const b = totals.backstop[key];
  console.log(`  ${label.padEnd(40)} rules alone ${percent(a)} (${a.hits}/${a.total})   with backstop ${percent(b)} (${b.hits}/${b.total})`);
}
console.log(`  emergencies the backstop caught, with a labelled flag named: ${totals.named.hits} of ${totals.named.total}`);
console.log(`  later visitor questions newly raised by the backstop: ${totals.ordinary.hits} of ${totals.ordinary.total}`);

function zero(): Rate {
  return { hits: 0, total: 0 };
}

function sum(a: Rate, b: Rate): Rate {
  return { hits: a.hits + b.hits, total: a.total + b.total };
}

function add(into: { emergency: Rate; urgent: Rate; specificity: Rate; alone: Rate }, figures: ReturnType<typeof evaluateCorpus>): void {
  into.emergency = sum(into.emergency, figures.emergencyAtLevel);
  into.urgent = sum(into.urgent, figures.urgentCaught);
  into.specificity = sum(into.specificity, figures.specificity);
  into.alone = sum(into.alone, figures.leftAloneCompletely);
}
