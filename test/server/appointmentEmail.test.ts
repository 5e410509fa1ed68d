import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../app.js';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../config/logger.js';
import { TestSmtpServer, waitFor } from '../delivery/smtpTestServer.js';
import { lastChannelData, say as sayToBot } from '../support/channel.js';

/**
 * The whole path, as the clinic sees it: a visitor asks over the Bot Framework protocol, mentions
 * an urgent symptom on the way, confirms; the clinic's inbox (a real SMTP server on loopback) gets
 * the request with the flag at the top, and nobody else gets anything.
 */
describe('an appointment request over HTTP, delivered by email', function () {
  this.timeout(30_000);
  let dataDir: string;
  let smtp: TestSmtpServer;
  let app: RunningApp;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'request-email-'));
    smtp = await TestSmtpServer.start();
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SMTP_URL: smtp.url, ALERT_EMAIL: 'alerts@clinic.example' });
    app = await startApp({ ...config, port: 0 }, createLogger('silent'), { host: '127.0.0.1' });
  });
  after(async () => {
    await app.close();
    await smtp.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const say = (text: string) => sayToBot(app.port, 'email-e2e', text);
  const last = lastChannelData;

  it('reaches only the chosen clinic, with an urgent flag at the top and the patient as Reply-To', async () => {
    await say('I need an appointment at the Gaithersburg clinic please');
    // A name with HTML in it gets a clear answer and is asked again; nothing of it goes further.
    const refused = await say('Maria <b>Lopez</b>');
    expect(last(refused).prompt).to.equal('name');
    await say("Maria O'Lopez");
    await say('(240) 555-0142');
    await say('maria.lopez@example.com');
    await say('Tuesday or Thursday afternoons');
    const urgent = await say('I have had fever and chills with this back pain for two days');
    expect(last(urgent).redFlag?.level).to.equal('urgent');
    let replies = urgent;
    for (let i = 0; i < 10 && String(last(replies).prompt).startsWith('screening'); i++) replies = await say('No');
    expect(last(replies).prompt).to.equal('consent');
    await say('Yes, contact me');
    const sent = await say('Send request');
    const receipt = last(sent).appointmentRequest;
    expect(receipt?.clinic).to.equal('gaithersburg');

    const staff = await waitFor('the staff email', () => smtp.messages.find((m) => m.rcptTo.includes('gaithersburg@clinic.example')));
    expect(staff.parsed.subject).to.include(receipt?.id);
    expect(staff.parsed.subject).to.match(/URGENT/);
    expect(staff.parsed.subject).not.to.match(/fever/i);
    const text = staff.parsed.text ?? '';
    expect(text.indexOf('ever')).to.be.within(0, text.indexOf('Maria'));
    expect(text).to.include('(240) 555-0142');
    expect(text).to.include('Tuesday or Thursday afternoons');
    expect(staff.parsed.html).to.match(/Maria O(&#39;|&#x27;|&apos;)Lopez/);
    expect(staff.parsed.html).not.to.include('<b>Lopez');
    expect(staff.parsed.replyTo?.value[0]?.address).to.equal('maria.lopez@example.com');

    const patient = await waitFor('the confirmation', () => smtp.messages.find((m) => m.rcptTo.includes('maria.lopez@example.com')));
    expect(patient.parsed.text).to.include(receipt?.id);
    expect(patient.parsed.text).not.to.match(/fever/i);

    const everyone = smtp.messages.flatMap((m) => m.rcptTo);
    expect(everyone.sort()).to.deep.equal(['gaithersburg@clinic.example', 'maria.lopez@example.com']);
  });
});
