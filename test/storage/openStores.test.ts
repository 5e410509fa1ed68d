import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../config/logger.js';
import { openStores } from '../../storage/openStores.js';
import { freePort } from '../delivery/smtpTestServer.js';
import { useTestSchema } from '../support/postgres.js';

describe('openStores', () => {
  const schema = useTestSchema();
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'stores-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  const log = createLogger('silent');

  it('keeps everything under DATA_DIR when DATABASE_URL is not set', async () => {
    const stores = await openStores(loadConfig({ DATA_DIR: dataDir }), log);
    expect(stores.kind).to.equal('files');
    await stores.storage.write({ k: { v: 1 } });
    expect(await stores.health()).to.deep.equal([]);
    await stores.close();
  });

  it('uses PostgreSQL when DATABASE_URL is set, and is healthy', async () => {
    const stores = await openStores(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: schema().url }), log);
    expect(stores.kind).to.equal('postgres');
    await stores.storage.write({ k: { v: 1 } });
    expect((await schema().pool().query('SELECT key FROM bot_state')).rows).to.deep.equal([{ key: 'k' }]);
    expect(await stores.health()).to.deep.equal([]);
    await stores.close();
  });

  it('stops the start with a clear message when the database cannot be reached', async () => {
    const url = `postgres://postgres@127.0.0.1:${await freePort()}/test`;
    let error: unknown;
    await openStores(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: url }), log).catch((caught: unknown) => (error = caught));
    expect((error as Error).message).to.match(/^DATABASE_URL: cannot prepare the database: .*ECONNREFUSED/);
  });
});
