import { expect } from 'chai';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FileSpool } from '../../scheduling/delivery/fileSpool.js';
import type { OutboxJob } from '../../scheduling/delivery/outbox.js';
import { bowie, CapturingLogger, FOLLOW_UP, sampleRequest, tempDir } from './fixtures.js';
import { describeOutboxContract } from './outboxContract.js';

describeOutboxContract('FileSpool', async () => {
  const { dir, remove } = await tempDir();
  return { open: () => FileSpool.open({ dataDir: dir, logger: new CapturingLogger() }), cleanup: remove };
});

describe('file spool on disk', () => {
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

  it('stores each job as its own file in queue/, leaving nothing in tmp/', async () => {
    const spool = await open();
    const request = sampleRequest();
    await spool.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
    expect((await queueFiles()).sort()).to.deep.equal([`${request.reference}.patient.json`, `${request.reference}.staff.json`]);
    expect(await readdir(path.join(dir, 'outbox', 'tmp'))).to.deep.equal([]);
    const stored = JSON.parse(await readFile(path.join(dir, 'outbox', 'queue', `${request.reference}.staff.json`), 'utf8')) as OutboxJob;
    expect(stored.data.kind).to.equal('staff');
    expect(stored.attempts).to.equal(0);
  });

  it('keeps a dead job in dead/ with the reason', async () => {
    const spool = await open();
    const request = sampleRequest({ patient: { email: undefined } });
    await spool.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
    const [job] = await spool.claimDue(new Date(), 10);
    if (job === undefined) throw new Error('expected a job');
    await spool.markDead(job.id, 'EENVELOPE 550: mailbox unavailable');
    const dead = JSON.parse(await readFile(path.join(dir, 'outbox', 'dead', `${job.id}.json`), 'utf8')) as OutboxJob;
    expect(dead.deadReason).to.include('550');
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
});
