import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { ConversationStore } from './conversationStore.js';
import type { TokenSigner } from './tokens.js';

/**
 * The Direct Line WebSocket stream: `GET /directline/conversations/:id/stream?watermark=&t=`
 * (the stream token from the streamUrl). On connect it sends what the client has not seen
 * yet, then every new activity of the conversation as `{ activities, watermark }` frames.
 * Dead connections are found with pings and closed; the client reconnects on its own.
 */

const STREAM_PATH = /^\/directline\/conversations\/([A-Za-z0-9_-]{1,64})\/stream$/;
const HEARTBEAT_MS = 30_000;

export interface StreamHub {
  close(): void;
}

export function attachStreams(httpServer: Server, store: ConversationStore, tokens: TokenSigner): StreamHub {
  // The client only ever sends empty keep-alive messages.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const alive = new WeakMap<WebSocket, boolean>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const conversationId = STREAM_PATH.exec(url.pathname)?.[1];
    if (!conversationId) return refuse(socket, 404, 'Not Found');
    const grant = tokens.verify(url.searchParams.get('t') ?? '', 'stream');
    if (!grant || grant.conversationId !== conversationId || store.userOf(conversationId) !== grant.userId) return refuse(socket, 403, 'Forbidden');
    const watermark = url.searchParams.get('watermark') ?? '';

    sockets.handleUpgrade(req, socket, head, (ws) => {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      ws.on('message', () => alive.set(ws, true));
      ws.on('error', () => ws.terminate());
      const unsubscribe = store.subscribe(conversationId, {
        send: (group) => {
          if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(group));
        },
        end: () => ws.close(1000, 'conversation ended'),
      });
      if (!unsubscribe) return ws.close(1000, 'conversation ended');
      ws.on('close', unsubscribe);
      const backlog = store.since(conversationId, watermark);
      if (backlog && backlog.activities.length > 0) ws.send(JSON.stringify(backlog));
    });
  };
  httpServer.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const ws of sockets.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    close() {
      clearInterval(heartbeat);
      httpServer.off('upgrade', onUpgrade);
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
    },
  };
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
