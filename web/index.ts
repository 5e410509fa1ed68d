import type restify from 'restify';
import type { RateLimitConfig, WebsiteConfig } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { createDirectLine, type DeliverToBot, type DirectLine } from './directLine/index.js';
import { loadTokenSecret, TokenSigner } from './directLine/tokens.js';
import { websiteLimits } from './rateLimits.js';
import { mountSite } from './site/siteRoutes.js';
import { loadSiteText } from './site/siteText.js';
import { azureTokenSource, localTokenSource, mountTokenRoute, TOKEN_PATH } from './tokenRoute.js';

export type { ChannelActivity, DeliverToBot } from './directLine/index.js';

export interface WebChatOptions {
  website: WebsiteConfig;
  /** PUBLIC_URL: where visitors' browsers reach this service. */
  publicUrl: string;
  /** DATA_DIR: where the generated token secret is kept. */
  dataDir: string;
  /** Gives a website activity to the bot in this process (see bot/websiteDelivery.ts). */
  deliver: DeliverToBot;
  log: Logger;
  /** RATE_LIMIT_*: per visitor address and per conversation; absent: no limits. */
  rateLimits?: RateLimitConfig;
  /** TRUST_PROXY: visitors' addresses come from X-Forwarded-For. */
  trustProxy?: boolean;
  /** Wait before a typing indicator shows (tests set it to 0). */
  typingDelayMs?: number;
}

export interface WebChat {
  /** Adds every website route to the HTTP server: pass it as createHttpServer's `mount`. */
  mount(server: restify.Server): void;
  /** Call before closing the HTTP server: stops new conversations, lets turns in progress finish, closes the streams. */
  close(graceMs?: number): Promise<void>;
  readonly directLine: DirectLine;
}

/**
 * The website chat: the page, the embeddable launcher, the page's token route and the
 * built-in Direct Line endpoint the page's Web Chat talks to.
 */
export async function createWebChat(options: WebChatOptions): Promise<WebChat> {
  const { website, publicUrl, log } = options;
  const text = loadSiteText(website.title);
  const tokens = new TokenSigner(await loadTokenSecret(website.tokenSecret, options.dataDir));
  const limits = websiteLimits({
    clientPerMinute: options.rateLimits?.clientPerMinute ?? 0,
    conversationPerMinute: options.rateLimits?.conversationPerMinute ?? 0,
    trustProxy: options.trustProxy ?? false,
    log,
  });
  const directLine = createDirectLine({
    publicUrl,
    limits,
    tokens,
    deliver: options.deliver,
    capacity: {
      maxConversations: website.maxConversations,
      maxActivities: website.maxActivitiesPerConversation,
      idleMs: website.idleHours * 3_600_000,
    },
    log,
    bot: { id: 'clinic-bot', name: website.title, role: 'bot' },
    deliveryFailedText: text.deliveryFailed,
    ...(options.typingDelayMs === undefined ? {} : { typingDelayMs: options.typingDelayMs }),
  });
  const azure = website.azureDirectLine.secret !== '';
  const tokenSource = azure
    ? azureTokenSource({ secret: website.azureDirectLine.secret, domain: website.azureDirectLine.domain })
    : localTokenSource(() => directLine.newConversation(), `${publicUrl}${directLine.path}`);

  return {
    directLine,
    mount(server) {
      directLine.mount(server);
      mountTokenRoute(server, tokenSource, log, limits);
      mountSite(server, {
        title: website.title,
        accentColor: website.accentColor,
        text,
        publicUrl,
        embedOrigins: website.embedOrigins,
        connectOrigins: azure ? [new URL(website.azureDirectLine.domain).origin] : [],
        tokenPath: TOKEN_PATH,
      });
    },
    close: (graceMs) => directLine.close(graceMs),
  };
}
