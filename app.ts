import type { TurnContext } from 'botbuilder';
import { createAdapter, createAuthentication } from './bot/adapter.js';
import { createBot } from './bot/createBot.js';
import { createMessagesEndpoint } from './bot/messagesEndpoint.js';
import { createWebsiteDelivery } from './bot/websiteDelivery.js';
import type { AppConfig } from './config/config.js';
import type { Logger } from './config/logger.js';
import { projectPath } from './config/paths.js';
import { loadKnowledgeBase } from './knowledge/load.js';
import { fill, loadResponses } from './knowledge/responses.js';
import { KnowledgeIndex } from './knowledge/retrieval.js';
import { TOPIC_MODEL_FILE } from './knowledge/topicModel.js';
import { loadClinics, type ClinicDirectory } from './scheduling/clinics.js';
import { findClinicMention, matchClinic } from './scheduling/findClinic.js';
import { routeMessage } from './routing/router.js';
import { screenMessage } from './screening/screener.js';
import { createMailTransport } from './scheduling/delivery/mailTransport.js';
import type { Outbox } from './scheduling/delivery/outbox.js';
import { Sender } from './scheduling/delivery/sender.js';
import { groupContact } from './scheduling/groupContact.js';
import { createHttpServer } from './server/httpServer.js';
import { openStores } from './storage/openStores.js';
import { scheduleRetention } from './storage/retention.js';
import { createWebChat } from './web/index.js';

/** Request bodies larger than this get 413 (an activity is a few KB; 50 KB of text fits). */
export const MAX_BODY_BYTES = 256 * 1024;

export interface RunningApp {
  port: number;
  outbox: Outbox;
  /** Stops accepting, finishes turns and deliveries in flight, releases resources. */
  close(): Promise<void>;
}

export interface AppOptions {
  /** Host to listen on (default: all interfaces). */
  host?: string;
  /** Clock for hours and follow-up times (tests pin it). */
  now?: () => Date;
  /** With DATABASE_URL: how long an outbox claim lasts unless renewed (tests shorten it). */
  outboxLeaseMs?: number | undefined;
}

/**
 * The composition root: loads and validates the data (knowledge base, clinics, responses), opens
 * the stores, and wires activity → screener → router → answer or dialog → reply, and
 * request → spool → sender → SMTP. Data errors throw before anything listens.
 */
export async function startApp(config: AppConfig, log: Logger, options: AppOptions = {}): Promise<RunningApp> {
  const now = options.now ?? (() => new Date());

  const kb = loadKnowledgeBase();
  const index = KnowledgeIndex.build(kb, {
    modelFile: { file: TOPIC_MODEL_FILE, reportTraining: (reason) => log.warn(`training the topic classifier at start-up: ${reason}`) },
  });
  const responses = loadResponses();
  const clinics = loadClinics(config.clinicsFile);
  warmUp(index, clinics);

  const stores = await openStores(config, log, { outboxLeaseMs: options.outboxLeaseMs });
  const { storage, insights, outbox, turnOrder } = stores;
  const transport = createMailTransport({ smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, dataDir: config.dataDir });
  const sender = new Sender({ outbox, transport, alertEmail: config.alertEmail, logger: log });

  const bot = createBot({
    kb,
    index,
    responses,
    clinics,
    storage,
    insights,
    publicUrl: config.publicUrl,
    now,
    log,
    submit: async (request, clinic, followUp) => {
      await outbox.enqueue(request, { clinic, followUp });
      sender.wake();
    },
  });

  const apologize = async (context: TurnContext) => {
    await context.sendActivity(fill(responses.turnError, { groupPhone: groupContact(clinics).phone }));
  };
  const auth = createAuthentication(config);
  const adapter = createAdapter(config, log, apologize, auth);
  const runTurn = (context: TurnContext) => bot.run(context);
  // The website's own Direct Line hands visitors' activities to the bot in this process; the
  // bot answers them on loopback, unauthenticated, whatever the Bot Framework credentials.
  const websiteAdapter = createAdapter({ ...config, microsoftApp: { type: '', id: '', password: '', tenantId: '' } }, log, apologize);
  const webChat = await createWebChat({
    website: config.website,
    publicUrl: config.publicUrl,
    dataDir: config.dataDir,
    deliver: createWebsiteDelivery({ adapter: websiteAdapter, runTurn, turnOrder }),
    log,
    rateLimits: config.rateLimits,
    trustProxy: config.trustProxy,
  });
  const http = createHttpServer({
    log,
    maxBodyBytes: MAX_BODY_BYTES,
    messages: createMessagesEndpoint({
      adapter,
      runTurn,
      log,
      turnOrder,
      localMode: config.microsoftApp.id === '',
      auth,
      // In local mode only this machine may call (the Emulator, tests, an evaluation harness), so a
      // per-conversation limit would protect nothing and only break scripted conversations.
      conversationPerMinute: config.microsoftApp.id === '' ? 0 : config.rateLimits.conversationPerMinute,
    }),
    health: async () => {
      const problems = await stores.health();
      return { ok: problems.length === 0, problems };
    },
    illustrationsDir: projectPath('knowledge', 'illustrations'),
    mount: (server) => webChat.mount(server),
  });

  sender.start();
  const retention = scheduleRetention(
    stores,
    { stateTtlDays: config.stateTtlDays, insightsRetentionDays: config.insightsRetentionDays, sentRetentionDays: config.sentRetentionDays },
    log,
  );
  const port = await http.listen(config.port, options.host);
  log.info({ port, mail: transport.description, store: stores.kind, dataDir: config.dataDir }, 'listening');

  return {
    port,
    outbox,
    async close() {
      await webChat.close();
      await http.close();
      await sender.stop();
      transport.close();
      await retention.stop();
      await stores.close();
    },
  };
}

/**
 * Builds what the first visitor would otherwise wait for (the town index behind "nearest clinic",
 * the screener's and router's compiled patterns), so the first turn is as fast as the rest.
 */
function warmUp(index: KnowledgeIndex, clinics: ClinicDirectory): void {
  matchClinic('Annapolis', clinics);
  findClinicMention('is the clinic open', clinics);
  screenMessage('my back hurts when I sit');
  routeMessage('what is sciatica', index);
}
