import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import { TestSmtpServer, waitFor } from '../delivery/smtpTestServer.js';
import { TEST_DATABASE_URL, useTestSchema } from '../support/postgres.js';
import { lastChannelData, say } from '../support/channel.js';
import { requestAppointment, startInstance, type Instance } from './instances.js';

/** Two instances of the service behind one (imaginary) load balancer, on one PostgreSQL database. */
describe('two instances on one database', function () {
  this.timeout(60_000); // starts whole instances; slow on a loaded machine
  const schema = useTestSchema();
  let smtp: TestSmtpServer;
  let first: Instance;
  let second: Instance;

  before(async () => {
    smtp = await TestSmtpServer.start();
    [first, second] = await Promise.all([startInstance(schema().url, smtp.url), startInstance(schema().url, smtp.url)]);
  });
  after(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await smtp?.stop();
  });

  const conversation = () => `conversation-${randomBytes(6).toString('hex')}`;

  it('completes an appointment request whose turns alternate between the instances, and emails it once', async () => {
    const reference = await requestAppointment([first.app.port, second.app.port], conversation());
    expect(reference).to.match(/^FF-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const delivered = await waitFor('the staff notification and the confirmation', () => smtp.withReference(reference).length === 2 && smtp.withReference(reference));
    expect(delivered.map((message) => message.rcptTo).sort()).to.deep.equal([['bowie@clinic.example'], ['dana.whitfield@example.com']]);
    await waitFor('both recorded as sent', async () => (await first.app.outbox.counts()).sent >= 2);
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a duplicate to show up
    expect(smtp.withReference(reference)).to.have.length(2);
    const staff = delivered.find((message) => message.rcptTo[0] === 'bowie@clinic.example');
    expect(staff?.parsed.text).to.include('Dana Whitfield').and.include('(301) 555-0187');
  });

  it('loses no state when 50 turns of one conversation arrive at both instances at once', async () => {
    const id = conversation();
    const ports = [first.app.port, second.app.port];
    const questions = ['what is sciatica', 'how long does physical therapy take for sciatica?', 'is the Bowie clinic open right now?'];
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => say(ports[i % 2] ?? 0, id, questions[i % questions.length] ?? '')),
    );
    // Every visitor message got its answer (a lost lock or a failed save would give the apology).
    expect(replies.map((turn) => lastChannelData(turn).topic ?? 'none')).to.satisfy((topics: string[]) => topics.every((topic) => topic !== 'none'));

    const { rows } = await schema().pool().query<{ data: { conversationData?: { turns?: number } } }>(
      'SELECT data FROM bot_state WHERE key = $1',
      [`test/conversations/${id}/`],
    );
    expect(rows[0]?.data.conversationData?.turns).to.equal(50);
  });

  describe('health', () => {
    let proxy: DatabaseProxy;
    let instance: Instance;
    before(async () => {
      proxy = await DatabaseProxy.start(new URL(TEST_DATABASE_URL));
      const url = new URL(schema().url);
      url.host = `127.0.0.1:${proxy.port}`;
      instance = await startInstance(url.toString(), smtp.url);
    });
    after(async () => {
      await instance?.stop();
      await proxy?.close();
    });

    const health = async () => {
      const response = await fetch(`http://127.0.0.1:${instance.app.port}/healthz`);
      return { status: response.status, body: (await response.json()) as { status: string; problems?: string[] } };
    };

    it('answers 503 while the database is unreachable, and 200 again once it is back', async () => {
      expect((await health()).status).to.equal(200);
      await proxy.close();
      expect(await health()).to.deep.equal({ status: 503, body: { status: 'unavailable', problems: ['database unreachable'] } });
      await proxy.reopen();
      await waitFor('health to recover', async () => (await health()).status === 200);
    });
  });
});

/** A TCP relay to the database that a test can cut (every connection dropped) and restore. */
class DatabaseProxy {
  static async start(target: URL): Promise<DatabaseProxy> {
    const proxy = new DatabaseProxy(target.hostname, Number(target.port || 5432));
    await proxy.listen(0);
    return proxy;
  }

  port = 0;
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async reopen(): Promise<void> {
    await this.listen(this.port);
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server !== undefined) await new Promise((resolve) => server.close(resolve));
  }

  private async listen(port: number): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    this.port = typeof address === 'object' && address !== null ? address.port : port;
    this.server = server;
  }
}
