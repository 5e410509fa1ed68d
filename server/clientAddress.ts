import { isIPv6 } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * Who a request comes from, as a key for per-client limits: the peer's address, or, behind a
 * reverse proxy we were told about (TRUST_PROXY), the address that proxy added last to
 * X-Forwarded-For (earlier entries are whatever the client wrote and prove nothing).
 *
 * An IPv6 client is keyed by its /64 network: one household or one attacker gets a whole /64,
 * and counting each of its addresses apart would make the limit meaningless.
 */
export function clientKey(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? lastForwarded(req.headers['x-forwarded-for']) : undefined;
  return networkKey(forwarded ?? req.socket.remoteAddress ?? 'unknown');
}

function lastForwarded(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  const last = value?.split(',').pop()?.trim();
  return last === undefined || last === '' ? undefined : last;
}

export function networkKey(address: string): string {
  const plain = address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
  if (!isIPv6(plain)) return plain;
  return `${expandIPv6(plain).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` expanded (zone ids dropped). */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}
