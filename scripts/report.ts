import path from 'node:path';
import { loadConfig, loadDotEnv } from '../config/config.js';
import { FileInsightsStore } from '../insights/fileInsightsStore.js';
import type { InsightsStore } from '../insights/insightsStore.js';
import { loadKnowledgeBase } from '../knowledge/load.js';

/**
 * `npm run report`: what visitors asked, for the staff who grow the knowledge base. Prints the most
 * asked topics and the most recent questions the bot could not answer (personal details were
 * removed before they were stored), and how many red flags were raised.
 * Options: --days N (default 30), --top N (default 15), --recent N (default 30).
 */

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

async function openInsights(): Promise<{ insights: InsightsStore; where: string; close: () => Promise<void> }> {
  const config = loadConfig();
  const dir = path.join(config.dataDir, 'insights');
  return { insights: new FileInsightsStore(dir), where: dir, close: async () => undefined };
}

async function main(): Promise<void> {
  loadDotEnv();
  const days = option('days', 30);
  const since = new Date(Date.now() - days * 86_400_000);
  const titles = new Map(loadKnowledgeBase().topics.map((topic) => [topic.id, topic.title]));
  const { insights, where, close } = await openInsights();
  try {
    const report = await insights.report({ since, topTopics: option('top', 15), recentUnanswered: option('recent', 30) });
    console.log(`Insights from ${where}, last ${days} days (since ${since.toISOString().slice(0, 10)})\n`);

    console.log('Most asked topics');
    if (report.topTopics.length === 0) console.log('  (none yet)');
    for (const { topicId, count } of report.topTopics) console.log(`  ${String(count).padStart(5)}  ${titles.get(topicId) ?? topicId}  [${topicId}]`);

    console.log('\nRecent questions the bot could not answer (add them as alternate questions or new topics)');
    if (report.recentUnanswered.length === 0) console.log('  (none)');
    for (const { at, question } of report.recentUnanswered) console.log(`  ${at.toISOString().slice(0, 16).replace('T', ' ')}  ${question}`);

    console.log('\nRed flags raised (audit; no message text is kept)');
    if (report.redFlags.length === 0) console.log('  (none)');
    for (const { level, flag, count } of report.redFlags) console.log(`  ${String(count).padStart(5)}  ${level.padEnd(9)} ${flag}`);
  } finally {
    await close();
  }
}

main().catch((error: Error) => {
  console.error(`report failed: ${error.message}`);
  process.exit(1);
});
