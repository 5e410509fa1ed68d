import autocannon from 'autocannon';
import { HOST } from './children.js';

/**
 * Bot Framework activities as a channel sends them, and autocannon runs that POST them to
 * /api/messages. Replies are not in the response: the bot POSTs them to `serviceUrl` (the
 * loopback connector), as it does for Azure's channels, and answers the request when the turn is
 * done, so a request's latency is the whole turn including its replies.
 */

export interface Activity {
  type: 'message' | 'conversationUpdate';
  [field: string]: unknown;
}

export function messageActivity(serviceUrl: string, conversationId: string, text: string, sequence: number): Activity {
  return {
    type: 'message',
    id: `m-${sequence}`,
    channelId: 'bench',
    serviceUrl,
    conversation: { id: conversationId },
    from: { id: `visitor-${conversationId}` },
    recipient: { id: 'bot' },
    text,
    locale: 'en-US',
  };
}

/** What a channel sends when a visitor opens a chat: the bot greets them. */
export function joinActivity(serviceUrl: string, conversationId: string): Activity {
  return {
    type: 'conversationUpdate',
    id: `join-${conversationId}`,
    channelId: 'bench',
    serviceUrl,
    conversation: { id: conversationId },
    from: { id: `visitor-${conversationId}` },
    recipient: { id: 'bot' },
    membersAdded: [{ id: `visitor-${conversationId}` }, { id: 'bot' }],
  };
}

export interface LoadFigures {
  turnsPerSecond: number;
  p50: number;
  p99: number;
  /** Non-2xx answers, connection errors and timeouts. */
  errors: number;
  turns: number;
  seconds: number;
}

export interface LoadOptions {
  port: number;
  connections: number;
  /** Seconds, or… */
  duration?: number;
  /** …this many requests in all. */
  amount?: number;
  /** The next activity to send (called once per request, from every connection). */
  next: () => Activity;
}

export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const result = await autocannon({
    url: `http://${HOST}:${options.port}/api/messages`,
    method: 'POST',
    connections: options.connections,
    ...(options.amount === undefined ? { duration: options.duration ?? 10 } : { amount: options.amount }),
    timeout: 10,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify(options.next()) }) }],
  });
  const ok = result['2xx'];
  return {
    turnsPerSecond: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    turns: ok,
    seconds: result.duration,
  };
}

/**
 * Open-loop load: one request every 1000/rate ms, sent on schedule whether or not earlier ones
 * have been answered, as independent visitors do. (autocannon's overallRate sends each second's
 * requests in a burst at the start of the second, which measures the burst, not the service.)
 */
export async function runPaced(options: { port: number; rate: number; duration: number; next: () => Activity }): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Array<Promise<void>> = [];
  const send = async () => {
    const started = performance.now();
    try {
      const response = await fetch(`http://${HOST}:${options.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(options.next()),
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      if (response.status === 200) latencies.push(performance.now() - started);
      else errors += 1;
    } catch {
      errors += 1;
    }
  };
  const interval = 1000 / options.rate;
  const total = Math.round(options.rate * options.duration);
  const begun = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = begun + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send());
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - begun) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))] ?? NaN;
  return { turnsPerSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99), errors, turns: latencies.length, seconds };
}

/** Sends activities with at most `concurrency` in flight (fetch, for setup such as greetings). */
export async function sendAll(port: number, activities: Activity[], concurrency: number): Promise<void> {
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < activities.length) {
      const activity = activities[nextIndex++];
      const response = await fetch(`http://${HOST}:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`POST /api/messages answered ${response.status} to a ${activity?.type}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
