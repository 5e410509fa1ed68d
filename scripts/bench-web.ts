/**
 * npm run bench:web [-- RUNS]
 *
 * How long a website visitor waits, measured in headless chromium against the whole service
 * (app.ts: the clinic bot behind the built-in Direct Line): from opening the page to the bot's
 * welcome, and from sending a question to the answer. Each run is a new visitor (a fresh
 * browser context, so Web Chat's bundle is downloaded every time); one warm-up run is not counted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startApp } from '../app.js';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { freePort } from '../test/delivery/smtpTestServer.js';
import { DESKTOP, launchChromium } from '../test/web/browser.js';

const QUESTION = 'What is sciatica?';
const runs = Number(process.argv[2] ?? process.env.BENCH_RUNS ?? 20);
if (!Number.isInteger(runs) || runs < 1) throw new Error('RUNS must be a whole number ≥ 1');

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-web-'));
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
// Every run comes from this one machine: the per-visitor rate limit would end the benchmark.
const app = await startApp(
  loadConfig({ PORT: String(port), PUBLIC_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_CLIENT_PER_MINUTE: '0' }),
  createLogger('silent'),
  { host: '127.0.0.1' },
);
const browser = await launchChromium();
const toWelcome: number[] = [];
const toAnswer: number[] = [];
let bundleBytes = 0;

/** The bot's messages on screen. */
const botMessages = (page: Page) => page.locator('.webchat__bubble:not(.webchat__bubble--from-user)');

async function moreBotMessagesThan(page: Page, count: number): Promise<void> {
  await botMessages(page).nth(count).waitFor({ timeout: 30_000 });
}

try {
  for (let run = 0; run <= runs; run++) {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    page.on('response', async (response) => {
      if (/webchat-[\d.]+\.js$/.test(response.url())) bundleBytes = Number((await response.allHeaders())['content-length'] ?? 0);
    });
    const opened = performance.now();
    await page.goto(`${url}/`);
    await moreBotMessagesThan(page, 0);
    const welcomed = performance.now();
    const box = page.getByRole('textbox', { name: 'Message input box' });
    await box.fill(QUESTION);
    const before = await botMessages(page).count();
    const sent = performance.now();
    await box.press('Enter');
    await moreBotMessagesThan(page, before);
    const answered = performance.now();
    if (run > 0) {
      toWelcome.push(welcomed - opened);
      toAnswer.push(answered - sent);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(q * values.length) - 1)] ?? NaN;
const line = (label: string, values: number[]) =>
  `${label.padEnd(24)} median ${Math.round(quantile(values, 0.5))} ms   p95 ${Math.round(quantile(values, 0.95))} ms   (min ${Math.round(Math.min(...values))}, max ${Math.round(Math.max(...values))})`;

console.log(`Website chat in headless chromium: ${runs} new visitors (after one warm-up), the clinic bot behind the built-in Direct Line`);
console.log(line('page open → welcome', toWelcome));
console.log(line(`send → answer`, toAnswer));
console.log(`Web Chat bundle: ${(bundleBytes / 1_048_576).toFixed(2)} MB gzipped on the wire, fetched on every run (each is a first visit)`);
