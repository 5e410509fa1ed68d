import { expect } from 'chai';
import type pg from 'pg';
import { PostgresOutbox } from '../../scheduling/delivery/postgresOutbox.js';
import { useTestSchema } from '../support/postgres.js';
import { bowie, CapturingLogger, FOLLOW_UP, sampleRequest } from './fixtures.js';
import { describeOutboxContract } from './outboxContract.js';
import { waitFor } from './smtpTestServer.js';

describe('PostgresOutbox', () => {
  const schema = useTestSchema();
  // Two pools stand for two instances; every outbox object is a claimant of its own.
  let pools: [pg.Pool, pg.Pool] | undefined;
  const opened: PostgresOutbox[] = [];
  const instance = (options: { leaseMs?: number; logger?: CapturingLogger } = {}): PostgresOutbox => {
    pools ??= [schema().pool(), schema().pool()];
    const outbox = new PostgresOutbox({ pool: pools[opened.length % 2] as pg.Pool, logger: options.logger ?? new CapturingLogger(), leaseMs: options.leaseMs });
    opened.push(outbox);
    return outbox;
  };
  const stopAll = async () => {
    for (const outbox of opened.splice(0)) outbox.close();
  };

  describeOutboxContract('PostgresOutbox', async () => {
    await schema().truncate();
    return { open: async () => instance(), cleanup: stopAll };
  });

  describe('leases', () => {
    beforeEach(() => schema().truncate());
    afterEach(stopAll);

    it('gives the job of an instance that stopped mid-send to another once the lease runs out', async () => {
      const logger = new CapturingLogger();
      const dying = instance({ leaseMs: 400, logger });
      const survivor = instance({ leaseMs: 400 });
      await dying.enqueue(sampleRequest({ patient: { email: undefined } }), { clinic: bowie, followUp: FOLLOW_UP });
      const [job] = await dying.claimDue(new Date(), 10);
      if (job === undefined) throw new Error('expected a job');
      dying.close(); // stops renewing, as a killed process would

      expect(await survivor.claimDue(new Date(), 10)).to.deep.equal([]);
      const due = await survivor.nextDueAt();
      expect(due?.getTime()).to.be.within(Date.now(), Date.now() + 1000);
      const [taken] = await waitFor('the lease to run out', async () => {
        const jobs = await survivor.claimDue(new Date(), 10);
        return jobs.length > 0 ? jobs : undefined;
      });
      expect(taken?.id).to.equal(job.id);
      expect(taken?.attempts).to.equal(0);

      // The stalled instance comes back: its late outcome must not touch the survivor's claim.
      await dying.markSent(job.id);
      expect(logger.lines.some((line) => line.fields.code === 'CLAIM_LOST')).to.equal(true);
      expect(await survivor.counts()).to.include({ inFlight: 1, sent: 0 });
      await survivor.markSent(job.id);
      expect(await survivor.counts()).to.include({ inFlight: 0, sent: 1 });
    });

    it('keeps renewing the lease while the claiming instance is alive, however long the send takes', async () => {
      const slow = instance({ leaseMs: 300 });
      const other = instance({ leaseMs: 300 });
      await slow.enqueue(sampleRequest({ patient: { email: undefined } }), { clinic: bowie, followUp: FOLLOW_UP });
      const [job] = await slow.claimDue(new Date(), 10);
      if (job === undefined) throw new Error('expected a job');
      for (let i = 0; i < 5; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await other.claimDue(new Date(), 10)).to.deep.equal([]);
      }
      await slow.markSent(job.id);
      expect(await other.counts()).to.include({ inFlight: 0, sent: 1 });
    });
  });

  it('hands each of many jobs to exactly one of two instances claiming side by side', async () => {
    await schema().truncate();
    const first = instance();
    const second = instance();
    const references: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const request = sampleRequest({ patient: { email: undefined } });
      references.push(`${request.reference}.staff`);
      await first.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
    }
    const drain = async (outbox: PostgresOutbox): Promise<string[]> => {
      const mine: string[] = [];
      for (;;) {
        const jobs = await outbox.claimDue(new Date(), 3);
        if (jobs.length === 0) return mine;
        for (const job of jobs) {
          mine.push(job.id);
          await outbox.markSent(job.id);
        }
      }
    };
    const [a, b] = await Promise.all([drain(first), drain(second)]);
    await stopAll();
    expect([...a, ...b].sort()).to.deep.equal(references.sort());
    expect(a.length).to.be.greaterThan(0);
    expect(b.length).to.be.greaterThan(0);
  });

  it('sets an invalid row aside with an alert instead of failing every pass', async () => {
    await schema().truncate();
    const logger = new CapturingLogger();
    const outbox = instance({ logger });
    await schema().pool().query(
      `INSERT INTO outbox_jobs (id, kind, queued_at, next_attempt_at, data) VALUES ('FF-AAAA-BBBB.staff', 'staff', now(), now(), '{"kind": "staff"}')`,
    );
    const good = sampleRequest({ patient: { email: undefined } });
    await outbox.enqueue(good, { clinic: bowie, followUp: FOLLOW_UP });

    const claimed = await outbox.claimDue(new Date(), 10);
    expect(claimed.map((job) => job.id)).to.deep.equal([`${good.reference}.staff`]);
    expect((await outbox.counts()).corrupt).to.equal(1);
    expect(logger.lines.filter((line) => line.fields.code === 'SPOOL_CORRUPT')).to.have.length(1);
    const [alert] = await outbox.claimDue(new Date(), 10);
    const content = alert?.data.kind === 'alert' && alert.data.alert.type === 'corrupt-file' ? alert.data.alert.content : '';
    expect(content).to.include('FF-AAAA-BBBB.staff');
    await stopAll();
  });
});
