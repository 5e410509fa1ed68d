import http from 'node:http';

/**
 * A stand-in for the Bot Framework channel on loopback: the bot POSTs each reply to
 * `{serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]` and gets 200 with an id, as from
 * Azure's connector. Counts what arrives, so the bench can tell that turns were really answered.
 */
export interface ConnectorCounts {
  /** Message activities received. */
  messages: number;
  /** Messages whose channelData names a knowledge-base topic (not "unknown"). */
  answered: number;
  /** Messages with channelData.redFlag (should stay 0 for FAQ questions). */
  redFlags: number;
  /** TCP connections the bot opened to post replies (few means it keeps them alive). */
  connections: number;
  /** Requests that were not a reply (wrong path or unreadable body). */
  rejected: number;
}

export async function startConnector(host: string): Promise<{ port: number; counts(): ConnectorCounts; reset(): void; close(): Promise<void> }> {
  let counts = zero();
  let sequence = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const isReply = req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(req.url ?? '');
      let activity: { type?: string; channelData?: { topic?: string; redFlag?: unknown } } | undefined;
      try {
        activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof activity;
      } catch {
        activity = undefined;
      }
      if (!isReply || activity === undefined) {
        counts.rejected += 1;
        res.writeHead(400);
        res.end();
        return;
      }
      if (activity.type === 'message') {
        counts.messages += 1;
        const topic = activity.channelData?.topic;
        if (topic !== undefined && topic !== 'unknown') counts.answered += 1;
        if (activity.channelData?.redFlag !== undefined) counts.redFlags += 1;
      }
      sequence += 1;
      // Two calls: restify (loaded in this process too) replaces writeHead with one that returns nothing.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${sequence}` }));
    });
  });
  server.on('connection', () => {
    counts.connections += 1;
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    counts: () => ({ ...counts }),
    reset: () => {
      counts = zero();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function zero(): ConnectorCounts {
  return { messages: 0, answered: 0, redFlags: 0, connections: 0, rejected: 0 };
}
