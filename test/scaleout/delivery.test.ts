import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMailTransport } from '../../scheduling/delivery/mailTransport.js';
import { PostgresOutbox } from '../../scheduling/delivery/postgresOutbox.js';
import { Sender } from '../../scheduling/delivery/sender.js';
import { bowie, CapturingLogger, FOLLOW_UP, sampleRequest } from '../delivery/fixtures.js';
import { TestSmtpServer, waitFor } from '../delivery/smtpTestServer.js';
import { useTestSchema } from '../support/postgres.js';
import { requestAppointment } from './instances.js';

const CHILD = fileURLToPath(new URL('./appChild.js', import.meta.url));

/** Appointment emails with several instances sharing the PostgreSQL outbox: each sent once, none lost. */
describe('delivery shared by several instances', function () {
  this.timeout(60_000); // starts whole instances, one in a child process; slow on a loaded machine
  const schema = useTestSchema();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** The delivery half of an instance (outbox and sender on a pool of its own), started at once. */
  function deliveringInstance(smtpUrl: string, options: { leaseMs?: number; batchSize?: number } = {}) {
    const outbox = new PostgresOutbox({ pool: schema().pool(), logger: new CapturingLogger(), leaseMs: options.leaseMs });
    const transport = createMailTransport({ smtpUrl, mailFrom: 'Appointment requests <no-reply@bot.example>', dataDir: tmpdir() });
    const outcomes: string[] = [];
    const sender = new Sender({ outbox, transport, logger: new CapturingLogger(), batchSize: options.batchSize, onOutcome: (event) => outcomes.push(event.outcome) });
    cleanups.push(async () => {
      await sender.stop();
      transport.close();
      outbox.close();
    });
    return { outbox, sender, outcomes };
  }

  it('delivers, after the lease, the request of an instance killed in the middle of sending it', async () => {
    let held = false;
    const smtp = await TestSmtpServer.start({
      dataReply: () => {
        if (held) return 'accept';
        held = true;
        return 'hang'; // the first DATA never gets an answer: the instance is killed while waiting
      },
    });
    cleanups.push(() => smtp.stop());
    const dataDir = await mkdtemp(path.join(tmpdir(), 'child-instance-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

    const leaseMs = 800;
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', CHILD], {
      env: { ...process.env, DATABASE_URL: schema().url, SMTP_URL: smtp.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent', TEST_OUTBOX_LEASE_MS: String(leaseMs) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.push(() => killed(child));
    const childPort = await listeningPort(child);

    const reference = await requestAppointment([childPort], 'conversation-killed-mid-send');
    await waitFor('the killed instance to be mid-send', () => smtp.attempts.length === 1);
    // Another instance delivers too, started while the first still holds its claims.
    const survivor = deliveringInstance(smtp.url, { leaseMs });
    survivor.sender.start();
    // While the first instance lives it keeps renewing its claims: the survivor leaves them alone.
    await new Promise((resolve) => setTimeout(resolve, leaseMs * 1.5));
    expect(smtp.attempts).to.have.length(1);
    await killed(child);

    await waitFor('both emails from the surviving instance', () => smtp.withReference(reference).length === 2, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.withReference(reference).map((message) => message.rcptTo[0]).sort()).to.deep.equal(['bowie@clinic.example', 'dana.whitfield@example.com']);
    expect(survivor.outcomes).to.deep.equal(['sent', 'sent']);
    expect(await survivor.outbox.counts()).to.include({ queued: 0, inFlight: 0, sent: 2 });
  });

  it('sends each email once when two instances race for the same rows', async () => {
    await schema().truncate();
    const smtp = await TestSmtpServer.start({ dataReply: () => ({ acceptAfterMs: 5 }) });
    cleanups.push(() => smtp.stop());
    const instances = [deliveringInstance(smtp.url, { batchSize: 2 }), deliveringInstance(smtp.url, { batchSize: 2 })];
    const references: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const request = sampleRequest();
      references.push(request.reference);
      await instances[0]?.outbox.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
    }
    // Both start at the same moment, and both look at the outbox at once.
    for (const { sender } of instances) sender.start();

    await waitFor('20 emails', () => smtp.messages.length >= 20, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages).to.have.length(20);
    for (const reference of references) expect(smtp.withReference(reference), reference).to.have.length(2);
    expect(await instances[0]?.outbox.counts()).to.include({ queued: 0, inFlight: 0, sent: 20 });
    // Both took part (otherwise there was no race to win).
    expect(instances.map((instance) => instance.outcomes.length)).to.satisfy((counts: number[]) => counts.every((count) => count > 0));
  });
});

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the instance exited before listening (${code})`)));
  });
}

async function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}
