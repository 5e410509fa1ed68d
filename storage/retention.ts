import type { Logger } from '../config/logger.js';
import type { InsightsStore } from '../insights/insightsStore.js';
import type { Outbox } from '../scheduling/delivery/outbox.js';
import { errorCode } from './postgres/pools.js';
import type { ConversationStorage } from './stores.js';

/**
 * What is kept how long. Conversation state holds what a visitor typed in an unfinished request,
 * so an idle conversation is forgotten; topic counts and unanswered questions are kept for staff
 * for a while; delivered appointment messages are kept for "did it arrive?" questions, then
 * deleted (they hold the whole request). Kept until a person acts: dead letters, and the
 * red-flag audit. Not ours to purge: the mailboxes the messages went to, including
 * DATA_DIR/outbox-sent/*.eml when SMTP_URL is empty (those files are the delivered mail).
 */
export interface RetentionPolicy {
  stateTtlDays: number;
  insightsRetentionDays: number;
  sentRetentionDays: number;
}

export interface RetainedStores {
  storage: ConversationStorage;
  insights: InsightsStore;
  outbox: Pick<Outbox, 'purge'>;
}

const DAY_MS = 86_400_000;
export const RETENTION_INTERVAL_MS = 60 * 60_000;

export async function applyRetention(stores: RetainedStores, policy: RetentionPolicy, now = new Date()): Promise<{ expiredConversations: number; purgedSent: number }> {
  const expiredConversations = await stores.storage.expireIdle(policy.stateTtlDays * DAY_MS, now.getTime());
  await stores.insights.purge(new Date(now.getTime() - policy.insightsRetentionDays * DAY_MS));
  const purgedSent = await stores.outbox.purge(new Date(now.getTime() - policy.sentRetentionDays * DAY_MS));
  return { expiredConversations, purgedSent };
}

/** Applies the policy now and then every hour until stopped; a failure is logged and tried again next hour. */
export function scheduleRetention(
  stores: RetainedStores,
  policy: RetentionPolicy,
  log: Logger,
  intervalMs = RETENTION_INTERVAL_MS,
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const apply = (): void => {
    running = applyRetention(stores, policy).then(
      ({ expiredConversations, purgedSent }) => {
        if (expiredConversations > 0) log.info({ count: expiredConversations }, 'idle conversations expired');
        if (purgedSent > 0) log.info({ count: purgedSent }, 'delivered appointment messages purged');
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
