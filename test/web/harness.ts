import { ActivityHandler, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAdapter, createAuthentication } from '../../bot/adapter.js';
import { createMessagesEndpoint } from '../../bot/messagesEndpoint.js';
import { createWebsiteDelivery } from '../../bot/websiteDelivery.js';
import { loadConfig, type AppConfig } from '../../config/config.js';
import { createLogger } from '../../config/logger.js';
import { projectPath } from '../../config/paths.js';
import { createHttpServer, type HttpServer } from '../../server/httpServer.js';
import { KeyedLock } from '../../storage/keyedLock.js';
import { createWebChat, type WebChat } from '../../web/index.js';
import { freePort } from '../delivery/smtpTestServer.js';

/**
 * A small bot of our own, run through a real CloudAdapter, to test the website chat end to end
 * without the clinic bot: it welcomes with suggested actions, answers, shows an Adaptive Card
 * with one of the knowledge base's SVG illustrations, and has a slow answer (typing indicator).
 */
export const WELCOME = 'Hello! I can answer questions about sciatica.';
export const ASK = 'What is sciatica?';
export const ANSWER = 'Sciatica is pain that runs along the sciatic nerve.';
export const EXERCISE = 'Show me an exercise';
export const CARD_TITLE = 'Bridge exercise';
export const SLOW = 'Take your time';
export const SLOW_ANSWER = 'Thanks for waiting.';
export const SLOW_MS = 900;

export class TestBot extends ActivityHandler {
  /** What the bot received, in order (type, text, from.id, conversation.id). */
  readonly seen: Array<{ type: string; text?: string; from: string; conversation: string; id?: string }> = [];

  constructor(private readonly publicUrl: string) {
    super();
    this.onMembersAdded(async (context, next) => {
      if ((context.activity.membersAdded ?? []).some((member) => member.id !== context.activity.recipient.id)) {
        await context.sendActivity(MessageFactory.suggestedActions([ASK, EXERCISE], WELCOME));
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const { type, text, from, conversation, id } = context.activity;
    this.seen.push({ type, ...(text === undefined ? {} : { text }), from: from.id, conversation: conversation.id, ...(id ? { id } : {}) });
    await super.run(context);
  }

  private async answer(context: TurnContext): Promise<void> {
    const text = (context.activity.text ?? '').trim();
    if (text === ASK) {
      await context.sendActivity(MessageFactory.suggestedActions([EXERCISE, SLOW], ANSWER));
    } else if (text === EXERCISE) {
      const card = CardFactory.adaptiveCard({
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.3',
        body: [
          { type: 'TextBlock', text: CARD_TITLE, weight: 'Bolder', size: 'Medium', wrap: true },
          { type: 'Image', url: `${this.publicUrl}/illustrations/bridge-exercise.svg`, altText: 'A person lying on their back lifting their hips', size: 'Stretch' },
          { type: 'TextBlock', text: '1. Lie on your back with your knees bent.', wrap: true },
        ],
      });
      await context.sendActivity(MessageFactory.attachment(card));
    } else if (text === SLOW) {
      await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
      await context.sendActivity(MessageFactory.suggestedActions([EXERCISE], SLOW_ANSWER));
    } else {
      await context.sendActivity(`You said: ${text}`);
    }
  }
}

export interface TestSite {
  url: string;
  port: number;
  config: AppConfig;
  bot: TestBot;
  webChat: WebChat;
  http: HttpServer;
  close(): Promise<void>;
}

/**
 * The HTTP server as the composition root builds it (messages endpoint in local mode, website
 * chat mounted), on loopback unless `host` says otherwise, with the test bot behind both.
 */
export async function startTestSite(options: { host?: string; env?: Record<string, string>; typingDelayMs?: number } = {}): Promise<TestSite> {
  const host = options.host ?? '127.0.0.1';
  // Named in PUBLIC_URL before the server starts.
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'webchat-test-'));
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({ PORT: String(port), PUBLIC_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...options.env });
  const log = createLogger('silent');
  const bot = new TestBot(config.publicUrl);
  const runTurn = (context: TurnContext) => bot.run(context);
  const turnOrder = new KeyedLock();
  const apologize = async (context: TurnContext) => {
    await context.sendActivity('Sorry, something went wrong.');
  };
  const auth = createAuthentication(config);
  const adapter = createAdapter(config, log, apologize, auth);
  const websiteAdapter = createAdapter({ ...config, microsoftApp: { type: '', id: '', password: '', tenantId: '' } }, log, apologize);
  const webChat = await createWebChat({
    website: config.website,
    publicUrl: config.publicUrl,
    dataDir,
    deliver: createWebsiteDelivery({ adapter: websiteAdapter, runTurn, turnOrder }),
    log,
    rateLimits: config.rateLimits,
    trustProxy: config.trustProxy,
    ...(options.typingDelayMs === undefined ? {} : { typingDelayMs: options.typingDelayMs }),
  });
  const http = createHttpServer({
    log,
    maxBodyBytes: 256 * 1024,
    messages: createMessagesEndpoint({
      adapter,
      runTurn,
      log,
      turnOrder,
      localMode: config.microsoftApp.id === '',
      auth,
      conversationPerMinute: config.rateLimits.conversationPerMinute,
    }),
    health: async () => ({ ok: true, problems: [] }),
    illustrationsDir: projectPath('knowledge', 'illustrations'),
    mount: (server) => webChat.mount(server),
  });
  await http.listen(port, host);
  return {
    url,
    port,
    config,
    bot,
    webChat,
    http,
    async close() {
      await webChat.close(2_000);
      await http.close(2_000);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
