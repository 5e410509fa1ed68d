import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileInsightsStore } from '../../insights/fileInsightsStore.js';
import { scrubPersonalDetails } from '../../insights/scrub.js';
import { describeInsightsContract } from './insightsContract.js';

const folders: string[] = [];
after(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'insights-'));
  folders.push(dir);
  return dir;
}

describeInsightsContract('FileInsightsStore', async () => new FileInsightsStore(await tempFolder()));

describe('FileInsightsStore on disk', () => {
  it('never writes emails or phone numbers typed into a question to its files', async () => {
    const dir = await tempFolder();
    await new FileInsightsStore(dir).recordUnanswered('call me at (301) 555-0123 or mail jo.smith@example.com about my MRI');
    const files = await readdir(dir);
    const content = await readFile(path.join(dir, files[0] ?? ''), 'utf8');
    expect(content).not.to.include('555-0123');
    expect(content).not.to.include('jo.smith');
    expect(content).to.include('about my MRI');
  });
});

describe('scrubPersonalDetails', () => {
  it('scrubs long numbers and caps length', () => {
    expect(scrubPersonalDetails('my member id 123456789 hurts')).to.equal('my member id [number] hurts');
    expect(scrubPersonalDetails('x'.repeat(1000))).to.have.length(300);
    expect(scrubPersonalDetails('back\npain\u200b')).to.equal('back pain');
  });
});
