import type { Logger } from '../config/logger.js';
import type { InsightsStore } from '../insights/insightsStore.js';
import { errorCode } from './postgres/pools.js';
import type { ConversationStorage } from './stores.js';

/**
 * What is kept how long. Conversation state holds what a visitor typed in an unfinished request,
 * so an idle conversation is forgotten; topic counts and unanswered questions are kept for staff
 * for a while; the red-flag audit is kept. (Sent appointment emails are purged by the Sender.)
 */
export interface RetentionPolicy {
  stateTtlDays: number;
  insightsRetentionDays: number;
}

const DAY_MS = 86_400_000;
export const RETENTION_INTERVAL_MS = 60 * 60_000;

export async function applyRetention(
  stores: { storage: ConversationStorage; insights: InsightsStore },
  policy: RetentionPolicy,
  now = new Date(),
): Promise<{ expiredConversations: number }> {
  const expiredConversations = await stores.storage.expireIdle(policy.stateTtlDays * DAY_MS, now.getTime());
  await stores.insights.purge(new Date(now.getTime() - policy.insightsRetentionDays * DAY_MS));
  return { expiredConversations };
}

/** Applies the policy now and then every hour until stopped; a failure is logged and tried again next hour. */
export function scheduleRetention(
  stores: { storage: ConversationStorage; insights: InsightsStore },
  policy: RetentionPolicy,
  log: Logger,
  intervalMs = RETENTION_INTERVAL_MS,
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const apply = (): void => {
    running = applyRetention(stores, policy).then(
      ({ expiredConversations }) => {
        if (expiredConversations > 0) log.info({ count: expiredConversations }, 'idle conversations expired');
      },
      (error: unknown) => log.error({ code: errorCode(error) }, 'retention purge failed'),
    );
  };
  apply();
  const timer = setInterval(apply, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running; // never end the pool under a purge in flight
    },
  };
}
