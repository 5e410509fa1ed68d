import { WebSocket } from 'ws';
import type { ChannelActivity } from '../../web/directLine/activities.js';
import type { ActivityGroup } from '../../web/directLine/conversationStore.js';

/**
 * A bare Direct Line 3.0 client for protocol tests: the same HTTP calls and WebSocket frames as
 * DirectLineJS, but explicit, so a test can also make the calls a well-behaved client never would.
 */

export interface Conversation {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl: string;
}

export async function call(url: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token === undefined ? {} : { Authorization: `Bearer ${init.token}` }),
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** What the page does: a token from the token route, then starting the conversation. */
export async function startConversation(siteUrl: string): Promise<{ conversation: Conversation; domain: string }> {
  const issued = (await call(`${siteUrl}/api/directline/token`, { method: 'POST', body: {} })).body as { token: string; domain: string };
  const started = await call(`${issued.domain}/conversations`, { method: 'POST', token: issued.token, body: { user: { id: 'chosen-by-page' }, locale: 'en-US' } });
  if (started.status !== 201) throw new Error(`start answered ${started.status}`);
  return { conversation: started.body as Conversation, domain: issued.domain };
}

/** A WebSocket stream that records every frame and lets a test wait for the one it expects. */
export class Stream {
  readonly frames: ActivityGroup[] = [];
  private readonly socket: WebSocket;
  private readonly waiters = new Set<() => void>();
  readonly closed: Promise<number>;

  private constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as ActivityGroup);
      for (const wake of this.waiters) wake();
    });
    this.closed = new Promise((resolve) => this.socket.on('close', (code) => resolve(code)));
  }

  static async open(url: string): Promise<Stream> {
    const stream = new Stream(url);
    await new Promise<void>((resolve, reject) => {
      stream.socket.once('open', () => resolve());
      stream.socket.once('error', reject);
    });
    return stream;
  }

  /** Whether the server refuses this URL (the upgrade's HTTP status). */
  static refusal(url: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        socket.terminate();
      });
      socket.once('open', () => {
        socket.close();
        reject(new Error('the stream opened'));
      });
      socket.once('error', () => undefined);
    });
  }

  get activities(): ChannelActivity[] {
    return this.frames.flatMap((frame) => frame.activities);
  }

  async waitFor(predicate: (activity: ChannelActivity) => boolean, timeoutMs = 5_000): Promise<ChannelActivity> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.activities.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no such activity on the stream; got ${JSON.stringify(this.activities.map((a) => [a.type, a.text]))}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}
