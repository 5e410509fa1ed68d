import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileInsightsStore } from '../../insights/fileInsightsStore.js';
import { scrubPersonalDetails } from '../../insights/scrub.js';

describe('insights kept for staff', () => {
  let dir: string;
  let store: FileInsightsStore;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'insights-'));
    store = new FileInsightsStore(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

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
    expect(report.redFlags).to.deep.equal([{ level: 'emergency', flag: 'saddle-numbness', count: 1 }]);

    const later = await store.report({ since: day(22), topTopics: 5, recentUnanswered: 10 });
    expect(later.topTopics).to.deep.equal([{ topicId: 'clinic-hours', count: 1 }]);
  });

  it('never stores emails or phone numbers typed into a question', async () => {
    await store.recordUnanswered('call me at (301) 555-0123 or mail jo.smith@example.com about my MRI');
    const files = await readdir(dir);
    const content = await readFile(path.join(dir, files[0] ?? ''), 'utf8');
    expect(content).not.to.include('555-0123');
    expect(content).not.to.include('jo.smith');
    expect(content).to.include('about my MRI');
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

  it('scrubs long numbers and caps length', () => {
    expect(scrubPersonalDetails('my member id 123456789 hurts')).to.equal('my member id [number] hurts');
    expect(scrubPersonalDetails('x'.repeat(1000))).to.have.length(300);
    expect(scrubPersonalDetails('back\npain\u200b')).to.equal('back pain');
  });
});
