import type pg from 'pg';
import type { InsightsReport, InsightsStore, RedFlagAuditRecord } from './insightsStore.js';
import { scrubPersonalDetails } from './scrub.js';

/** Insights in three tables (insight_topics, insight_unanswered, red_flag_audit), one row per event. */
export class PostgresInsightsStore implements InsightsStore {
  constructor(private readonly pool: pg.Pool) {}

  async recordTopic(topicId: string, at = new Date()): Promise<void> {
    await this.pool.query('INSERT INTO insight_topics (at, topic_id) VALUES ($1, $2)', [at, topicId]);
  }

  async recordUnanswered(question: string, at = new Date()): Promise<void> {
    const scrubbed = scrubPersonalDetails(question);
    if (scrubbed === '') return;
    await this.pool.query('INSERT INTO insight_unanswered (at, question) VALUES ($1, $2)', [at, scrubbed]);
  }

  async recordRedFlag(record: RedFlagAuditRecord): Promise<void> {
    await this.pool.query('INSERT INTO red_flag_audit (at, conversation, level, flags, via) VALUES ($1, $2, $3, $4::text[], $5)', [
      record.at,
      record.conversation,
      record.level,
      record.flags,
      record.via,
    ]);
  }

  async report(options: { since: Date; topTopics: number; recentUnanswered: number }): Promise<InsightsReport> {
    const [topics, unanswered, flags] = await Promise.all([
      this.pool.query<{ topicId: string; count: number }>(
        `SELECT topic_id AS "topicId", count(*)::int AS count FROM insight_topics WHERE at >= $1
         GROUP BY topic_id ORDER BY count DESC, topic_id LIMIT $2`,
        [options.since, options.topTopics],
      ),
      this.pool.query<{ at: Date; question: string }>(
        'SELECT at, question FROM insight_unanswered WHERE at >= $1 ORDER BY at DESC LIMIT $2',
        [options.since, options.recentUnanswered],
      ),
      // A flag's level is fixed by the rules; should records disagree, the more serious one is shown.
      this.pool.query<{ level: 'emergency' | 'urgent'; flag: string; count: number }>(
        `SELECT CASE WHEN bool_or(level = 'emergency') THEN 'emergency' ELSE 'urgent' END AS level, flag, count(*)::int AS count
         FROM red_flag_audit, unnest(flags) AS flag WHERE at >= $1
         GROUP BY flag ORDER BY count DESC, flag`,
        [options.since],
      ),
    ]);
    return { since: options.since, topTopics: topics.rows, recentUnanswered: unanswered.rows, redFlags: flags.rows };
  }

  async purge(before: Date): Promise<void> {
    await this.pool.query('DELETE FROM insight_topics WHERE at < $1', [before]);
    await this.pool.query('DELETE FROM insight_unanswered WHERE at < $1', [before]);
  }
}
