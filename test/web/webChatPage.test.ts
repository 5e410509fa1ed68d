import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { freePort } from '../delivery/smtpTestServer.js';
import { ANSWER, ASK, CARD_TITLE, EXERCISE, SLOW, SLOW_ANSWER, WELCOME, startTestSite, type TestSite } from './harness.js';
import { DESKTOP, PHONE, CARD_PICTURE_LOADED, launchChromium, offMachine, screenshot, waitForExpression, watchTraffic, type Traffic } from './browser.js';
import { startConversation } from './directLineClient.js';

/**
 * The website chat in a real browser: Microsoft's Web Chat bundle, served by us, talking to our
 * Direct Line endpoint and the test bot. One browser for the whole file.
 */

const TIMEOUT = 10_000;

/** The text of a message as a visitor sees it in the transcript. */
const message = (scope: Page | Frame, text: string) => scope.locator('.webchat__bubble__content', { hasText: text });
const suggestedAction = (scope: Page | Frame, title: string) => scope.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name: title });
const sendBox = (scope: Page | Frame) => scope.getByRole('textbox', { name: 'Message input box' });

async function send(scope: Page | Frame, text: string): Promise<void> {
  await sendBox(scope).fill(text);
  await sendBox(scope).press('Enter');
}

/** The part of the CSP that would break the chat if violated: scripts, connections, images, frames. */
function seriousViolations(traffic: Traffic): Traffic['violations'] {
  return traffic.violations.filter((v) => /^(script-src|connect-src|img-src|frame-src|frame-ancestors)/.test(v.directive));
}

describe('website chat in the browser', function () {
  this.timeout(60_000);
  let browser: Browser;
  let site: TestSite;

  before(async () => {
    browser = await launchChromium();
    site = await startTestSite();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  for (const [device, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    describe(`on a ${device}`, () => {
      let context: BrowserContext;
      let traffic: Traffic;
      let page: Page;
      before(async () => {
        context = await browser.newContext(options);
        traffic = watchTraffic(context);
        page = await context.newPage();
      });
      after(async () => context.close());

      it('welcomes the visitor as soon as the page opens, before they type', async () => {
        await page.goto(`${site.url}/`);
        await message(page, WELCOME).waitFor({ timeout: TIMEOUT });
        await suggestedAction(page, ASK).waitFor({ timeout: TIMEOUT });
        expect(await page.title()).to.include('Forever Fit Physical Therapy');
        await screenshot(page, `${device}-1-welcome`);
      });

      it('answers a typed question, and the question shows as sent', async () => {
        await send(page, ASK);
        await message(page, ANSWER).waitFor({ timeout: TIMEOUT });
        expect(await page.getByText('Send failed').count()).to.equal(0);
        await screenshot(page, `${device}-2-answer`);
      });

      it('shows a typing indicator while the bot works', async () => {
        await send(page, SLOW);
        await page.locator('.webchat__typing-indicator').waitFor({ timeout: TIMEOUT });
        await screenshot(page, `${device}-3-typing`);
        await message(page, SLOW_ANSWER).waitFor({ timeout: TIMEOUT });
      });

      it('sends a suggested action with a click, and shows the exercise card with its picture', async () => {
        await suggestedAction(page, EXERCISE).click();
        await message(page, CARD_TITLE).waitFor({ timeout: TIMEOUT });
        const picture = page.locator('.ac-image').first();
        await picture.waitFor({ timeout: TIMEOUT });
        await waitForExpression(page, CARD_PICTURE_LOADED, TIMEOUT);
        expect(await picture.getAttribute('src')).to.equal(`${site.url}/illustrations/bridge-exercise.svg`);
        expect(await picture.getAttribute('alt')).to.include('lifting their hips');
        await picture.scrollIntoViewIfNeeded();
        await screenshot(page, `${device}-4-card`);
      });

      it('resumes the conversation after a reload (no second welcome)', async () => {
        const kept: unknown = await page.evaluate("window.sessionStorage.getItem('clinic-chat:conversation')");
        expect(kept).to.be.a('string');
        const welcomesBefore = site.bot.seen.filter((s) => s.type === 'conversationUpdate').length;
        await page.reload();
        await message(page, ANSWER).waitFor({ timeout: TIMEOUT });
        await message(page, CARD_TITLE).waitFor({ timeout: TIMEOUT });
        expect(await message(page, WELCOME).count()).to.equal(1);
        expect(site.bot.seen.filter((s) => s.type === 'conversationUpdate').length).to.equal(welcomesBefore);
        await send(page, 'After the reload');
        await message(page, 'You said: After the reload').waitFor({ timeout: TIMEOUT });
        await screenshot(page, `${device}-5-resumed`);
      });

      it('made every request to this machine, and broke no CSP rule that matters', () => {
        expect(traffic.urls.length).to.be.above(5);
        expect(offMachine(traffic.urls)).to.deep.equal([]);
        expect(traffic.urls.some((url) => url.startsWith(`ws://127.0.0.1:${site.port}/directline/conversations/`))).to.equal(true);
        expect(seriousViolations(traffic)).to.deep.equal([]);
      });
    });
  }

  it('starts a new conversation, rather than a dead chat, when the kept one was forgotten', async () => {
    const smallSite = await startTestSite({ env: { WEBCHAT_MAX_CONVERSATIONS: '10' } });
    const context = await browser.newContext(DESKTOP);
    try {
      const page = await context.newPage();
      await page.goto(`${smallSite.url}/`);
      await message(page, WELCOME).waitFor({ timeout: TIMEOUT });
      await send(page, ASK);
      await message(page, ANSWER).waitFor({ timeout: TIMEOUT });
      // Ten other visitors push this conversation out of memory.
      for (let i = 0; i < 10; i++) await startConversation(smallSite.url);
      await page.reload();
      await message(page, WELCOME).waitFor({ timeout: TIMEOUT });
      expect(await message(page, ANSWER).count()).to.equal(0);
      await send(page, ASK);
      await message(page, ANSWER).waitFor({ timeout: TIMEOUT });
    } finally {
      await context.close();
      await smallSite.close();
    }
  });

  describe('embedded on a clinic site by the snippet', () => {
    let clinicSite: Server;
    let clinicUrl: string;
    let embedSite: TestSite;

    before(async () => {
      // The clinic's site is another origin (localhost vs 127.0.0.1), with a strict CSP of its own.
      const port = await freePort();
      clinicUrl = `http://localhost:${port}`;
      embedSite = await startTestSite({ env: { SITE_EMBED_ORIGINS: clinicUrl, SITE_TITLE: 'Forever Fit Bowie', SITE_ACCENT_COLOR: '#1a5e7a' } });
      clinicSite = createServer((_req, res) => {
        res.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': `default-src 'self'; script-src 'self' ${embedSite.url}; frame-src ${embedSite.url}; style-src 'self'`,
        });
        res.end(
          `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Forever Fit Bowie</title></head>` +
            `<body><h1>Forever Fit Bowie</h1><p>Physical therapy in Bowie, Maryland.</p><a href="#">Our services</a>` +
            `<div id="clinic-chat"></div><script src="${embedSite.url}/embed.js" async></script></body></html>`,
        );
      });
      await new Promise<void>((resolve) => clinicSite.listen(port, '127.0.0.1', resolve));
    });
    after(async () => {
      await new Promise<void>((resolve) => clinicSite.close(() => resolve()));
      await embedSite.close();
    });

    for (const [device, options] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      it(`puts a closed launcher on the page that opens the chat with the keyboard and closes with Escape (${device})`, async () => {
        const context = await browser.newContext(options);
        const traffic = watchTraffic(context);
        try {
          const page = await context.newPage();
          await page.goto(clinicUrl);
          const launcher = page.getByRole('button', { name: 'Questions about sciatica?' });
          await launcher.waitFor({ timeout: TIMEOUT });
          expect(await launcher.getAttribute('aria-expanded')).to.equal('false');
          expect(await page.getByRole('dialog').count()).to.equal(0);
          // Closed by default: the chat is not even loaded until the visitor opens it.
          expect(traffic.urls.filter((url) => url.includes('embed=1'))).to.deep.equal([]);
          await screenshot(page, `embed-${device}-1-closed`);

          await launcher.focus();
          await page.keyboard.press('Enter');
          expect(await launcher.getAttribute('aria-expanded')).to.equal('true');
          const dialog = page.getByRole('dialog', { name: 'Chat with Forever Fit Bowie' });
          await dialog.waitFor({ timeout: TIMEOUT });
          const chat = page.frameLocator('iframe[title="Chat with Forever Fit Bowie"]');
          await chat.locator('.webchat__bubble__content', { hasText: WELCOME }).waitFor({ timeout: TIMEOUT });
          const frame = page.frames().find((f) => f.url().includes('embed=1'));
          if (!frame) throw new Error('no chat frame');
          // The send box has the focus, so the visitor can type at once.
          await waitForExpression(frame, "document.activeElement?.getAttribute('data-id') === 'webchat-sendbox-input'", TIMEOUT);
          await page.keyboard.type(ASK);
          await page.keyboard.press('Enter');
          await message(frame, ANSWER).waitFor({ timeout: TIMEOUT });
          await screenshot(page, `embed-${device}-2-open`);

          await page.keyboard.press('Escape');
          await dialog.waitFor({ state: 'hidden', timeout: TIMEOUT });
          expect(await launcher.getAttribute('aria-expanded')).to.equal('false');
          expect(await page.evaluate("document.getElementById('clinic-chat').shadowRoot.activeElement?.textContent")).to.equal('Questions about sciatica?');

          // Opening again shows the same conversation.
          await page.keyboard.press('Enter');
          await message(frame, ANSWER).waitFor({ timeout: TIMEOUT });
          expect(offMachine(traffic.urls)).to.deep.equal([]);
          expect(seriousViolations(traffic)).to.deep.equal([]);
        } finally {
          await context.close();
        }
      });
    }
  });
});
