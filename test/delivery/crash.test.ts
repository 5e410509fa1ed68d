import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { FileSpool } from '../../scheduling/delivery/fileSpool.js';
import { createMailTransport } from '../../scheduling/delivery/mailTransport.js';
import { Sender } from '../../scheduling/delivery/sender.js';
import { CapturingLogger, sampleRequest, tempDir } from './fixtures.js';
import { TestSmtpServer, waitFor } from './smtpTestServer.js';

const CHILD = fileURLToPath(new URL('./crashChild.js', import.meta.url));

/** A process killed with SIGKILL after telling the visitor "received": the request must still arrive. */
describe('delivery after a crash', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let server: TestSmtpServer;
  let child: ChildProcess | undefined;

  beforeEach(async () => {
    ({ dir, remove } = await tempDir());
  });

  afterEach(async () => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await server.stop();
    await remove();
  });

  function startChild(args: string[]): Promise<void> {
    const started = spawn(process.execPath, [CHILD, dir, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    child = started;
    return new Promise((resolve, reject) => {
      started.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('queued')) resolve();
      });
      started.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
  }

  async function killChild(): Promise<void> {
    if (child === undefined) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  async function restartAndDeliver(): Promise<{ sender: Sender; spool: FileSpool }> {
    const logger = new CapturingLogger();
    const spool = await FileSpool.open({ dataDir: dir, logger });
    const transport = createMailTransport({ smtpUrl: server.url, mailFrom: 'Appointment requests <no-reply@bot.example>', dataDir: dir });
    const sender = new Sender({ outbox: spool, transport, logger });
    sender.start(); // no wake(): start alone must pick up what is queued
    return { sender, spool };
  }

  it('delivers, exactly once, a request queued by a process killed before it could send', async () => {
    server = await TestSmtpServer.start();
    const request = sampleRequest();
    await startChild([JSON.stringify(request)]);
    await killChild();
    expect(server.attempts).to.have.length(0);

    const { sender, spool } = await restartAndDeliver();
    await waitFor('both messages', async () => (await spool.counts()).sent === 2);
    await sender.stop();
    expect(server.withReference(request.reference).map((m) => m.rcptTo[0]).sort()).to.deep.equal(['bowie@clinic.example', 'dana.whitfield@example.com']);
    expect(server.attempts).to.have.length(2);
  });

  it('delivers a request whose process was killed in the middle of sending it', async () => {
    let stalled = false;
    server = await TestSmtpServer.start({
      dataReply: () => {
        if (stalled) return 'accept';
        stalled = true;
        return 'hang'; // the first DATA never gets an answer: the child is killed while waiting
      },
    });
    const request = sampleRequest({ patient: { email: undefined } });
    await startChild([JSON.stringify(request), String(server.port)]);
    await waitFor('the child to be mid-send', () => server.attempts.length === 1);
    await killChild();

    const { sender, spool } = await restartAndDeliver();
    await waitFor('the message', async () => (await spool.counts()).sent === 1);
    await sender.stop();
    expect(server.messages).to.have.length(1);
    expect(server.withReference(request.reference)).to.have.length(1);
    expect(await spool.counts()).to.include({ queued: 0, inFlight: 0 });
  });
});
