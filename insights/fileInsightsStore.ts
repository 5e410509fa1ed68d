import { appendFile, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ensureFolder } from '../storage/durableFile.js';
import type { InsightsReport, InsightsStore, RedFlagAuditRecord } from './insightsStore.js';
import { scrubPersonalDetails } from './scrub.js';

type Kind = 'topics' | 'unanswered' | 'redflags';
type Line =
  | { kind: 'topics'; at: string; topicId: string }
  | { kind: 'unanswered'; at: string; question: string }
  | { kind: 'redflags'; at: string; conversation: string; level: 'emergency' | 'urgent'; flags: string[]; via: string };

/**
 * Insights on the local disk: one JSON-lines file per kind per UTC day (`topics-2026-11-23.jsonl`),
 * so retention is deleting whole files and a report reads only the days it covers.
 */
export class FileInsightsStore implements InsightsStore {
  private ready: Promise<void> | undefined;

  constructor(private readonly dir: string) {}

  recordTopic(topicId: string, at = new Date()): Promise<void> {
    return this.append({ kind: 'topics', at: at.toISOString(), topicId });
  }

  recordUnanswered(question: string, at = new Date()): Promise<void> {
    const scrubbed = scrubPersonalDetails(question);
    if (scrubbed === '') return Promise.resolve();
    return this.append({ kind: 'unanswered', at: at.toISOString(), question: scrubbed });
  }

  recordRedFlag(record: RedFlagAuditRecord): Promise<void> {
    const { at, ...rest } = record;
    return this.append({ kind: 'redflags', at: at.toISOString(), ...rest });
  }

  async report(options: { since: Date; topTopics: number; recentUnanswered: number }): Promise<InsightsReport> {
    const lines = await this.readSince(options.since);
    const topicCounts = new Map<string, number>();
    const unanswered: Array<{ at: Date; question: string }> = [];
    const flagCounts = new Map<string, { level: 'emergency' | 'urgent'; flag: string; count: number }>();
    for (const line of lines) {
      if (line.kind === 'topics') topicCounts.set(line.topicId, (topicCounts.get(line.topicId) ?? 0) + 1);
      else if (line.kind === 'unanswered') unanswered.push({ at: new Date(line.at), question: line.question });
      else {
        for (const flag of line.flags) {
          const entry = flagCounts.get(flag) ?? { level: line.level, flag, count: 0 };
          entry.count += 1;
          flagCounts.set(flag, entry);
        }
      }
    }
    return {
      since: options.since,
      topTopics: [...topicCounts]
        .map(([topicId, count]) => ({ topicId, count }))
        .sort((a, b) => b.count - a.count || a.topicId.localeCompare(b.topicId))
        .slice(0, options.topTopics),
      recentUnanswered: unanswered.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, options.recentUnanswered),
      redFlags: [...flagCounts.values()].sort((a, b) => b.count - a.count),
    };
  }

  async purge(before: Date): Promise<void> {
    const cutoff = utcDay(before);
    for (const name of await this.fileNames()) {
      const match = /^(topics|unanswered)-(\d{4}-\d{2}-\d{2})\.jsonl$/.exec(name);
      if (match && (match[2] ?? '') < cutoff) await unlink(path.join(this.dir, name)).catch(() => undefined);
    }
  }

  private async append(line: Line): Promise<void> {
    this.ready ??= ensureFolder(this.dir);
    await this.ready;
    await appendFile(path.join(this.dir, `${line.kind}-${line.at.slice(0, 10)}.jsonl`), JSON.stringify(line) + '\n', { mode: 0o600 });
  }

  private async readSince(since: Date): Promise<Line[]> {
    const first = utcDay(since);
    const lines: Line[] = [];
    for (const name of await this.fileNames()) {
      const match = /^(topics|unanswered|redflags)-(\d{4}-\d{2}-\d{2})\.jsonl$/.exec(name);
      if (!match || (match[2] ?? '') < first) continue;
      const content = await readFile(path.join(this.dir, name), 'utf8');
      for (const raw of content.split('\n')) {
        if (raw.trim() === '') continue;
        try {
          const line = JSON.parse(raw) as Line;
          if (line.kind === (match[1] as Kind) && new Date(line.at) >= since) lines.push(line);
        } catch {
          // A torn last line after a crash: skip it, keep the rest.
        }
      }
    }
    return lines;
  }

  private async fileNames(): Promise<string[]> {
    try {
      return await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
