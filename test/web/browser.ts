import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { projectPath } from '../../config/paths.js';

/**
 * Debian's chromium driven by playwright-core (no browser download). Playwright launches it
 * with a fresh temporary profile (`--user-data-dir`) every time.
 */
export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`The browser tests need Debian's chromium at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

export const ARTIFACTS = projectPath('test-artifacts', 'web');

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Every URL the pages of a context asked for (HTTP and WebSocket), and the CSP rules they broke. */
export interface Traffic {
  urls: string[];
  violations: Array<{ directive: string; blocked: string }>;
}

export function watchTraffic(context: BrowserContext): Traffic {
  const traffic: Traffic = { urls: [], violations: [] };
  const watch = (page: Page) => {
    page.on('request', (request) => traffic.urls.push(request.url()));
    page.on('websocket', (socket) => traffic.urls.push(socket.url()));
    page.on('console', (message) => {
      const match = /^csp-violation (\S+) (.*)$/.exec(message.text());
      if (match?.[1]) traffic.violations.push({ directive: match[1], blocked: match[2] ?? '' });
    });
  };
  context.on('page', watch);
  for (const page of context.pages()) watch(page);
  // In every frame (the embedded chat too), report CSP violations where the test can see them.
  void context.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (event) => console.log('csp-violation ' + event.effectiveDirective + ' ' + event.blockedURI));",
  });
  return traffic;
}

/** URLs that left this machine (anything but loopback hosts, or the page's own blob: URLs). */
export function offMachine(urls: readonly string[]): string[] {
  return urls.filter((url) => {
    const parsed = new URL(url.startsWith('blob:') ? url.slice(5) : url);
    return !['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  });
}

/**
 * Waits until a JavaScript expression is true in the page (or frame). Polled from here with
 * plain evaluations, because Playwright's waitForFunction evaluates a string with eval(), which
 * the chat page's Content-Security-Policy rightly forbids.
 */
export async function waitForExpression(scope: Page | Frame, expression: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await scope.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** True once one of the page's Adaptive Card images has loaded a picture. */
export const CARD_PICTURE_LOADED = "[...document.querySelectorAll('.ac-image')].some((img) => img.complete && img.naturalWidth > 0)";
