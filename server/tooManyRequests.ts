import type restify from 'restify';
import type { RateVerdict } from './rateLimit.js';

/** Answers 429 with Retry-After when `verdict` refuses; returns whether it did. */
export function refusedByLimit(res: restify.Response, verdict: RateVerdict, body: (retryAfterSeconds: number) => unknown): boolean {
  if (verdict.ok) return false;
  res.header('Retry-After', String(verdict.retryAfterSeconds));
  res.header('Cache-Control', 'no-store');
  res.send(429, body(verdict.retryAfterSeconds));
  return true;
}
