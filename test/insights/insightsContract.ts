import { expect } from 'chai';
import type { InsightsStore } from '../../insights/insightsStore.js';

/** What staff get from an InsightsStore, written once and run against each implementation. */
export function describeInsightsContract(name: string, create: () => Promise<InsightsStore>): void {
  describe(`${name} (insights kept for staff)`, () => {
    let store: InsightsStore;
    beforeEach(async () => {
      store = await create();
    });

    it('ranks the most asked topics and lists recent unanswered questions, newest first', async () => {
      const day = (d: number) => new Date(Date.UTC(2026, 10, d, 12));
      await store.recordTopic('sciatica-what-is', day(20));
      await store.recordTopic('clinic-hours', day(21));
      await store.recordTopic('clinic-hours', day(22));
      await store.recordUnanswered('do you treat tennis elbow', day(21));
      await store.recordUnanswered('is there parking', day(22));
      await store.recordRedFlag({ at: day(22), conversation: 'abc', level: 'emergency', flags: ['saddle-numbness'], via: 'message' });

      const report = await store.report({ since: day(1), topTopics: 5, recentUnanswered: 10 });
      expect(report.topTopics).to.deep.equal([
        { topicId: 'clinic-hours', count: 2 },
        { topicId: 'sciatica-what-is', count: 1 },
      ]);
      expect(report.recentUnanswered.map((u) => u.question)).to.deep.equal(['is there parking', 'do you treat tennis elbow']);
      expect(report.recentUnanswered[0]?.at.toISOString()).to.equal(day(22).toISOString());
      expect(report.redFlags).to.deep.equal([{ level: 'emergency', flag: 'saddle-numbness', count: 1 }]);

      const later = await store.report({ since: day(22), topTopics: 5, recentUnanswered: 10 });
      expect(later.topTopics).to.deep.equal([{ topicId: 'clinic-hours', count: 1 }]);
      expect(later.recentUnanswered.map((u) => u.question)).to.deep.equal(['is there parking']);
    });

    it('counts each red flag of the audit, most frequent first', async () => {
      const at = new Date(Date.UTC(2026, 10, 22, 12));
      await store.recordRedFlag({ at, conversation: 'a', level: 'urgent', flags: ['fever', 'weight-loss'], via: 'message' });
      await store.recordRedFlag({ at, conversation: 'b', level: 'urgent', flags: ['fever'], via: 'screening-question' });
      const report = await store.report({ since: new Date(Date.UTC(2026, 10, 1)), topTopics: 5, recentUnanswered: 5 });
      expect(report.redFlags).to.deep.equal([
        { level: 'urgent', flag: 'fever', count: 2 },
        { level: 'urgent', flag: 'weight-loss', count: 1 },
      ]);
    });

    it('never keeps emails or phone numbers typed into a question', async () => {
      await store.recordUnanswered('call me at (301) 555-0123 or mail jo.smith@example.com about my MRI');
      const report = await store.report({ since: new Date(Date.now() - 60_000), topTopics: 5, recentUnanswered: 5 });
      const kept = report.recentUnanswered.map((u) => u.question).join('\n');
      expect(kept).not.to.include('555-0123');
      expect(kept).not.to.include('jo.smith');
      expect(kept).to.include('about my MRI');
    });

    it('purges topic counts and unanswered questions past retention but keeps the red-flag audit', async () => {
      const old = new Date(Date.UTC(2026, 0, 1));
      await store.recordTopic('imaging', old);
      await store.recordUnanswered('old question', old);
      await store.recordRedFlag({ at: old, conversation: 'x', level: 'urgent', flags: ['fever'], via: 'message' });
      await store.recordTopic('imaging', new Date(Date.UTC(2026, 10, 1)));
      await store.purge(new Date(Date.UTC(2026, 5, 1)));
      const report = await store.report({ since: old, topTopics: 5, recentUnanswered: 5 });
      expect(report.topTopics).to.deep.equal([{ topicId: 'imaging', count: 1 }]);
      expect(report.recentUnanswered).to.deep.equal([]);
      expect(report.redFlags).to.have.length(1);
    });
  });
}
