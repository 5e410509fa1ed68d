import type { Activity } from 'botbuilder';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ContractChannelData } from '../../bot/channelData.js';

export interface PostedActivity {
  path: string;
  body: Record<string, unknown> & { channelData?: Record<string, unknown>; text?: string };
}

export interface TestChannel {
  /** The serviceUrl to give the bot. */
  url: string;
  /** Every activity the bot posted, in order. */
  received: PostedActivity[];
  close: () => Promise<void>;
}

/** A stand-in for a Bot Framework channel on loopback: records what the bot POSTs to its serviceUrl. */
export async function startChannel(): Promise<TestChannel> {
  const received: PostedActivity[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(data || '{}') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A message activity from a visitor of `channel`, as a channel would POST it to /api/messages. */
export function visitorActivity(channel: Pick<TestChannel, 'url'>, conversation: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    channelId: 'webchat',
    serviceUrl: channel.url,
    conversation: { id: conversation },
    from: { id: 'visitor-1' },
    recipient: { id: 'bot' },
    ...fields,
  };
}

/**
 * Sends one visitor message to the service on `port` with deliveryMode expectReplies (the replies
 * come back in the response) and returns the bot's message replies.
 */
export async function say(port: number, conversationId: string, text: string): Promise<Partial<Activity>[]> {
  const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      channelId: 'test',
      serviceUrl: 'http://127.0.0.1:9',
      deliveryMode: 'expectReplies',
      conversation: { id: conversationId },
      from: { id: 'visitor' },
      recipient: { id: 'bot' },
      text,
    }),
  });
  if (response.status !== 200) throw new Error(`POST /api/messages answered ${response.status}`);
  const body = (await response.json()) as { activities?: Partial<Activity>[] };
  return (body.activities ?? []).filter((activity) => activity.type === 'message');
}

/** The contract's channelData of the last reply. */
export function lastChannelData(replies: Partial<Activity>[]): ContractChannelData {
  return (replies[replies.length - 1]?.channelData ?? {}) as ContractChannelData;
}
