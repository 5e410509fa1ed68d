import { simpleParser, type ParsedMail } from 'mailparser';
import { createServer } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 for delivery tests: it records the envelope it was given
 * (MAIL FROM and every RCPT TO) and the parsed message, and can be told to refuse or stall.
 */

export interface ReceivedMessage {
  mailFrom: string;
  rcptTo: string[];
  raw: string;
  parsed: ParsedMail;
}

/** What the server answers at the end of DATA: accept (now or later), an SMTP error reply, or nothing at all. */
export type DataReply = 'accept' | 'hang' | { acceptAfterMs: number } | { code: number; message: string };

export interface TestSmtpServerOptions {
  /** Listen on this port (0 or absent: any free port). */
  port?: number;
  /** A reply code to refuse the recipient with (e.g. 550), or undefined to accept it. Called for every RCPT TO. */
  recipientReply?: (address: string) => number | undefined;
  /** Decides the reply to each message's DATA; default accept. */
  dataReply?: (raw: string, rcptTo: string[]) => DataReply;
}

export class TestSmtpServer {
  static async start(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
    const server = new TestSmtpServer(options);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return server;
  }

  /** Messages the server accepted. */
  readonly messages: ReceivedMessage[] = [];
  /** Every DATA the server saw, accepted or not. */
  readonly attempts: Array<{ rcptTo: string[]; raw: string }> = [];
  private readonly server: SMTPServer;

  private constructor(private readonly options: TestSmtpServerOptions) {
    this.server = new SMTPServer({
      logger: false,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      closeTimeout: 200,
      disableReverseLookup: true,
      onRcptTo: (address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) => {
        const code = this.options.recipientReply?.(address.address);
        if (code === undefined) return callback();
        callback(Object.assign(new Error(`${code === 550 ? 'Mailbox unavailable' : 'Try again later'}`), { responseCode: code }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const rcptTo = session.envelope.rcptTo.map((rcpt) => rcpt.address);
          const mailFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
          this.attempts.push({ rcptTo, raw });
          const reply = this.options.dataReply?.(raw, rcptTo) ?? 'accept';
          if (reply === 'hang') return; // never answer: the client times out after the final dot
          if (typeof reply === 'object' && 'code' in reply) {
            return callback(Object.assign(new Error(reply.message), { responseCode: reply.code }));
          }
          const accept = (): void => {
            simpleParser(raw).then(
              (parsed) => {
                this.messages.push({ mailFrom, rcptTo, raw, parsed });
                callback();
              },
              (error: Error) => callback(error),
            );
          };
          if (reply === 'accept') accept();
          else setTimeout(accept, reply.acceptAfterMs);
        });
      },
    });
  }

  get port(): number {
    const address = this.server.server.address();
    if (address === null || typeof address === 'string') throw new Error('server is not listening');
    return address.port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Accepted messages whose subject carries the reference. */
  withReference(reference: string): ReceivedMessage[] {
    return this.messages.filter((message) => (message.parsed.subject ?? '').includes(reference));
  }

  /** Accepted messages addressed (in the envelope) to this address. */
  to(address: string): ReceivedMessage[] {
    return this.messages.filter((message) => message.rcptTo.includes(address));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A port nothing listens on right now (for "server down, then up" tests). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`
 * (generous, for a loaded machine: a passing test returns as soon as the check holds).
 */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
