/**
 * What staff learn from conversations, kept in the store (never in logs): which topics are asked
 * most, which questions the bot could not answer, and an audit trail of red flags raised.
 */

export interface RedFlagAuditRecord {
  at: Date;
  /** One-way hash of the conversation id (see hashConversationId). */
  conversation: string;
  level: 'emergency' | 'urgent';
  flags: string[];
  /** Where the flag came from: a free-text message (read by the rules, or by the learned model where the rules saw no report), a follow-up answer, or a screening question. */
  via: 'message' | 'learned-model' | 'follow-up' | 'screening-question';
}

export interface InsightsReport {
  since: Date;
  topTopics: Array<{ topicId: string; count: number }>;
  recentUnanswered: Array<{ at: Date; question: string }>;
  redFlags: Array<{ level: 'emergency' | 'urgent'; flag: string; count: number }>;
}

export interface InsightsStore {
  recordTopic(topicId: string, at?: Date): Promise<void>;
  /** Stores the question with personal details (emails, phone numbers, long numbers) removed. */
  recordUnanswered(question: string, at?: Date): Promise<void>;
  recordRedFlag(record: RedFlagAuditRecord): Promise<void>;
  report(options: { since: Date; topTopics: number; recentUnanswered: number }): Promise<InsightsReport>;
  /** Deletes topic counts and unanswered questions older than `before` (red-flag audit records are kept). */
  purge(before: Date): Promise<void>;
}
