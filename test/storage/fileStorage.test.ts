import { expect } from 'chai';
import { MemoryStorage } from 'botbuilder';
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileStorage } from '../../storage/fileStorage.js';
import { describeIdleExpiry, describeStorageContract } from './storageContract.js';

const folders: string[] = [];
async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'state-'));
  folders.push(dir);
  return dir;
}
after(async () => {
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

describeStorageContract('MemoryStorage', async () => new MemoryStorage());
describeStorageContract('FileStorage', async () => new FileStorage(await tempFolder()));
describeIdleExpiry('FileStorage', async () => new FileStorage(await tempFolder()));

describe('FileStorage on disk', () => {
  it('survives a restart: a new instance on the same folder reads what the old one wrote', async () => {
    const dir = await tempFolder();
    await new FileStorage(dir).write({ 'webchat/conversations/x/': { dialogState: { step: 3 } } });
    const items = await new FileStorage(dir).read(['webchat/conversations/x/']);
    expect(items['webchat/conversations/x/']?.dialogState).to.deep.equal({ step: 3 });
  });

  it('leaves no temp files behind and names files without the key', async () => {
    const dir = await tempFolder();
    await new FileStorage(dir).write({ 'secret/conversation': { v: 1 } });
    const names = await readdir(dir);
    expect(names).to.have.length(1);
    expect(names[0]).to.match(/^[0-9a-f]{64}\.json$/);
  });

  it('expires conversations idle for longer than the limit', async () => {
    const dir = await tempFolder();
    const storage = new FileStorage(dir);
    await storage.write({ old: { v: 1 } });
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    for (const name of await readdir(dir)) await utimes(path.join(dir, name), twoDaysAgo, twoDaysAgo);
    await storage.write({ fresh: { v: 2 } });

    expect(await storage.expireIdle(86_400_000)).to.equal(1);
    const items = await storage.read(['old', 'fresh']);
    expect(items).not.to.have.property('old');
    expect(items.fresh?.v).to.equal(2);
  });
});
