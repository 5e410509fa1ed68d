import { expect } from 'chai';
import type pg from 'pg';
import { PostgresStorage } from '../../storage/postgres/postgresStorage.js';
import { useTestSchema } from '../support/postgres.js';
import { describeIdleExpiry, describeStorageContract } from './storageContract.js';

describe('PostgresStorage', () => {
  const schema = useTestSchema();
  let pool: pg.Pool | undefined;
  const fresh = async () => {
    pool ??= schema().pool();
    await schema().truncate();
    return new PostgresStorage(pool);
  };

  describeStorageContract('PostgresStorage', fresh);
  describeIdleExpiry('PostgresStorage', fresh);

  describe('shared by two instances', () => {
    it('refuses a write from one instance made with an eTag the other has since replaced', async () => {
      await fresh();
      const first = new PostgresStorage(schema().pool());
      const second = new PostgresStorage(schema().pool());
      await first.write({ conversation: { step: 1 } });
      const seen = (await second.read(['conversation'])).conversation?.eTag;
      await first.write({ conversation: { step: 2, eTag: (await first.read(['conversation'])).conversation?.eTag } });
      let refused: unknown;
      await second.write({ conversation: { step: 'stale', eTag: seen } }).catch((error: unknown) => (refused = error));
      expect(refused).to.be.instanceOf(Error);
      expect((refused as Error).message).to.match(/eTag conflict/).and.not.to.include('conversation');
      expect((await second.read(['conversation'])).conversation?.step).to.equal(2);
    });

    it('writes a batch whole or not at all', async () => {
      const storage = await fresh();
      await storage.write({ a: { v: 1 }, b: { v: 1 } });
      const eTagOfA = (await storage.read(['a'])).a?.eTag;
      await storage.write({ b: { v: 2 } });
      const staleB = 'not-the-current-etag';
      await storage.write({ a: { v: 'new', eTag: eTagOfA }, b: { v: 'new', eTag: staleB } }).catch(() => undefined);
      const items = await storage.read(['a', 'b']);
      expect(items.a?.v).to.equal(1);
      expect(items.b?.v).to.equal(2);
    });

    it('keeps any text a visitor could type, including a NUL character and emoji', async () => {
      const storage = await fresh();
      const typed = 'Dana\u0000 "Whitfield" \\ 🙂 \u2028 end';
      await storage.write({ c: { draft: { name: typed } } });
      expect((await new PostgresStorage(schema().pool()).read(['c'])).c?.draft).to.deep.equal({ name: typed });
    });
  });
});
