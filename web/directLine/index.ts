import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import type { Logger } from '../../config/logger.js';
import type { ChannelAccount } from './activities.js';
import { DirectLineChannel, type DeliverToBot } from './channel.js';
import { DIRECT_LINE_PATH, mountClientRoutes } from './clientRoutes.js';
import { mountConnectorRoutes } from './connectorRoutes.js';
import { ConversationStore, type ConversationLimits } from './conversationStore.js';
import { attachStreams, type StreamHub } from './streams.js';
import { newGrant, type TokenSigner } from './tokens.js';
import { NO_LIMITS, type WebsiteLimits } from '../rateLimits.js';

export type { ChannelActivity } from './activities.js';
export type { DeliverToBot } from './channel.js';
export { DIRECT_LINE_PATH } from './clientRoutes.js';

export interface DirectLineOptions {
  /** Base URL visitors' browsers reach this service at (PUBLIC_URL). */
  publicUrl: string;
  tokens: TokenSigner;
  /** Gives an activity to the bot, in this process; resolves when the turn is over. */
  deliver: DeliverToBot;
  capacity: Omit<ConversationLimits, 'maxStreams'> & { maxStreams?: number };
  /** Rate limits per visitor address and per conversation. */
  limits?: WebsiteLimits;
  log: Logger;
  /** The bot as visitors' activities address it. */
  bot?: ChannelAccount;
  /** Wait before a typing indicator shows; a faster reply shows none. */
  typingDelayMs?: number;
  deliveryFailedText?: string;
  now?: () => number;
}

/** What the page receives to start a conversation (also what Azure's tokens/generate returns). */
export interface ConversationToken {
  conversationId: string;
  token: string;
  expires_in: number;
}

export interface DirectLine {
  /** Adds the Direct Line routes, the WebSocket stream and the loopback connector endpoint. */
  mount(server: restify.Server): void;
  /** A token bound to a new conversation and a new visitor id. Nothing is kept until the page starts it. */
  newConversation(): ConversationToken;
  /** Where the Direct Line API is, relative to the public URL. */
  readonly path: string;
  /** Refuses new work, waits (up to `graceMs`) for turns in progress, closes the streams. Call before closing the HTTP server. */
  close(graceMs?: number): Promise<void>;
  /** Website conversations currently held. */
  readonly conversationCount: number;
}

const SWEEP_MS = 60_000;

/**
 * A small Direct Line 3.0 service hosted by the bot itself, so that the stock Web Chat client
 * can talk to the bot without Azure. See the README, "The website chat".
 */
export function createDirectLine(options: DirectLineOptions): DirectLine {
  const now = options.now ?? Date.now;
  const store = new ConversationStore({ maxStreams: 4, ...options.capacity }, now);
  let httpServer: restify.Server['server'] | undefined;
  let streams: StreamHub | undefined;
  let closing = false;

  const channel = new DirectLineChannel({
    store,
    deliver: options.deliver,
    serviceUrl: () => loopbackUrl(httpServer?.address()),
    bot: options.bot ?? { id: 'clinic-bot', name: 'Clinic bot', role: 'bot' },
    log: options.log,
    typingDelayMs: options.typingDelayMs ?? 250,
    deliveryFailedText: options.deliveryFailedText ?? 'Sorry, something went wrong on our side and your message did not reach us. Please try again in a moment.',
    now,
  });

  const sweeper = setInterval(() => store.sweep(), SWEEP_MS);
  sweeper.unref();

  return {
    path: DIRECT_LINE_PATH,
    mount(server) {
      httpServer = server.server;
      mountClientRoutes(server, { channel, tokens: options.tokens, publicUrl: options.publicUrl, closing: () => closing, limits: options.limits ?? NO_LIMITS });
      mountConnectorRoutes(server, channel);
      streams = attachStreams(server.server, store, options.tokens);
    },
    newConversation() {
      const grant = newGrant();
      const issued = options.tokens.issue(grant, 'conversation');
      return { conversationId: grant.conversationId, token: issued.token, expires_in: issued.expiresIn };
    },
    async close(graceMs = 10_000) {
      closing = true;
      clearInterval(sweeper);
      await channel.drain(graceMs);
      streams?.close();
      store.clear();
    },
    get conversationCount() {
      return store.size;
    },
  };
}

/** The bot reaches this service over loopback, whatever interface it listens on. */
function loopbackUrl(address: string | AddressInfo | null | undefined): string {
  if (!address || typeof address === 'string') throw new Error('The HTTP server is not listening yet');
  const host = address.address === '::1' ? '[::1]' : address.address.startsWith('127.') ? address.address : '127.0.0.1';
  return `http://${host}:${address.port}`;
}
