import { expect } from 'chai';
import type { AddressObject } from 'mailparser';
import sinon from 'sinon';
import type { AppointmentRequest, ClinicContact } from '../../scheduling/appointmentRequest.js';
import { FileSpool } from '../../scheduling/delivery/fileSpool.js';
import { createMailTransport, type MailTransport } from '../../scheduling/delivery/mailTransport.js';
import { Sender, type SenderOptions } from '../../scheduling/delivery/sender.js';
import { ALERT_INBOX, bowie, CapturingLogger, FOLLOW_UP, frederick, sampleRequest, tempDir } from './fixtures.js';
import { freePort, TestSmtpServer, waitFor, type ReceivedMessage, type TestSmtpServerOptions } from './smtpTestServer.js';

const MAIL_FROM = 'Appointment requests <no-reply@bot.example>';
const FAST_RETRY = { firstDelayMs: 20, maxDelayMs: 100 };
const TEST_TIMEOUTS = { connectionTimeout: 1000, greetingTimeout: 1000, socketTimeout: 300 };

/** Request → spool → sender → SMTP, all real, against a loopback SMTP server. */
describe('delivery over SMTP', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let logger: CapturingLogger;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeEach(async () => {
    ({ dir, remove } = await tempDir());
    logger = new CapturingLogger();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await remove();
  });

  async function smtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
    const server = await TestSmtpServer.start(options);
    cleanups.push(() => server.stop());
    return server;
  }

  /** A spool and a started sender on `dir`, sending to `port`; enqueue() wakes the sender as the bot will. */
  async function pipeline(port: number, options: Partial<SenderOptions> = {}) {
    const spool = await FileSpool.open({ dataDir: dir, logger, ...(options.clock ? { clock: options.clock } : {}) });
    const transport: MailTransport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: MAIL_FROM, dataDir: dir, timeouts: TEST_TIMEOUTS });
    const sender = new Sender({ outbox: spool, transport, alertEmail: ALERT_INBOX, logger, retry: FAST_RETRY, ...options });
    sender.start();
    cleanups.push(async () => {
      await sender.stop();
      transport.close();
    });
    const enqueue = async (request: AppointmentRequest, clinic: ClinicContact = bowie) => {
      await spool.enqueue(request, { clinic, followUp: FOLLOW_UP });
      sender.wake();
    };
    return { spool, sender, enqueue };
  }

  it('sends the staff notification only to the chosen clinic and the confirmation only to the patient', async () => {
    const server = await smtpServer();
    const { enqueue, spool } = await pipeline(server.port);
    const toBowie = sampleRequest();
    const toFrederick = sampleRequest({ clinicId: 'frederick', patient: { email: undefined } });
    await enqueue(toBowie);
    await enqueue(toFrederick, frederick);
    await waitFor('3 messages recorded as sent', async () => {
      const counts = await spool.counts();
      return counts.sent === 3 && counts.inFlight === 0;
    });

    expect(envelopes(server.withReference(toBowie.reference))).to.have.deep.members([['bowie@clinic.example'], ['dana.whitfield@example.com']]);
    expect(envelopes(server.withReference(toFrederick.reference))).to.deep.equal([['frederick@clinic.example']]);
    expect(server.to('bowie@clinic.example').every((m) => !(m.parsed.subject ?? '').includes(toFrederick.reference))).to.equal(true);
    expect(server.messages.every((m) => m.mailFrom === 'no-reply@bot.example')).to.equal(true);
    expect(server.messages).to.have.length(3);
    expect(await spool.counts()).to.include({ queued: 0, inFlight: 0, dead: 0 });
  });

  it('delivers every field in the text and HTML parts, with the Reply-To and a stable Message-ID', async () => {
    const server = await smtpServer();
    const { enqueue } = await pipeline(server.port);
    const request = sampleRequest({ redFlags: [{ id: 'fever', label: 'Fever with back pain', level: 'urgent' }] });
    await enqueue(request);
    const staff = await waitFor('staff email', () => server.to('bowie@clinic.example')[0]);
    const { parsed } = staff;
    expect(parsed.subject).to.equal(`[URGENT: see flags] Appointment request ${request.reference} — Forever Fit Bowie`);
    expect(parsed.messageId).to.equal(`<${request.reference}.staff@bot.local>`);
    expect(addresses(parsed.replyTo)).to.deep.equal(['dana.whitfield@example.com']);
    expect(addresses(parsed.to)).to.deep.equal(['bowie@clinic.example']);
    const fields = [
      'Fever with back pain',
      'Dana Whitfield',
      '(301) 555-0187',
      'dana.whitfield@example.com',
      'Weekday mornings before 10',
      'Sciatica down my left leg for three weeks',
      'Have you had a fever with this back pain?',
      'Mon, Nov 23, 2026, 11:42 PM EST',
      request.reference,
      'consented to be contacted',
    ];
    for (const field of fields) {
      expect(parsed.text, `text: ${field}`).to.include(field);
      expect(parsed.html || '', `html: ${field}`).to.include(field);
    }
  });

  it('delivers HTML with patient text escaped', async () => {
    const server = await smtpServer();
    const { enqueue } = await pipeline(server.port);
    const request = sampleRequest({ patient: { name: '<script>alert(1)</script>' }, preferredTimes: 'Bob <b>' });
    await enqueue(request);
    const { parsed } = await waitFor('staff email', () => server.to('bowie@clinic.example')[0]);
    const html = parsed.html || '';
    expect(html).not.to.include('<script>');
    expect(html).not.to.include('Bob <b>');
    expect(html).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).to.include('Bob &lt;b&gt;');
  });

  it('adds no recipient or header from a name or email crafted to inject them', async () => {
    const server = await smtpServer();
    const { enqueue } = await pipeline(server.port);
    const attempts = [
      sampleRequest({ patient: { name: 'Eve\r\nBcc: evil@y' } }),
      sampleRequest({ patient: { email: 'a@x.com\r\nBcc: evil@y.com' } }),
      sampleRequest({ patient: { email: 'a@x.com, b@y.com' } }),
      sampleRequest({ patient: { email: 'a@x.com\nCc: evil@y.com', name: 'Eve\nTo: evil@y.com' } }),
    ];
    for (const request of attempts) await enqueue(request);
    // The first has a valid email, so it also gets a confirmation: 5 messages in all.
    await waitFor('5 messages', () => server.messages.length === 5);
    await new Promise((resolve) => setTimeout(resolve, 100)); // nothing more may arrive

    expect(server.messages).to.have.length(5);
    const allRecipients = server.messages.flatMap((m) => m.rcptTo);
    expect(allRecipients.filter((r) => r !== 'bowie@clinic.example')).to.deep.equal(['dana.whitfield@example.com']);
    for (const message of server.messages) {
      expect(message.parsed.headers.has('bcc')).to.equal(false);
      expect(message.parsed.headers.has('cc')).to.equal(false);
      expect(message.raw).not.to.match(/^(bcc|cc):/im);
      expect(addresses(message.parsed.to)).to.have.length(1);
      const replyTo = addresses(message.parsed.replyTo);
      expect(replyTo.every((address) => address === 'dana.whitfield@example.com')).to.equal(true);
    }
    const [nameInjection] = server.withReference(attempts[0]?.reference ?? '').filter((m) => m.rcptTo.includes('bowie@clinic.example'));
    expect(nameInjection?.parsed.replyTo?.value[0]?.name).to.equal('Eve Bcc: evil@y');
  });

  it('keeps a request while the mail server is down and delivers it when the server comes back', async () => {
    const port = await freePort();
    const { enqueue, spool } = await pipeline(port);
    const request = sampleRequest({ patient: { email: undefined } });
    await enqueue(request);
    await waitFor('a failed attempt', () => logger.lines.some((line) => line.fields.code === 'ESOCKET'));
    const waiting = await spool.counts();
    expect(waiting.queued + waiting.inFlight).to.equal(1); // queued, or claimed for its next try
    expect(waiting.sent).to.equal(0);

    const server = await smtpServer({ port });
    await waitFor('delivery after the server came back', async () => (await spool.counts()).sent === 1);
    expect(server.withReference(request.reference)).to.have.length(1);
    expect((await spool.counts()).queued).to.equal(0);
  });

  it('retries after a 451 and delivers once', async () => {
    const seen = new Set<string>();
    const server = await smtpServer({
      dataReply: (raw) => {
        const id = /^Message-ID: (.*)$/im.exec(raw)?.[1] ?? '';
        if (seen.has(id)) return 'accept';
        seen.add(id);
        return { code: 451, message: 'Try again later' };
      },
    });
    const { enqueue } = await pipeline(server.port);
    const request = sampleRequest();
    await enqueue(request);
    await waitFor('both messages', () => server.messages.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.attempts).to.have.length(4);
    expect(server.withReference(request.reference)).to.have.length(2);
    expect(logger.lines.filter((line) => line.fields.code === 'EMESSAGE 451')).to.have.length(2);
  });

  it('dead-letters a 550 without retrying, alerts the fallback inbox with the whole request, and still confirms to the patient', async () => {
    let staffRcpts = 0;
    const server = await smtpServer({
      recipientReply: (address) => {
        if (address !== 'bowie@clinic.example') return undefined;
        staffRcpts += 1;
        return 550;
      },
    });
    const { enqueue, spool } = await pipeline(server.port);
    const request = sampleRequest({ redFlags: [{ id: 'saddle-numbness', label: 'Numbness in the groin area', level: 'emergency' }] });
    await enqueue(request);
    const alert = await waitFor('alert', () => server.to(ALERT_INBOX)[0]);
    await waitFor('patient confirmation', () => server.to('dana.whitfield@example.com')[0]);
    await new Promise((resolve) => setTimeout(resolve, 150));

    expect(staffRcpts).to.equal(1);
    expect(server.to('bowie@clinic.example')).to.have.length(0);
    expect(server.to('dana.whitfield@example.com')).to.have.length(1);
    expect(server.to(ALERT_INBOX)).to.have.length(1);
    expect(alert.rcptTo).to.deep.equal([ALERT_INBOX]);
    expect(alert.parsed.subject).to.include(request.reference);
    expect(alert.parsed.subject).to.include('Forever Fit Bowie');
    const text = alert.parsed.text ?? '';
    for (const expected of ['550', 'bowie@clinic.example', 'Numbness in the groin area', 'Dana Whitfield', '(301) 555-0187', 'Sciatica down my left leg', 'Mon, Nov 23, 2026, 11:42 PM EST']) {
      expect(text, expected).to.include(expected);
      expect(alert.parsed.html || '', expected).to.include(expected);
    }
    expect(await spool.counts()).to.include({ queued: 0, inFlight: 0, sent: 2, dead: 1 });
  });

  it('resends with the same Message-ID and reference when the server may have got the message but never answered', async () => {
    let answered = false;
    const server = await smtpServer({
      dataReply: () => {
        if (answered) return 'accept';
        answered = true;
        return 'hang';
      },
    });
    const { enqueue } = await pipeline(server.port);
    const request = sampleRequest({ patient: { email: undefined } });
    await enqueue(request);
    await waitFor('the resend', () => server.messages.length === 1);
    expect(server.attempts).to.have.length(2);
    const [first, second] = server.attempts.map((attempt) => /^Message-ID: (.*)$/im.exec(attempt.raw)?.[1]);
    expect(first).to.equal(`<${request.reference}.staff@bot.local>`);
    expect(second).to.equal(first);
    for (const attempt of server.attempts) expect(attempt.raw).to.include(`Appointment request ${request.reference}`);
    expect(logger.lines.some((line) => line.fields.code === 'ETIMEDOUT')).to.equal(true);
  });

  it('sends each message exactly once, even with a second sender started by mistake', async () => {
    const server = await smtpServer();
    const { enqueue } = await pipeline(server.port);
    const second = await pipeline(server.port);
    const requests = Array.from({ length: 4 }, () => sampleRequest());
    await Promise.all(requests.map((request, i) => (i % 2 === 0 ? enqueue(request) : second.enqueue(request))));
    await waitFor('8 messages', () => server.messages.length === 8);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.attempts).to.have.length(8);
    for (const request of requests) {
      expect(server.withReference(request.reference).map((m) => m.rcptTo[0]).sort()).to.deep.equal(['bowie@clinic.example', 'dana.whitfield@example.com']);
    }
  });

  it('gives up after five days of transient failures: dead letter and alert', async () => {
    const port = await freePort();
    let skippedMs = 0; // the test's clock runs with real time, plus the days it skips
    const clock = () => new Date(Date.now() + skippedMs);
    const { enqueue, sender, spool } = await pipeline(port, { clock });
    const failures = () => logger.lines.filter((line) => line.fields.code === 'ESOCKET').length;
    const request = sampleRequest({ patient: { email: undefined } });
    await enqueue(request);
    await waitFor('a failed attempt', () => failures() >= 1);
    skippedMs += 4 * 86_400_000;
    const before = failures();
    await waitFor('a failed attempt on day 4', () => failures() > before);
    expect((await spool.counts()).dead).to.equal(0);

    skippedMs += 86_400_000;
    await waitFor('dead letter', async () => (await spool.counts()).dead === 1);
    const server = await smtpServer({ port });
    sender.wake();
    const alert = await waitFor('alert', () => server.to(ALERT_INBOX)[0]);
    expect(alert.parsed.text).to.match(/still failing after \d+ attempts over 5 days/);
    expect(server.to('bowie@clinic.example')).to.have.length(0);
  });

  it('finishes the message in flight on stop and leaves the rest queued', async () => {
    const server = await smtpServer({ dataReply: () => ({ acceptAfterMs: 150 }) });
    const { spool, sender } = await pipeline(server.port);
    for (let i = 0; i < 3; i += 1) await spool.enqueue(sampleRequest({ patient: { email: undefined } }), { clinic: bowie, followUp: FOLLOW_UP });
    sender.wake();
    await waitFor('first message in flight', () => server.attempts.length === 1);
    await sender.stop();
    expect(server.messages).to.have.length(1);
    expect(await spool.counts()).to.include({ sent: 1, queued: 2, inFlight: 0 });
  });

  it('does not resend a delivered message when recording it as sent fails for a while', async () => {
    const server = await smtpServer();
    const { spool, sender } = await pipeline(server.port);
    const markSent = sinon.stub(spool, 'markSent');
    markSent.onFirstCall().rejects(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    markSent.callThrough();
    await spool.enqueue(sampleRequest({ patient: { email: undefined } }), { clinic: bowie, followUp: FOLLOW_UP });
    sender.wake();
    await waitFor('recorded as sent', async () => (await spool.counts()).sent === 1);
    expect(markSent.callCount).to.equal(2);
    expect(server.attempts).to.have.length(1);
    expect(logger.lines.some((line) => line.fields.code === 'ENOSPC')).to.equal(true);
  });

  it('logs ids, clinic and error codes, never patient details', async () => {
    const server = await smtpServer({ recipientReply: (address) => (address === 'dana.whitfield@example.com' ? 550 : undefined) });
    const { enqueue } = await pipeline(server.port);
    const request = sampleRequest();
    await enqueue(request);
    await waitFor('alert', () => server.to(ALERT_INBOX)[0]);
    const logged = logger.dump();
    expect(logged).to.include(request.reference);
    expect(logged).to.include('bowie');
    expect(logged).to.include('EENVELOPE 550');
    for (const secret of ['Dana', 'Whitfield', '555-0187', 'dana.whitfield', 'Sciatica', 'Weekday mornings', 'numbness', 'Mailbox unavailable']) {
      expect(logged, secret).not.to.include(secret);
    }
  });
});

function envelopes(messages: ReceivedMessage[]): string[][] {
  return messages.map((message) => message.rcptTo);
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((entry) => entry.value.map((address) => address.address ?? ''));
}
