import type { IncomingMessage } from 'node:http';

/**
 * Whether a request comes from this machine itself and not through a proxy. Used to keep
 * endpoints that have no authentication of their own (the bot's /api/messages in local mode, the
 * connector endpoint the bot posts its website replies to) away from everyone else.
 *
 * A reverse proxy on the same machine makes every visitor look local, so a request carrying the
 * headers proxies add (Forwarded, X-Forwarded-For, X-Real-IP) does not count as local.
 */
export function isLoopbackRequest(req: IncomingMessage): boolean {
  const forwarded = ['forwarded', 'x-forwarded-for', 'x-real-ip'].some((header) => req.headers[header] !== undefined);
  return !forwarded && isLoopbackAddress(req.socket.remoteAddress);
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

/**
 * Whether a URL names this machine: `localhost`, 127.x.x.x or [::1]. In local mode the bot
 * posts its replies to whatever serviceUrl an activity names, so only these are accepted there.
 */
export function isLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return host === 'localhost' || isLoopbackAddress(host);
}
