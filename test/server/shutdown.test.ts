import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { projectPath } from '../../config/paths.js';
import { freePort, waitFor } from '../delivery/smtpTestServer.js';

/**
 * `npm start` as a deployment runs it: the compiled service in its own process. SIGTERM stops it
 * taking new work, lets the turn in flight finish (its reply still reaches the channel), and exits 0.
 */
describe('graceful shutdown on SIGTERM', function () {
  this.timeout(30_000);
  let dataDir: string;
  let child: ChildProcess | undefined;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'shutdown-'));
  });
  after(async () => {
    child?.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finishes the turn in flight, then exits cleanly', async () => {
    // A channel that takes a second to accept the bot's reply keeps the turn in flight.
    const replies: string[] = [];
    const channel = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () =>
        setTimeout(() => {
          replies.push(body);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"id":"r1"}');
        }, 1000),
      );
    });
    await new Promise<void>((resolve) => channel.listen(0, '127.0.0.1', resolve));
    const channelUrl = `http://127.0.0.1:${(channel.address() as AddressInfo).port}`;

    const port = await freePort();
    const output: string[] = [];
    child = spawn(process.execPath, ['--disable-warning=DEP0111', projectPath('dist', 'index.js')], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    await waitFor('the service to be healthy', async () => (await fetch(`${base}/healthz`).catch(() => undefined))?.status === 200, 60_000);

    const turn = fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'a1',
        channelId: 'test',
        serviceUrl: channelUrl,
        conversation: { id: 'shutdown-1' },
        from: { id: 'visitor' },
        recipient: { id: 'bot' },
        text: 'what is sciatica?',
      }),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGTERM');

    const response = await turn;
    expect(response.status).to.equal(200);
    expect(await exited).to.equal(0);
    expect(replies).to.have.length(1);
    expect(JSON.parse(replies[0] ?? '{}').channelData?.topic).to.equal('sciatica-what-is');
    expect(output.join('')).to.match(/"msg":"stopped"/);
    await fetch(`${base}/healthz`).then(
      () => expect.fail('the stopped service still answered'),
      () => undefined,
    );
    await new Promise<void>((resolve) => channel.close(() => resolve()));
  });
});
