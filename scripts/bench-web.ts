/**
 * npm run bench:web [-- RUNS]
 *
 * How long a website visitor waits, measured in headless chromium against the built-in
 * Direct Line: from opening the page to the bot's welcome, and from sending a question to the
 * answer. Each run is a new visitor (fresh browser context); one warm-up run is not counted.
 */
import { launchChromium, DESKTOP } from '../test/web/browser.js';
import { ASK, ANSWER, WELCOME, startTestSite } from '../test/web/harness.js';

const runs = Number(process.argv[2] ?? process.env.BENCH_RUNS ?? 20);
if (!Number.isInteger(runs) || runs < 1) throw new Error('RUNS must be a whole number ≥ 1');

const site = await startTestSite();
const browser = await launchChromium();
const toWelcome: number[] = [];
const toAnswer: number[] = [];
let bundleBytes = 0;

try {
  for (let run = 0; run <= runs; run++) {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    page.on('response', async (response) => {
      if (/webchat-[\d.]+\.js$/.test(response.url())) bundleBytes = Number((await response.allHeaders())['content-length'] ?? 0);
    });
    const opened = performance.now();
    await page.goto(`${site.url}/`);
    await page.locator('.webchat__bubble__content', { hasText: WELCOME }).waitFor({ timeout: 30_000 });
    const welcomed = performance.now();
    const box = page.getByRole('textbox', { name: 'Message input box' });
    await box.fill(ASK);
    const sent = performance.now();
    await box.press('Enter');
    await page.locator('.webchat__bubble__content', { hasText: ANSWER }).waitFor({ timeout: 30_000 });
    const answered = performance.now();
    if (run > 0) {
      toWelcome.push(welcomed - opened);
      toAnswer.push(answered - sent);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};
const line = (label: string, values: number[]) =>
  `${label.padEnd(28)} median ${Math.round(quantile(values, 0.5))} ms   p95 ${Math.round(quantile(values, 0.95))} ms   (min ${Math.round(Math.min(...values))}, max ${Math.round(Math.max(...values))})`;

console.log(`Website chat, headless chromium, ${runs} visitors (plus one warm-up), test bot behind a real CloudAdapter`);
console.log(line('page open → welcome', toWelcome));
console.log(line('send → answer', toAnswer));
console.log(`Web Chat bundle on the wire: ${(bundleBytes / 1_048_576).toFixed(2)} MB (gzip), downloaded on every run here (each run is a first visit)`);
