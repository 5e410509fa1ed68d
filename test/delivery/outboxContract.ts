import { expect } from 'chai';
import { DuplicateReferenceError, type Outbox } from '../../scheduling/delivery/outbox.js';
import { bowie, FOLLOW_UP, frederick, sampleRequest } from './fixtures.js';

/** One outbox under test; `open` gives another handle on the same jobs (a restart, or another instance). */
export interface OutboxUnderTest {
  open(): Promise<Outbox>;
  cleanup(): Promise<void>;
}

/**
 * The Outbox behaviour the Sender relies on, written once and run against FileSpool and
 * PostgresOutbox.
 */
export function describeOutboxContract(name: string, create: () => Promise<OutboxUnderTest>): void {
  describe(`${name} (Outbox contract)`, () => {
    let subject: OutboxUnderTest;
    beforeEach(async () => {
      subject = await create();
    });
    afterEach(() => subject.cleanup());

    it('stores the staff notification and the patient confirmation as separate jobs', async () => {
      const outbox = await subject.open();
      const request = sampleRequest();
      const result = await outbox.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
      expect(result).to.deep.equal({ reference: request.reference, jobIds: [`${request.reference}.staff`, `${request.reference}.patient`] });
      const jobs = await outbox.claimDue(new Date(), 10);
      expect(jobs.map((job) => job.data.kind).sort()).to.deep.equal(['patient', 'staff']);
      expect(jobs.every((job) => job.attempts === 0)).to.equal(true);
      const patient = jobs.find((job) => job.data.kind === 'patient');
      expect(patient?.data.kind === 'patient' ? patient.data.followUp : '').to.equal(FOLLOW_UP);
    });

    it('makes no patient job without a valid patient email', async () => {
      const outbox = await subject.open();
      const request = sampleRequest({ patient: { email: 'not an address' } });
      const result = await outbox.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
      expect(result.jobIds).to.deep.equal([`${request.reference}.staff`]);
    });

    it('refuses a reference it already holds, an invalid request, and a clinic that does not match', async () => {
      const outbox = await subject.open();
      const request = sampleRequest();
      await outbox.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
      let error: unknown;
      try {
        await (await subject.open()).enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(DuplicateReferenceError);
      await expectRejection(outbox.enqueue({ ...sampleRequest(), receivedAt: 'yesterday' }, { clinic: bowie, followUp: FOLLOW_UP }), /receivedAt/);
      await expectRejection(outbox.enqueue(sampleRequest(), { clinic: frederick, followUp: FOLLOW_UP }), /clinic/);
      await expectRejection(outbox.enqueue(sampleRequest(), { clinic: { ...bowie, timeZone: 'Maryland' }, followUp: FOLLOW_UP }), /timeZone/);
      await expectRejection(outbox.enqueue(sampleRequest(), { clinic: { ...bowie, staffEmail: 'a@x.example, b@y.example' }, followUp: FOLLOW_UP }), /staffEmail/);
      expect((await outbox.counts()).queued).to.equal(2);
    });

    it('keeps the request exactly as the visitor typed it, odd characters included', async () => {
      const outbox = await subject.open();
      const request = sampleRequest({ patient: { name: 'Dana\u0000 "Whitfield" \\ 🙂' }, reason: 'line one\nline two\u2028 ☃' });
      await outbox.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
      const jobs = await (await subject.open()).claimDue(new Date(), 10);
      const staff = jobs.find((job) => job.data.kind === 'staff');
      expect(staff?.data.kind === 'staff' ? staff.data.request : undefined).to.deep.equal(request);
    });

    it('claims each due job once even with two handles claiming at once, and leaves later ones alone', async () => {
      const first = await subject.open();
      const second = await subject.open();
      for (let i = 0; i < 10; i += 1) await first.enqueue(sampleRequest(), { clinic: bowie, followUp: FOLLOW_UP });
      const now = new Date();
      const [a, b] = await Promise.all([first.claimDue(now, 100), second.claimDue(now, 100)]);
      const ids = [...a, ...b].map((job) => job.id);
      expect(ids).to.have.length(20);
      expect(new Set(ids).size).to.equal(20);
      expect(await first.claimDue(now, 100)).to.deep.equal([]);
      expect((await first.counts()).inFlight).to.equal(20);

      const later = await subject.open();
      await later.enqueue(sampleRequest(), { clinic: bowie, followUp: FOLLOW_UP });
      expect(await later.claimDue(new Date(Date.now() - 60_000), 10)).to.deep.equal([]);
    });

    it('hands out due jobs earliest first, at most the limit, and tells when the next is due', async () => {
      const outbox = await subject.open();
      for (let i = 0; i < 3; i += 1) await outbox.enqueue(sampleRequest({ patient: { email: undefined } }), { clinic: bowie, followUp: FOLLOW_UP });
      const claimed = await outbox.claimDue(new Date(), 3);
      const base = Date.now();
      // Rescheduled so that the last job claimed becomes due first.
      for (const [index, job] of claimed.entries()) await outbox.reschedule(job.id, new Date(base + (10 - index) * 1000), 'ESOCKET');
      expect((await outbox.nextDueAt())?.getTime()).to.equal(base + 8000);

      const later = new Date(base + 60_000);
      const two = await outbox.claimDue(later, 2);
      expect(two).to.have.length(2);
      for (const job of [...two, ...(await outbox.claimDue(later, 10))]) await outbox.release(job.id);
      const ordered = await outbox.claimDue(later, 10);
      expect(ordered.map((job) => job.id)).to.deep.equal(claimed.map((job) => job.id).reverse());
    });

    it('keeps attempts, next attempt time and last error for the next handle, and releases untouched', async () => {
      const outbox = await subject.open();
      const request = sampleRequest({ patient: { email: undefined } });
      await outbox.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
      const [job] = await outbox.claimDue(new Date(), 1);
      if (job === undefined) throw new Error('expected a job');
      const retryAt = new Date(Date.now() + 60_000);
      await outbox.reschedule(job.id, retryAt, 'ESOCKET');

      const reopened = await subject.open();
      expect(await reopened.claimDue(new Date(), 10)).to.deep.equal([]);
      expect((await reopened.nextDueAt())?.toISOString()).to.equal(retryAt.toISOString());
      const [again] = await reopened.claimDue(new Date(retryAt.getTime() + 1), 10);
      expect(again?.attempts).to.equal(1);
      expect(again?.lastError).to.equal('ESOCKET');
      await reopened.release(job.id);
      const [released] = await reopened.claimDue(new Date(retryAt.getTime() + 1), 10);
      expect(released?.attempts).to.equal(1);
    });

    it('lets only the handle that claimed a job finish it', async () => {
      const outbox = await subject.open();
      const other = await subject.open();
      await outbox.enqueue(sampleRequest({ patient: { email: undefined } }), { clinic: bowie, followUp: FOLLOW_UP });
      const [job] = await outbox.claimDue(new Date(), 1);
      if (job === undefined) throw new Error('expected a job');
      await expectRejection(other.markSent(job.id), /not claimed/);
      expect((await other.counts()).sent).to.equal(0);
      await outbox.markSent(job.id);
      expect((await other.counts()).sent).to.equal(1);
    });

    it('counts sent and dead jobs, keeps the reason, and purges old sent ones only', async () => {
      const outbox = await subject.open();
      const request = sampleRequest();
      await outbox.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
      const jobs = await outbox.claimDue(new Date(), 10);
      const staff = jobs.find((job) => job.data.kind === 'staff');
      const patient = jobs.find((job) => job.data.kind === 'patient');
      if (staff === undefined || patient === undefined) throw new Error('expected two jobs');
      await outbox.markSent(staff.id);
      await outbox.markDead(patient.id, 'EENVELOPE 550: mailbox unavailable');
      expect(await outbox.counts()).to.deep.equal({ queued: 0, inFlight: 0, sent: 1, dead: 1, corrupt: 0 });
      expect(await outbox.nextDueAt()).to.equal(undefined);

      expect(await outbox.purge(new Date(Date.now() - 60_000))).to.equal(0);
      expect(await outbox.purge(new Date(Date.now() + 60_000))).to.equal(1);
      expect(await outbox.counts()).to.deep.equal({ queued: 0, inFlight: 0, sent: 0, dead: 1, corrupt: 0 });
    });

    it('ignores a second alert with the same id', async () => {
      const outbox = await subject.open();
      const request = sampleRequest();
      const alert = { type: 'dead-letter', failedKind: 'staff', request, clinic: bowie, failure: 'EENVELOPE 550', at: new Date().toISOString() } as const;
      await outbox.enqueueAlert(`${request.reference}.alert-staff`, alert);
      await outbox.enqueueAlert(`${request.reference}.alert-staff`, alert);
      expect((await outbox.counts()).queued).to.equal(1);
      const [job] = await outbox.claimDue(new Date(), 10);
      expect(job?.data).to.deep.equal({ kind: 'alert', alert });
    });
  });
}

export async function expectRejection(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(error instanceof Error ? error.message : String(error)).to.match(pattern);
    return;
  }
  throw new Error(`expected a rejection matching ${pattern}`);
}
