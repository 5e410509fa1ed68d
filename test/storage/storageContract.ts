import { expect } from 'chai';
import type { Storage } from 'botbuilder';
import type { ConversationStorage } from '../../storage/stores.js';

/**
 * The behaviour botbuilder expects of a Storage, written once and run against MemoryStorage
 * (the reference) and each of our implementations.
 */
export function describeStorageContract(name: string, create: () => Promise<Storage>): void {
  describe(`${name} (Storage contract)`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await create();
    });

    it('returns nothing for keys never written', async () => {
      expect(await storage.read(['missing'])).to.deep.equal({});
    });

    it('reads back what was written, with an eTag', async () => {
      await storage.write({ a: { count: 1, nested: { list: [1, 2] } } });
      const items = await storage.read(['a', 'b']);
      expect(items.a).to.include({ count: 1 });
      expect(items.a.nested).to.deep.equal({ list: [1, 2] });
      expect(items.a.eTag).to.be.a('string').and.not.equal('*');
      expect(items).not.to.have.property('b');
    });

    it('changes the eTag on every write', async () => {
      await storage.write({ a: { v: 1 } });
      const first = (await storage.read(['a'])).a.eTag;
      await storage.write({ a: { v: 2, eTag: first } });
      const second = (await storage.read(['a'])).a;
      expect(second.v).to.equal(2);
      expect(second.eTag).not.to.equal(first);
    });

    it('refuses a write with a stale eTag and keeps the newer value', async () => {
      await storage.write({ a: { v: 1 } });
      const stale = (await storage.read(['a'])).a.eTag;
      await storage.write({ a: { v: 2, eTag: stale } });
      let refused: unknown;
      try {
        await storage.write({ a: { v: 3, eTag: stale } });
      } catch (error) {
        refused = error;
      }
      expect(refused).to.be.instanceOf(Error);
      expect((await storage.read(['a'])).a.v).to.equal(2);
    });

    it('always writes with eTag "*" or none (what BotState.saveChanges sends)', async () => {
      await storage.write({ a: { v: 1 } });
      await storage.write({ a: { v: 2, eTag: '*' } });
      expect((await storage.read(['a'])).a.v).to.equal(2);
      await storage.write({ a: { v: 3 } });
      expect((await storage.read(['a'])).a.v).to.equal(3);
    });

    it('deletes keys, and deleting a missing key is fine', async () => {
      await storage.write({ a: { v: 1 }, b: { v: 2 } });
      await storage.delete(['a', 'never']);
      const items = await storage.read(['a', 'b']);
      expect(items).not.to.have.property('a');
      expect(items.b.v).to.equal(2);
    });

    it('keeps keys with unusual characters apart', async () => {
      const keys = ['webchat/conversations/a/', 'webchat/conversations/a', '../../etc/passwd', 'ключ 🙂'];
      await storage.write(Object.fromEntries(keys.map((key, i) => [key, { i }])));
      const items = await storage.read(keys);
      keys.forEach((key, i) => expect(items[key]?.i).to.equal(i));
    });

    it('lets exactly one of two concurrent compare-and-set writes win', async () => {
      await storage.write({ a: { v: 0 } });
      const eTag = (await storage.read(['a'])).a.eTag;
      const results = await Promise.allSettled([
        storage.write({ a: { v: 'first', eTag } }),
        storage.write({ a: { v: 'second', eTag } }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      expect(['first', 'second']).to.include((await storage.read(['a'])).a.v);
    });
  });
}

/** Our own stores also forget conversations left idle (retention). */
export function describeIdleExpiry(name: string, create: () => Promise<ConversationStorage>): void {
  describe(`${name} (idle conversations expire)`, () => {
    it('deletes state idle for longer than the limit, and only that', async () => {
      const storage = await create();
      await storage.write({ 'webchat/conversations/old/': { v: 1 } });
      const day = 86_400_000;
      expect(await storage.expireIdle(day, Date.now())).to.equal(0);
      expect(await storage.read(['webchat/conversations/old/'])).to.have.property('webchat/conversations/old/');

      const twoDaysLater = Date.now() + 2 * day;
      expect(await storage.expireIdle(day, twoDaysLater)).to.equal(1);
      expect(await storage.read(['webchat/conversations/old/'])).to.deep.equal({});
    });
  });
}
