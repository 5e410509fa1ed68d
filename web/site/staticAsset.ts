import { createHash } from 'node:crypto';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type restify from 'restify';

const gzipAsync = promisify(gzip);

export interface AssetOptions {
  contentType: string;
  cacheControl: string;
  /** Extra response headers (security headers). */
  headers?: Record<string, string>;
}

/**
 * A route handler for one file held in memory: ETag and 304, gzip when the browser takes it
 * (compressed once, on first request: the Web Chat bundle is 3.9 MB raw, under 1 MB gzipped).
 */
export function assetHandler(body: Buffer, options: AssetOptions): (req: restify.Request, res: restify.Response) => Promise<void> {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  let gzipped: Promise<Buffer> | undefined;
  return async (req, res) => {
    const headers: Record<string, string> = {
      'Content-Type': options.contentType,
      'Cache-Control': options.cacheControl,
      ETag: etag,
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
      ...options.headers,
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (acceptsGzip && body.length > 1024) {
      gzipped ??= gzipAsync(body, { level: 9 });
      const compressed = await gzipped;
      res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': String(compressed.length) });
      res.end(compressed);
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': String(body.length) });
    res.end(body);
  };
}
