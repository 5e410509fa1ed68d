import { readFile } from 'node:fs/promises';
import path from 'node:path';
import restify from 'restify';
import type { Logger } from '../config/logger.js';

export interface HealthReport {
  ok: boolean;
  /** Short machine-readable reasons when not ok, e.g. "storage unreachable". Never personal data. */
  problems: string[];
}

export type RouteHandler = (req: restify.Request, res: restify.Response) => Promise<void>;

export interface HttpServerOptions {
  log: Logger;
  /** Largest request body accepted; larger gets 413. */
  maxBodyBytes: number;
  /** POST /api/messages (Bot Framework activities). */
  messages: RouteHandler;
  health: () => Promise<HealthReport>;
  /** Folder of the knowledge base's SVG illustrations, served at /illustrations/<name>.svg. */
  illustrationsDir: string;
  /** Further routes (the website chat, Direct Line) added by their own modules. */
  mount?: (server: restify.Server) => void;
}

export interface HttpServer {
  readonly server: restify.Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting connections and waits (up to `graceMs`) for requests in flight to finish. */
  close(graceMs?: number): Promise<void>;
}

/** The HTTP surface of the service: routes only; what a route does lives with its concern. */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const server = restify.createServer({ name: 'clinic-bot', handleUncaughtExceptions: false });
  let inFlight = 0;
  let idle: (() => void) | undefined;

  server.pre((req, res, next) => {
    // No response of ours (JSON that may quote a field name, SVG, scripts) is to be sniffed as something else.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    });
    return next();
  });
  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes, mapParams: false, mapFiles: false }));

  server.post('/api/messages', options.messages);

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    const report = await options.health().catch((error: Error) => ({ ok: false, problems: [`health check failed: ${error.name}`] }));
    res.send(report.ok ? 200 : 503, report.ok ? { status: 'ok' } : { status: 'unavailable', problems: report.problems });
  });

  server.get('/illustrations/:file', async (req: restify.Request, res: restify.Response) => {
    const file = String(req.params.file ?? '');
    if (!/^[a-z0-9-]+\.svg$/.test(file)) {
      res.send(404, { error: 'Not found' });
      return;
    }
    try {
      const svg = await readFile(path.join(options.illustrationsDir, file));
      res.writeHead(200, {
        'Content-Type': 'image/svg+xml; charset=utf-8',
        'Cache-Control': 'public, max-age=3600',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
      res.end(svg);
    } catch {
      res.send(404, { error: 'Not found' });
    }
  });

  options.mount?.(server);

  server.on('restifyError', (req: restify.Request, res: restify.Response, error: Error & { statusCode?: number }, callback: () => void) => {
    if ((error.statusCode ?? 500) >= 500) options.log.error({ err: { name: error.name, message: error.message }, route: req.getRoute()?.path }, 'request failed');
    return callback();
  });

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.removeListener('error', reject);
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    async close(graceMs = 10_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((resolve) => (idle = resolve)), delay(graceMs)]);
      }
      server.server.closeAllConnections();
      await closed;
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
