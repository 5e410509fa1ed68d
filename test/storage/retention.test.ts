import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../config/logger.js';
import { FileInsightsStore } from '../../insights/fileInsightsStore.js';
import { FileStorage } from '../../storage/fileStorage.js';
import { applyRetention, scheduleRetention } from '../../storage/retention.js';

describe('retention', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'retention-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const stores = () => ({ storage: new FileStorage(path.join(dir, 'state')), insights: new FileInsightsStore(path.join(dir, 'insights')) });
  const DAY = 86_400_000;

  it('forgets conversations idle past STATE_TTL_DAYS and insights past INSIGHTS_RETENTION_DAYS, nothing newer', async () => {
    const { storage, insights } = stores();
    const now = new Date();
    await storage.write({ 'webchat/conversations/x/': { draft: 'unfinished request' } });
    await insights.recordTopic('imaging', new Date(now.getTime() - 100 * DAY));
    await insights.recordTopic('clinic-hours', new Date(now.getTime() - 10 * DAY));
    const policy = { stateTtlDays: 30, insightsRetentionDays: 90 };

    expect(await applyRetention({ storage, insights }, policy, now)).to.deep.equal({ expiredConversations: 0 });
    expect(await storage.read(['webchat/conversations/x/'])).to.have.property('webchat/conversations/x/');
    const report = await insights.report({ since: new Date(0), topTopics: 5, recentUnanswered: 5 });
    expect(report.topTopics.map((topic) => topic.topicId)).to.deep.equal(['clinic-hours']);

    const in31Days = new Date(now.getTime() + 31 * DAY);
    expect(await applyRetention({ storage, insights }, policy, in31Days)).to.deep.equal({ expiredConversations: 1 });
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
    };
    const schedule = scheduleRetention(failing, { stateTtlDays: 30, insightsRetentionDays: 90 }, log, 20);
    await new Promise((resolve) => setTimeout(resolve, 70));
    await schedule.stop();
    const runsWhenStopped = runs;
    expect(runsWhenStopped).to.be.at.least(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs).to.equal(runsWhenStopped);
    expect(lines.join('')).to.include('retention purge failed').and.include('EIO');
  });
});
