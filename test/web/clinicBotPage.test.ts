import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp, type RunningApp } from '../../app.js';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../config/logger.js';
import { loadKnowledgeBase } from '../../knowledge/load.js';
import { DEFAULT_CLINICS_FILE, loadClinics } from '../../scheduling/clinics.js';
import type { ChannelActivity } from '../../web/directLine/activities.js';
import type { ActivityGroup } from '../../web/directLine/conversationStore.js';
import { TestSmtpServer, freePort, waitFor } from '../delivery/smtpTestServer.js';
import { DESKTOP, PHONE, CARD_PICTURE_LOADED, launchChromium, offMachine, screenshot, waitForExpression, watchTraffic } from './browser.js';

/**
 * The whole service as it runs (app.ts: the clinic bot, its stores, the outbox and sender) with
 * the website chat in a real browser, and a real SMTP server on loopback for the clinic's inbox.
 */

const TIMEOUT = 15_000;

/** What the page received on its Direct Line stream, so a step can wait for the bot's next prompt. */
class PageStream {
  readonly activities: ChannelActivity[] = [];

  constructor(page: Page) {
    page.on('websocket', (socket) =>
      socket.on('framereceived', (frame) => {
        const group = JSON.parse(String(frame.payload)) as Partial<ActivityGroup>;
        this.activities.push(...(group.activities ?? []));
      }),
    );
  }

  /** Waits for a bot message after the first `after` activities that satisfies `predicate`. */
  async botMessage(after: number, predicate: (activity: ChannelActivity) => boolean): Promise<ChannelActivity> {
    return waitFor(
      'the bot',
      () => this.activities.slice(after).find((a) => a.type === 'message' && a.from?.role === 'bot' && predicate(a)),
      TIMEOUT,
    );
  }
}

const prompt = (activity: ChannelActivity) => String(activity.channelData?.prompt ?? '');

describe('website chat with the clinic bot', function () {
  this.timeout(90_000);
  let browser: Browser;
  let smtp: TestSmtpServer;
  let app: RunningApp;
  let url: string;
  let dataDir: string;

  before(async () => {
    smtp = await TestSmtpServer.start();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'clinic-web-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const config = loadConfig({ PORT: String(port), PUBLIC_URL: url, DATA_DIR: dataDir, SMTP_URL: smtp.url, LOG_LEVEL: 'silent' });
    // A Tuesday, 10:00 AM in Maryland: the clinics are open.
    app = await startApp(config, createLogger('silent'), { host: '127.0.0.1', now: () => new Date('2026-11-24T15:00:00Z') });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await smtp?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const bubble = (page: Page, text: string) => page.locator('.webchat__bubble__content', { hasText: text });
  const button = (page: Page, title: string) => page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name: title, exact: true });
  const send = async (page: Page, text: string) => {
    const box = page.getByRole('textbox', { name: 'Message input box' });
    await box.fill(text);
    await box.press('Enter');
  };

  it('welcomes, answers from the knowledge base and shows an exercise card with its picture (desktop)', async () => {
    const kb = loadKnowledgeBase();
    const context: BrowserContext = await browser.newContext(DESKTOP);
    const traffic = watchTraffic(context);
    try {
      const page = await context.newPage();
      const stream = new PageStream(page);
      await page.goto(`${url}/`);
      await bubble(page, 'If you have a medical emergency, call 911').waitFor({ timeout: TIMEOUT });
      await button(page, 'Request an appointment').waitFor({ timeout: TIMEOUT });
      await screenshot(page, 'clinic-desktop-1-welcome');

      const before = stream.activities.length;
      await send(page, 'What is sciatica?');
      const answer = await stream.botMessage(before, (a) => a.channelData?.topic === 'sciatica-what-is');
      const firstWords = (answer.text ?? '').split('\n')[0]?.slice(0, 40) ?? '';
      expect(firstWords).to.have.length.above(10);
      await bubble(page, firstWords).waitFor({ timeout: TIMEOUT });
      await screenshot(page, 'clinic-desktop-2-answer');

      const bridge = kb.topicsById.get('bridge-exercise');
      if (!bridge) throw new Error('no bridge-exercise topic');
      await send(page, bridge.title);
      await waitForExpression(page, CARD_PICTURE_LOADED, TIMEOUT);
      expect(await page.locator('.ac-image').first().getAttribute('src')).to.equal(`${url}/illustrations/${bridge.exercise?.illustration}`);
      await page.locator('.ac-image').first().scrollIntoViewIfNeeded();
      await screenshot(page, 'clinic-desktop-3-card');
      expect(offMachine(traffic.urls)).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });

  it('takes an appointment request on a phone, and the clinic\'s staff inbox gets the email', async () => {
    const bowie = loadClinics(DEFAULT_CLINICS_FILE).clinics.find((clinic) => clinic.id === 'bowie');
    if (!bowie) throw new Error('no Bowie clinic');
    const context = await browser.newContext(PHONE);
    const traffic = watchTraffic(context);
    try {
      const page = await context.newPage();
      const stream = new PageStream(page);
      await page.goto(`${url}/`);
      await button(page, 'Request an appointment').waitFor({ timeout: TIMEOUT });

      /** One step: the visitor types or taps, then the bot's next prompt arrives. */
      const step = async (act: () => Promise<void>, expected: (p: string) => boolean): Promise<ChannelActivity> => {
        const before = stream.activities.length;
        await act();
        return stream.botMessage(before, (a) => expected(prompt(a)) || a.channelData?.appointmentRequest !== undefined);
      };

      await step(() => send(page, 'I would like to book an appointment in Bowie'), (p) => p === 'name');
      await step(() => send(page, "Jane O'Neil"), (p) => p === 'phone');
      await step(() => send(page, '301 555 0123'), (p) => p === 'email');
      await step(() => send(page, 'jane@example.com'), (p) => p === 'preferredTimes');
      let next = await step(() => button(page, 'Weekday mornings').click(), (p) => p === 'reason');
      next = await step(() => send(page, 'sciatica down my left leg when I sit'), (p) => p.startsWith('screening') || p === 'consent');
      for (let i = 0; i < 10 && prompt(next).startsWith('screening'); i++) {
        await screenshot(page, 'clinic-phone-1-screening');
        next = await step(() => button(page, 'No').click(), (p) => p.startsWith('screening') || p === 'consent');
      }
      expect(prompt(next)).to.equal('consent');
      await step(() => button(page, 'Yes, contact me').click(), (p) => p === 'confirm');
      await bubble(page, "Jane O'Neil").last().waitFor({ timeout: TIMEOUT });
      await screenshot(page, 'clinic-phone-2-summary');

      const receipt = await step(() => button(page, 'Send request').click(), () => false);
      const reference = (receipt.channelData?.appointmentRequest as { id?: string } | undefined)?.id ?? '';
      expect(reference).to.match(/^FF-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      await bubble(page, reference).waitFor({ timeout: TIMEOUT });
      await screenshot(page, 'clinic-phone-3-sent');

      const email = await waitFor('the email to the clinic', () => smtp.withReference(reference).find((message) => message.rcptTo.includes(bowie.staffEmail)), TIMEOUT);
      expect(email.rcptTo).to.deep.equal([bowie.staffEmail]);
      expect(email.parsed.text).to.include("Jane O'Neil");
      expect(email.parsed.text).to.include('jane@example.com');
      expect(offMachine(traffic.urls)).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });
});
