import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { projectPath } from '../config/paths.js';
import { modelMayRead, withBackstop, wordsIn } from '../screening/backstop.js';
import { evaluateCorpus, percent, type Rate } from '../screening/evaluation.js';
import { trainLearnedScreener } from '../screening/learnedScreener.js';
import { allOrdinaryMessages, loadCorpus, ordinaryMessagesIn, PHRASINGS_DIR, VISITOR_QUESTIONS_DIR, yamlFilesIn, type CorpusItem } from '../screening/phrasings.js';
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

interface Round {
  readonly probes: string[];
  readonly before: string;
}

const ROUNDS: Round[] = [
  { probes: ['probe6'], before: 'e0c0afd' },
  { probes: ['probe7', 'probe8'], before: '92cae9e' },
  { probes: ['probe9'], before: '56fab58' },
  { probes: ['probe10'], before: '2fe9e12' },
  { probes: ['probe11'], before: '64d2231' },
  { probes: ['probe12'], before: 'e00c0a8' },
  { probes: ['probe13', 'probe14', 'probe15', 'probe16'], before: '1ccbf2c' },
  { probes: ['probe17', 'probe18'], before: 'ebda6c1' },
  { probes: ['probe19', 'probe20', 'probe21', 'probe22'], before: '5cca04d' },
  { probes: ['probe23', 'probe24', 'probe25'], before: 'ac011c6' },
  { probes: ['probe26', 'probe27', 'probe28', 'probe29'], before: '96d2a6e' },
  { probes: ['probe30', 'probe31', 'probe32', 'probe33'], before: '78dbc7c' },
  { probes: ['probe34', 'probe35', 'probe36'], before: 'b753043' },
  { probes: ['probe37'], before: '77ed251' },
  { probes: ['probe38', 'probe39', 'probe40'], before: '6f8a67d' },
  { probes: ['probe41', 'probe42'], before: '94c86f9' },
  { probes: ['probe43', 'probe44'], before: 'a9cdf1c' },
  { probes: ['probe45', 'probe46'], before: '132393f' },
  { probes: ['probe47', 'probe48', 'probe49'], before: 'daacfc1' },
  { probes: ['probe50'], before: '60e77d8' },
  // Probes 51-52 were first run before 4a2fd15, which fixed a fever wording of probe 51.
  { probes: ['probe51', 'probe52'], before: 'd4b23b4' },
  { probes: ['probe53', 'probe54'], before: 'cac954b' },
  { probes: ['probe55', 'probe56'], before: 'dfb0559' },
  { probes: ['probe57', 'probe58'], before: 'ee8cdb5' },
  { probes: ['probe59', 'probe60'], before: 'a4ae49b' },
  { probes: ['probe61', 'probe62'], before: '9dec768' },
  { probes: ['probe63', 'probe64'], before: 'cf1befb' },
  { probes: ['probe65', 'probe66'], before: 'f0a5317' },
  { probes: ['probe67', 'probe68'], before: '374cd50' },
  { probes: ['probe69', 'probe70', 'probe71', 'probe72'], before: '7af7baa' },
  { probes: ['probe73', 'probe74', 'probe75', 'probe76'], before: '741fccb' },
];
/** Never trained on: the final measurements. */
const FINAL_SETS = FINAL_REDFLAG_SETS.map((set) => path.basename(set.file));
/** Ordinary one-leg sciatica reports, booking messages and other everyday traffic, all "none": added to every past's training data (see the README). */
const ORDINARY_REPORTS = ['ordinary-reports-short.yaml', 'ordinary-reports-long.yaml', 'ordinary-booking.yaml', 'ordinary-other.yaml'];

/** What the old rules made of one message: their result, and the words of red flags they saw in it. */
interface OldReading {
  readonly result: ScreeningResult;
  readonly mentionTexts: string[];
}

/** One round's past, as read once from its checkout and kept (the slow part: a build per round). */
interface Past {
  /** The labelled phrasings of the day (today's ordinary sets are added at training, not kept here). */
  readonly phrasings: CorpusItem[];
  readonly releaseGate: CorpusItem[];
  readonly ordinaryMessages: string[];
  readonly probes: Array<{ item: CorpusItem; old: OldReading }>;
  /** Visitor questions written after this point: ordinary messages neither part had seen. */
  readonly laterQuestions: Array<{ text: string; old: OldReading }>;
}

interface OldScreener {
  explainMessage(text: string): ScreeningExplanation;
  /** Only from the backstop's arrival on (before it, explainMessage was the rules alone). */
  screenWithRulesOnly?: (text: string) => ScreeningResult;
}

const args = process.argv.slice(2);
/** `--show`: list the probe messages the rules with the backstop got wrong (an emergency not at emergency level, an urgent one left alone, a raised no-red-flag one). */
const show = args.includes('--show');
const fromAt = args.indexOf('--from');
/** `--from probe13`: only the rounds from that probe set on. */
const firstProbe = fromAt >= 0 ? Number(args[fromAt + 1]?.replace(/^probe/, '')) : 0;
const rounds = ROUNDS.filter((round) => round.probes.some((probe) => Number(probe.replace('probe', '')) >= firstProbe));

const flagIds = RED_FLAGS.map((flag) => flag.id);
const totals = { rules: { emergency: zero(), urgent: zero(), specificity: zero(), alone: zero() }, backstop: { emergency: zero(), urgent: zero(), specificity: zero(), alone: zero() }, ordinary: zero(), named: zero() };

/** Screens every round's probe sets by its past rules alone and with a backstop trained on its past data. */
function backtest(): void {
  for (const round of rounds) {
    const past = pastOf(round);
    const phrasings = [...past.phrasings, ...ORDINARY_REPORTS.flatMap((name) => loadCorpus(path.join(PHRASINGS_DIR, name)))];
    const learned = trainLearnedScreener({ phrasings, releaseGate: past.releaseGate, ordinaryMessages: past.ordinaryMessages, levelOf: (id) => redFlag(id).level });
    const withModel = (text: string, old: OldReading): ScreeningResult =>
      modelMayRead(text, old.mentionTexts.length > 0) ? withBackstop(old.result, learned.judge(text), followUpFor, wordsIn(text)) : old.result;

    const items = past.probes.map(({ item }) => item);
    const oldByText = new Map([...past.probes.map(({ item, old }) => [item.text, old] as const), ...past.laterQuestions.map(({ text, old }) => [text, old] as const)]);
    const oldReading = (text: string): OldReading => {
      const old = oldByText.get(text);
      if (!old) throw new Error('a message the past was not read on');
      return old;
    };
    const before = evaluateCorpus(items, (text) => oldReading(text).result, flagIds);
    const after = evaluateCorpus(items, (text) => withModel(text, oldReading(text)), flagIds);
    const ordinaryRaised = {
      hits: past.laterQuestions.filter(({ text, old }) => old.result.level === 'none' && withModel(text, old).level !== 'none').length,
      total: past.laterQuestions.length,
    };

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
    if (show) {
      const missed = ({ item, result }: (typeof after.outcomes)[number]): boolean =>
        item.expect === 'emergency' ? result.level !== 'emergency' : item.expect === 'urgent' ? result.level === 'none' : result.level !== 'none';
      for (const outcome of after.outcomes.filter(missed)) {
        console.log(`    [${outcome.item.expect}] got ${outcome.result.level}${outcome.result.learned ? ' (backstop)' : ''}: ${outcome.item.text}`);
      }
    }
    add(totals.rules, before);
    add(totals.backstop, after);
    totals.ordinary = sum(totals.ordinary, ordinaryRaised);
  }

  console.log('\n=== all probe sets ===');
  for (const [label, key] of [['emergencies caught at emergency level', 'emergency'], ['urgent caught (urgent or emergency)', 'urgent'], ['no-red-flag messages left at level none', 'specificity'], ['… and not asked a follow-up either', 'alone']] as const) {
    const a = totals.rules[key];
    const b = totals.backstop[key];
    console.log(`  ${label.padEnd(40)} rules alone ${percent(a)} (${a.hits}/${a.total})   with backstop ${percent(b)} (${b.hits}/${b.total})`);
  }
  console.log(`  emergencies the backstop caught, with a labelled flag named: ${totals.named.hits} of ${totals.named.total}`);
  console.log(`  later visitor questions newly raised by the backstop: ${totals.ordinary.hits} of ${totals.ordinary.total}`);
}

/** Where a round's past is kept once read: the system's temporary folder. */
function cacheOf(round: Round): string {
  return path.join(tmpdir(), `backtest-backstop-v3-${round.before}-${round.probes.join('-')}.json`);
}

/**
 * The round's past, from the cache, or read from a checkout of it by a child process: each past
 * screener trains its own model when imported, and an imported module is never freed, so reading
 * every round in this process ran out of memory after twenty-two rounds.
 */
function pastOf(round: Round): Past {
  const cache = cacheOf(round);
  if (!existsSync(cache)) {
    execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--read-past', round.before, ...round.probes], { stdio: 'inherit' });
  }
  return JSON.parse(readFileSync(cache, 'utf8')) as Past;
}

/** Reads one round's past from a checkout of it and writes it to the cache (in its own process). */
async function readPast(round: Round): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'backtest-'));
  const removeCheckout = (): void => {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    execFileSync('git', ['worktree', 'prune'], { cwd: projectPath(), stdio: 'ignore' });
  };
  // A killed job skips `finally`, and git would go on listing the checkout as a worktree.
  for (const [signal, exitCode] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      removeCheckout();
      process.exit(exitCode);
    });
  }
  try {
    execFileSync('git', ['worktree', 'add', '--detach', dir, round.before], { cwd: projectPath(), stdio: 'ignore' });
    symlinkSync(projectPath('node_modules'), path.join(dir, 'node_modules'));
    execFileSync(process.execPath, [projectPath('node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { stdio: 'inherit' });
    const old = (await import(pathToFileURL(path.join(dir, 'dist', 'screening', 'screener.js')).href)) as OldScreener;
    const read = (text: string): OldReading => ({
      result: old.screenWithRulesOnly ? old.screenWithRulesOnly(text) : old.explainMessage(text),
      mentionTexts: [...new Set(old.explainMessage(text).mentions.map((mention) => mention.text))],
    });

    // The labelled phrasings of the day: screening/phrasings/ once it existed, test/ before.
    const phrasingsDir = path.join(dir, 'screening', 'phrasings');
    const gateFile = existsSync(phrasingsDir) ? path.join(phrasingsDir, 'corpus.yaml') : path.join(dir, 'test', 'screening', 'corpus.yaml');
    const releaseGate = loadCorpus(gateFile);
    const others = existsSync(phrasingsDir)
      ? yamlFilesIn(phrasingsDir).filter((file) => file !== gateFile)
      : yamlFilesIn(path.join(dir, 'test', 'fixtures')).filter((file) => path.basename(file).startsWith('redflags-'));
    const isProbeOfRound = (file: string): boolean => round.probes.some((probe) => [`${probe}.yaml`, `redflags-${probe}.yaml`].includes(path.basename(file)));
    const phrasings = [
      ...releaseGate,
      ...others.filter((file) => !FINAL_SETS.includes(path.basename(file)) && !isProbeOfRound(file) && !ORDINARY_REPORTS.includes(path.basename(file))).flatMap((file) => loadCorpus(file)),
    ];
    const oldVisitorDir = path.join(dir, 'knowledge', 'visitor-questions');
    const seen = new Set(yamlFilesIn(oldVisitorDir).map((file) => path.basename(file)));
    const laterQuestions = yamlFilesIn(VISITOR_QUESTIONS_DIR)
      .filter((file) => !seen.has(path.basename(file)))
      .flatMap((file) => ordinaryMessagesIn(file));
    const past: Past = {
      phrasings,
      releaseGate,
      ordinaryMessages: allOrdinaryMessages(oldVisitorDir),
      probes: round.probes.flatMap((probe) => loadCorpus(path.join(PHRASINGS_DIR, `${probe}.yaml`))).map((item) => ({ item, old: read(item.text) })),
      laterQuestions: laterQuestions.map((text) => ({ text, old: read(text) })),
    };
    writeFileSync(cacheOf(round), JSON.stringify(past));
  } finally {
    removeCheckout();
  }
}

const readPastAt = args.indexOf('--read-past');
if (readPastAt >= 0) {
  const [before = '', ...probes] = args.slice(readPastAt + 1);
  await readPast({ before, probes });
} else {
  backtest();
}

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
