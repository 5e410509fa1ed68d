import { expect } from 'chai';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FileSpool } from '../../scheduling/delivery/fileSpool.js';
import { DuplicateReferenceError, type OutboxJob } from '../../scheduling/delivery/outbox.js';
import { bowie, CapturingLogger, FOLLOW_UP, frederick, sampleRequest, tempDir } from './fixtures.js';

describe('file spool', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let logger: CapturingLogger;

  beforeEach(async () => {
    ({ dir, remove } = await tempDir());
    logger = new CapturingLogger();
  });
  afterEach(() => remove());

  const open = () => FileSpool.open({ dataDir: dir, logger });
  const queueFiles = () => readdir(path.join(dir, 'outbox', 'queue'));

  it('stores the staff notification and the patient confirmation as separate jobs on disk', async () => {
    const spool = await open();
    const request = sampleRequest();
    const result = await spool.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
    expect(result.jobIds).to.deep.equal([`${request.reference}.staff`, `${request.reference}.patient`]);
    expect((await queueFiles()).sort()).to.deep.equal([`${request.reference}.patient.json`, `${request.reference}.staff.json`]);
    expect(await readdir(path.join(dir, 'outbox', 'tmp'))).to.deep.equal([]);
    const stored = JSON.parse(await readFile(path.join(dir, 'outbox', 'queue', `${request.reference}.staff.json`), 'utf8')) as OutboxJob;
    expect(stored.data.kind).to.equal('staff');
    expect(stored.attempts).to.equal(0);
  });

  it('makes no patient job without a valid patient email', async () => {
    const spool = await open();
    const request = sampleRequest({ patient: { email: 'not an address' } });
    const result = await spool.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
    expect(result.jobIds).to.deep.equal([`${request.reference}.staff`]);
  });

  it('refuses a reference it already holds, an invalid request, and a clinic that does not match', async () => {
    const spool = await open();
    const request = sampleRequest();
    await spool.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
    let error: unknown;
    try {
      await spool.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(DuplicateReferenceError);
    await expectRejection(spool.enqueue({ ...sampleRequest(), receivedAt: 'yesterday' }, { clinic: bowie, followUp: FOLLOW_UP }), /receivedAt/);
    await expectRejection(spool.enqueue(sampleRequest(), { clinic: frederick, followUp: FOLLOW_UP }), /clinic/);
    await expectRejection(spool.enqueue(sampleRequest(), { clinic: { ...bowie, timeZone: 'Maryland' }, followUp: FOLLOW_UP }), /timeZone/);
    await expectRejection(spool.enqueue(sampleRequest(), { clinic: { ...bowie, staffEmail: 'a@x.example, b@y.example' }, followUp: FOLLOW_UP }), /staffEmail/);
    expect(await queueFiles()).to.have.length(2);
  });

  it('claims each due job once even with two spools on one folder, and leaves later ones alone', async () => {
    const first = await open();
    const second = await open();
    for (let i = 0; i < 10; i += 1) await first.enqueue(sampleRequest(), { clinic: bowie, followUp: FOLLOW_UP });
    const now = new Date();
    const [a, b] = await Promise.all([first.claimDue(now, 100), second.claimDue(now, 100)]);
    const ids = [...(a ?? []), ...(b ?? [])].map((job) => job.id);
    expect(ids).to.have.length(20);
    expect(new Set(ids).size).to.equal(20);
    expect(await first.claimDue(now, 100)).to.deep.equal([]);
    expect((await first.counts()).inFlight).to.equal(20);

    const later = await open();
    await later.enqueue(sampleRequest(), { clinic: bowie, followUp: FOLLOW_UP });
    expect(await later.claimDue(new Date(Date.now() - 60_000), 10)).to.deep.equal([]);
  });

  it('keeps attempts, next attempt time and last error across a restart, and releases untouched', async () => {
    const spool = await open();
    const request = sampleRequest({ patient: { email: undefined } });
    await spool.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
    const [job] = await spool.claimDue(new Date(), 1);
    if (job === undefined) throw new Error('expected a job');
    const retryAt = new Date(Date.now() + 60_000);
    await spool.reschedule(job.id, retryAt, 'ESOCKET');

    const reopened = await open();
    expect(await reopened.claimDue(new Date(), 10)).to.deep.equal([]);
    expect((await reopened.nextDueAt())?.toISOString()).to.equal(retryAt.toISOString());
    const [again] = await reopened.claimDue(new Date(retryAt.getTime() + 1), 10);
    expect(again?.attempts).to.equal(1);
    expect(again?.lastError).to.equal('ESOCKET');
    await reopened.release(job.id);
    const [released] = await reopened.claimDue(new Date(retryAt.getTime() + 1), 10);
    expect(released?.attempts).to.equal(1);
  });

  it('moves sent and dead jobs to their folders and purges old sent ones', async () => {
    const spool = await open();
    const request = sampleRequest();
    await spool.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
    const [staff, patient] = await spool.claimDue(new Date(), 10);
    if (staff === undefined || patient === undefined) throw new Error('expected two jobs');
    await spool.markSent(staff.id);
    await spool.markDead(patient.id, 'EENVELOPE 550: mailbox unavailable');
    expect(await spool.counts()).to.deep.equal({ queued: 0, inFlight: 0, sent: 1, dead: 1, corrupt: 0 });
    const dead = JSON.parse(await readFile(path.join(dir, 'outbox', 'dead', `${patient.id}.json`), 'utf8')) as OutboxJob;
    expect(dead.deadReason).to.include('550');

    expect(await spool.purge(new Date(Date.now() - 60_000))).to.equal(0);
    expect(await spool.purge(new Date(Date.now() + 60_000))).to.equal(1);
    expect(await spool.counts()).to.deep.equal({ queued: 0, inFlight: 0, sent: 0, dead: 1, corrupt: 0 });
  });

  it('sets a corrupt or mismatched file aside with an alert instead of failing', async () => {
    const spool = await open();
    const request = sampleRequest({ patient: { email: undefined } });
    await spool.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
    const queue = path.join(dir, 'outbox', 'queue');
    await writeFile(path.join(queue, 'FF-AAAA-BBBB.staff.json'), '{"id": "FF-AAAA-BBBB.staff", "attem');
    await writeFile(path.join(queue, 'FF-CCCC-DDDD.staff.json'), await readFile(path.join(queue, `${request.reference}.staff.json`)));
    await writeFile(path.join(queue, 'notes.txt'), 'hello');

    const claimed = await spool.claimDue(new Date(), 10);
    const kinds = claimed.map((job) => (job.data.kind === 'alert' ? `alert:${job.data.alert.type}` : job.id));
    expect(kinds).to.include(`${request.reference}.staff`);
    expect((await spool.counts()).corrupt).to.equal(3);
    const alerts = await spool.claimDue(new Date(), 10);
    expect(alerts.map((job) => job.data.kind)).to.deep.equal(['alert', 'alert', 'alert']);
    const first = alerts.find((job) => job.data.kind === 'alert' && job.data.alert.type === 'corrupt-file' && job.data.alert.fileName === 'FF-AAAA-BBBB.staff.json');
    expect(first?.data.kind === 'alert' && first.data.alert.type === 'corrupt-file' ? first.data.alert.content : '').to.include('"attem');
    expect(logger.lines.filter((line) => line.fields.code === 'SPOOL_CORRUPT')).to.have.length(3);
  });

  it('returns the claims of a process that died to the queue when opened', async () => {
    const spool = await open();
    const request = sampleRequest({ patient: { email: undefined } });
    await spool.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
    const jobFile = `${request.reference}.staff.json`;
    // What a claim by another (now dead) process looks like on disk.
    await rename(path.join(dir, 'outbox', 'queue', jobFile), path.join(dir, 'outbox', 'active', `${request.reference}.staff@99999-deadbeef.json`));
    expect(await spool.claimDue(new Date(), 10)).to.deep.equal([]);

    const restarted = await open();
    const [job] = await restarted.claimDue(new Date(), 10);
    expect(job?.id).to.equal(`${request.reference}.staff`);
  });

  it('ignores a second alert with the same id', async () => {
    const spool = await open();
    const request = sampleRequest();
    const alert = { type: 'dead-letter', failedKind: 'staff', request, clinic: bowie, failure: 'EENVELOPE 550', at: new Date().toISOString() } as const;
    await spool.enqueueAlert(`${request.reference}.alert-staff`, alert);
    await spool.enqueueAlert(`${request.reference}.alert-staff`, alert);
    expect((await spool.counts()).queued).to.equal(1);
  });
});

async function expectRejection(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(error instanceof Error ? error.message : String(error)).to.match(pattern);
    return;
  }
  throw new Error(`expected a rejection matching ${pattern}`);
}
