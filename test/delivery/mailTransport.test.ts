import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { FileSpool } from '../../scheduling/delivery/fileSpool.js';
import { createMailTransport, isLoopbackHost, parseMailFrom, smtpOptionsFor } from '../../scheduling/delivery/mailTransport.js';
import { Sender } from '../../scheduling/delivery/sender.js';
import { composeStaffEmail } from '../../scheduling/delivery/staffEmail.js';
import { bowie, CapturingLogger, FOLLOW_UP, sampleRequest, tempDir } from './fixtures.js';
import { TestSmtpServer, waitFor } from './smtpTestServer.js';

const MAIL_FROM = 'Appointment requests <no-reply@localhost>';

describe('mail transport', () => {
  describe('SMTP options', () => {
    it('requires TLS toward any host but loopback, and never logs', () => {
      const remote = smtpOptionsFor('smtp://user:secret@mail.example.com:587');
      expect(remote).to.include({ host: 'mail.example.com', port: 587, secure: false, requireTLS: true, opportunisticTLS: false, debug: false, logger: false });
      expect(remote.auth).to.deep.include({ user: 'user', pass: 'secret' });
      expect(remote.socketTimeout).to.be.a('number').and.be.at.most(60_000);
      expect(remote.connectionTimeout).to.be.a('number').and.be.at.most(30_000);

      expect(smtpOptionsFor('smtps://mail.example.com')).to.include({ secure: true, requireTLS: true });
      expect(smtpOptionsFor('smtp://127.0.0.1:2525')).to.include({ requireTLS: false, debug: false, logger: false });
    });

    it('cannot be talked out of TLS or into logging by the URL', () => {
      const options = smtpOptionsFor('smtp://mail.example.com:25?requireTLS=false&ignoreTLS=true&opportunisticTLS=true&debug=true&logger=true');
      expect(options).to.include({ requireTLS: true, opportunisticTLS: false, ignoreTLS: false, debug: false, logger: false });
    });

    it('tells loopback hosts from others', () => {
      for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]']) expect(isLoopbackHost(host), host).to.equal(true);
      for (const host of ['mail.example.com', '10.0.0.1', '128.0.0.1', '127.0.0.1.nip.io', 'localhost.example.com', '::2', '0.0.0.0']) {
        expect(isLoopbackHost(host), host).to.equal(false);
      }
    });

    it('with those options, refuses to send to a server that offers no STARTTLS', async () => {
      const server = await TestSmtpServer.start();
      try {
        const remoteOptions = smtpOptionsFor('smtp://relay.example.com:25');
        // Same options, pointed at our plain-text loopback server as if it were that remote relay.
        const transporter = nodemailer.createTransport({ ...remoteOptions, host: '127.0.0.1', port: server.port });
        let failure: unknown;
        try {
          await transporter.sendMail({ from: 'a@bot.example', to: 'b@clinic.example', subject: 'x', text: 'y' });
        } catch (error) {
          failure = error;
        }
        expect(failure).to.be.instanceOf(Error);
        expect(failure).to.have.property('code', 'ETLS');
        expect(server.attempts).to.have.length(0);
      } finally {
        await server.stop();
      }
    });

    it('rejects a URL that is not smtp:// or smtps://, and a MAIL_FROM that is not one address', () => {
      expect(() => createMailTransport({ smtpUrl: 'http://mail.example.com', mailFrom: MAIL_FROM, dataDir: '.' })).to.throw(/SMTP_URL/);
      expect(() => parseMailFrom('a@x.example, b@y.example')).to.throw(/MAIL_FROM/);
      expect(() => parseMailFrom('Bot <a@x.example>\r\nBcc: evil@y.example')).to.throw(/MAIL_FROM/);
      expect(parseMailFrom(MAIL_FROM)).to.deep.equal({ name: 'Appointment requests', address: 'no-reply@localhost' });
    });
  });

  describe('without SMTP_URL', () => {
    let dir: string;
    let remove: () => Promise<void>;
    beforeEach(async () => ({ dir, remove } = await tempDir()));
    afterEach(() => remove());

    it('writes each message as a parseable .eml file in DATA_DIR/outbox-sent/, once', async () => {
      const transport = createMailTransport({ smtpUrl: '', mailFrom: MAIL_FROM, dataDir: dir });
      const request = sampleRequest();
      const email = composeStaffEmail(request, bowie);
      await transport.send(email);
      await transport.send(email); // a resend replaces its own file
      const folder = path.join(dir, 'outbox-sent');
      expect(await readdir(folder)).to.deep.equal([`${request.reference}.staff.eml`]);

      const parsed = await simpleParser(await readFile(path.join(folder, `${request.reference}.staff.eml`)));
      expect(parsed.subject).to.equal(email.subject);
      expect(parsed.messageId).to.equal(`<${request.reference}.staff@bot.local>`);
      expect(parsed.text).to.include('Dana Whitfield');
      expect(parsed.html || '').to.include('Dana Whitfield');
      expect(transport.description).to.include('outbox-sent');
    });

    it('lets the Sender deliver a request as .eml files', async () => {
      const logger = new CapturingLogger();
      const spool = await FileSpool.open({ dataDir: dir, logger });
      const sender = new Sender({ outbox: spool, transport: createMailTransport({ smtpUrl: '', mailFrom: MAIL_FROM, dataDir: dir }), logger });
      sender.start();
      const request = sampleRequest();
      await spool.enqueue(request, { clinic: bowie, followUp: FOLLOW_UP });
      sender.wake();
      await waitFor('two sent jobs', async () => (await spool.counts()).sent === 2);
      await sender.stop();
      expect((await readdir(path.join(dir, 'outbox-sent'))).sort()).to.deep.equal([`${request.reference}.patient.eml`, `${request.reference}.staff.eml`]);
    });
  });
});
