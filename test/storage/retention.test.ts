import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../config/logger.js';
import type pg from 'pg';
import { FileInsightsStore } from '../../insights/fileInsightsStore.js';
import { FileSpool } from '../../scheduling/delivery/fileSpool.js';
import type { Outbox } from '../../scheduling/delivery/outbox.js';
import { PostgresOutbox } from '../../scheduling/delivery/postgresOutbox.js';
import { FileStorage } from '../../storage/fileStorage.js';
import { applyRetention, scheduleRetention, type RetentionPolicy } from '../../storage/retention.js';
import { bowie, CapturingLogger, FOLLOW_UP, sampleRequest } from '../delivery/fixtures.js';
import { useTestSchema } from '../support/postgres.js';

describe('retention', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'retention-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const noOutbox = { purge: async () => 0 };
  const stores = () => ({ storage: new FileStorage(path.join(dir, 'state')), insights: new FileInsightsStore(path.join(dir, 'insights')), outbox: noOutbox });

  it('forgets conversations idle past STATE_TTL_DAYS and insights past INSIGHTS_RETENTION_DAYS, nothing newer', async () => {
    const { storage, insights } = stores();
    const now = new Date();
    await storage.write({ 'webchat/conversations/x/': { draft: 'unfinished request' } });
    await insights.recordTopic('imaging', new Date(now.getTime() - 100 * DAY));
    await insights.recordTopic('clinic-hours', new Date(now.getTime() - 10 * DAY));
    const policy = { stateTtlDays: 30, insightsRetentionDays: 90, sentRetentionDays: 30 };

    expect(await applyRetention({ storage, insights, outbox: noOutbox }, policy, now)).to.deep.equal({ expiredConversations: 0, purgedSent: 0 });
    expect(await storage.read(['webchat/conversations/x/'])).to.have.property('webchat/conversations/x/');
    const report = await insights.report({ since: new Date(0), topTopics: 5, recentUnanswered: 5 });
    expect(report.topTopics.map((topic) => topic.topicId)).to.deep.equal(['clinic-hours']);

    const in31Days = new Date(now.getTime() + 31 * DAY);
    expect(await applyRetention({ storage, insights, outbox: noOutbox }, policy, in31Days)).to.deep.equal({ expiredConversations: 1, purgedSent: 0 });
    expect(await storage.read(['webchat/conversations/x/'])).to.deep.equal({});
  });

  it('runs at once and then on its timer until stopped; a failure is logged, not thrown', async () => {
    const lines: string[] = [];
    const log = createLogger('info', new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
    let runs = 0;
    const failing = {
      storage: Object.assign(new FileStorage(path.join(dir, 'state')), {
        expireIdle: async () => {
          runs += 1;
          throw Object.assign(new Error('disk gone'), { code: 'EIO' });
        },
      }),
      insights: new FileInsightsStore(path.join(dir, 'insights')),
      outbox: noOutbox,
    };
    const schedule = scheduleRetention(failing, { stateTtlDays: 30, insightsRetentionDays: 90, sentRetentionDays: 30 }, log, 20);
    await new Promise((resolve) => setTimeout(resolve, 70));
    await schedule.stop();
    const runsWhenStopped = runs;
    expect(runsWhenStopped).to.be.at.least(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs).to.equal(runsWhenStopped);
    expect(lines.join('')).to.include('retention purge failed').and.include('EIO');
  });
});

const DAY = 86_400_000;

/**
 * Delivered requests are deleted SENT_RETENTION_DAYS after delivery; requests still waiting and
 * dead letters (kept until staff act) are not. Run against each outbox implementation.
 */
function describeSentRetention(name: string, setup: () => Promise<{ outbox: Outbox; dir: string; cleanup: () => Promise<void> }>): void {
  describe(`retention of delivered requests (${name})`, () => {
    let outbox: Outbox;
    let dir: string;
    let cleanup: () => Promise<void>;
    beforeEach(async () => ({ outbox, dir, cleanup } = await setup()));
    afterEach(() => cleanup());

    const policy: RetentionPolicy = { stateTtlDays: 30, insightsRetentionDays: 90, sentRetentionDays: 14 };

    it('deletes delivered requests after SENT_RETENTION_DAYS and keeps waiting ones and dead letters', async () => {
      const delivered = sampleRequest();
      await outbox.enqueue(delivered, { clinic: bowie, followUp: FOLLOW_UP });
      for (const job of await outbox.claimDue(new Date(), 10)) await outbox.markSent(job.id);
      await outbox.enqueue(sampleRequest(), { clinic: bowie, followUp: FOLLOW_UP });
      for (const job of await outbox.claimDue(new Date(), 10)) await outbox.markDead(job.id, 'mailbox does not exist');
      await outbox.enqueue(sampleRequest(), { clinic: bowie, followUp: FOLLOW_UP });
      expect(await outbox.counts()).to.include({ sent: 2, dead: 2, queued: 2 });

      const stores = { storage: new FileStorage(path.join(dir, 'state')), insights: new FileInsightsStore(path.join(dir, 'insights')), outbox };
      const now = Date.now();
      expect((await applyRetention(stores, policy, new Date(now + 13 * DAY))).purgedSent).to.equal(0);
      expect(await outbox.counts()).to.include({ sent: 2 });

      expect((await applyRetention(stores, policy, new Date(now + 15 * DAY))).purgedSent).to.equal(2);
      expect(await outbox.counts()).to.include({ sent: 0, dead: 2, queued: 2 });
    });
  });
}

describeSentRetention('file spool', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'retention-spool-'));
  const outbox = await FileSpool.open({ dataDir: dir, logger: new CapturingLogger() });
  return { outbox, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe('with PostgreSQL', () => {
  const schema = useTestSchema();
  let pool: pg.Pool | undefined;
  describeSentRetention('PostgreSQL outbox', async () => {
    pool ??= schema().pool();
    await schema().truncate();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'retention-pg-'));
    const outbox = new PostgresOutbox({ pool, logger: new CapturingLogger() });
    return {
      outbox,
      dir,
      cleanup: async () => {
        outbox.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  });
});
