import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type restify from 'restify';
import { projectPath } from '../../config/paths.js';
import type { SiteText } from './siteText.js';
import { assetHandler } from './staticAsset.js';

/**
 * The website chat's pages and files:
 * - `GET /`: the full-page chat (`/?embed=1`: the same inside the launcher's panel);
 * - `GET /embed.js`: the launcher a clinic site adds with one script tag;
 * - `GET /webchat/…`: our page script and styles, and Microsoft's Web Chat bundle, served from
 *   here (no CDN, no web fonts: the chat works with no other server reachable).
 */

export interface SiteOptions {
  title: string;
  accentColor: string;
  text: SiteText;
  /** Base URL browsers reach this service at (PUBLIC_URL). */
  publicUrl: string;
  /** Origins of the sites allowed to show the chat in a frame (the launcher's panel). */
  embedOrigins: readonly string[];
  /** Further origins the page talks to (Azure Direct Line when configured). */
  connectOrigins: readonly string[];
  /** The page's route for getting a conversation token. */
  tokenPath: string;
}

const WEBCHAT_DIR = projectPath('node_modules', 'botframework-webchat');
/** The full bundle: the minimal one has no Adaptive Cards renderer, and exercise cards are Adaptive Cards. */
const WEBCHAT_BUNDLE = 'webchat.js';
const PUBLIC_DIR = projectPath('web', 'public');

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

export function webChatVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(`${WEBCHAT_DIR}/package.json`, 'utf8'));
  const version = typeof manifest === 'object' && manifest !== null ? (manifest as { version?: unknown }).version : undefined;
  if (typeof version !== 'string') throw new Error(`${WEBCHAT_DIR}/package.json has no version`);
  return version;
}

export function mountSite(server: restify.Server, options: SiteOptions): void {
  const version = webChatVersion();
  const bundlePath = `webchat/webchat-${version}.js`;
  const template = readFileSync(projectPath('web', 'site', 'page.html'), 'utf8');
  const readPublic = (file: string) => readFileSync(`${PUBLIC_DIR}/${file}`);
  const short = 'public, max-age=300';

  server.get('/', async (req: restify.Request, res: restify.Response) => {
    const embedded = new URL(req.url ?? '/', 'http://local').searchParams.get('embed') === '1';
    const nonce = randomBytes(16).toString('base64');
    const html = renderPage(template, options, { bundlePath, nonce, embedded });
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': pagePolicy(options, nonce),
      // For browsers without CSP frame-ancestors. It cannot name several sites, so with embed
      // origins configured only frame-ancestors speaks.
      ...(options.embedOrigins.length === 0 ? { 'X-Frame-Options': 'SAMEORIGIN' } : {}),
    });
    res.end(html);
  });

  server.get(`/${bundlePath}`, assetHandler(readFileSync(`${WEBCHAT_DIR}/dist/${WEBCHAT_BUNDLE}`), {
    contentType: 'text/javascript; charset=utf-8',
    cacheControl: 'public, max-age=31536000, immutable',
  }));
  server.get('/webchat/chat.js', assetHandler(readPublic('chat.js'), { contentType: 'text/javascript; charset=utf-8', cacheControl: short }));
  server.get('/webchat/chat.css', assetHandler(readPublic('chat.css'), { contentType: 'text/css; charset=utf-8', cacheControl: short }));
  server.get('/webchat/icon.svg', assetHandler(iconSvg(options.accentColor), { contentType: 'image/svg+xml', cacheControl: short }));
  server.get('/webchat/theme.css', assetHandler(Buffer.from(`:root { --accent: ${options.accentColor}; }\n`), { contentType: 'text/css; charset=utf-8', cacheControl: short }));
  server.get('/embed.js', assetHandler(embedScript(readPublic('embed.js').toString('utf8'), readPublic('embed.css').toString('utf8'), options), {
    contentType: 'text/javascript; charset=utf-8',
    cacheControl: short,
    // Other sites load it with a script tag.
    headers: { 'Cross-Origin-Resource-Policy': 'cross-origin' },
  }));
}

interface PageValues {
  bundlePath: string;
  nonce: string;
  embedded: boolean;
}

export function renderPage(template: string, options: SiteOptions, values: PageValues): string {
  const config = {
    title: options.title,
    accentColor: options.accentColor,
    tokenUrl: options.tokenPath.replace(/^\//, ''),
    locale: 'en-US',
    nonce: values.nonce,
    embedded: values.embedded,
    text: { unavailable: options.text.unavailable, loading: options.text.loading },
  };
  const fields: Record<string, string> = {
    title: escapeHtml(options.title),
    subtitle: escapeHtml(options.text.subtitle),
    chatLabel: escapeHtml(options.text.chatLabel),
    loading: escapeHtml(options.text.loading),
    noScript: escapeHtml(options.text.noScript),
    disclaimer: escapeHtml(options.text.disclaimer),
    bundle: escapeHtml(values.bundlePath),
    layout: values.embedded ? 'layout-embedded' : 'layout-page',
    // JSON in a script element: `<` escaped so no text can close the element.
    config: JSON.stringify(config).replace(/</g, '\\u003c'),
  };
  return template.replace(/\{\{(\w+)\}\}/g, (match, name: string) => fields[name] ?? match);
}

/**
 * Only this service's own scripts run; styles from our files plus the ones Web Chat inserts
 * with the page's nonce; the page talks to itself and its Direct Line stream only.
 */
export function pagePolicy(options: SiteOptions, nonce: string): string {
  const publicOrigin = new URL(options.publicUrl).origin;
  const streamOrigin = publicOrigin.replace(/^http/, 'ws');
  const connect = ["'self'", publicOrigin, streamOrigin, ...options.connectOrigins.flatMap((origin) => [origin, origin.replace(/^http/, 'ws')])];
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    `img-src 'self' ${publicOrigin} data: blob:`,
    `connect-src ${[...new Set(connect)].join(' ')}`,
    `frame-ancestors 'self' ${options.embedOrigins.join(' ')}`.trimEnd(),
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function embedScript(script: string, css: string, options: SiteOptions): Buffer {
  const config = {
    chatUrl: `${options.publicUrl}/?embed=1`,
    origin: new URL(options.publicUrl).origin,
    title: options.title,
    subtitle: options.text.subtitle,
    launcher: options.text.launcher,
    closeLabel: options.text.closeLabel,
    chatLabel: options.text.chatLabel,
    accentColor: options.accentColor,
    css,
  };
  if (!script.includes('__CLINIC_CHAT_CONFIG__')) throw new Error('web/public/embed.js lost its __CLINIC_CHAT_CONFIG__ placeholder');
  return Buffer.from(script.replace('__CLINIC_CHAT_CONFIG__', JSON.stringify(config)));
}

function iconSvg(accent: string): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path fill="${accent}" d="M4 6a4 4 0 0 1 4-4h16a4 4 0 0 1 4 4v13a4 4 0 0 1-4 4H13l-7 6v-6H8a4 4 0 0 1-4-4z"/></svg>`,
  );
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
