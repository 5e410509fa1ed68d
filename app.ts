import { createAdapter } from './bot/adapter.js';
import { createBot } from './bot/createBot.js';
import { createMessagesEndpoint } from './bot/messagesEndpoint.js';
import type { AppConfig } from './config/config.js';
import type { Logger } from './config/logger.js';
import { projectPath } from './config/paths.js';
import { loadKnowledgeBase } from './knowledge/load.js';
import { fill, loadResponses } from './knowledge/responses.js';
import { KnowledgeIndex } from './knowledge/retrieval.js';
import { loadClinics } from './scheduling/clinics.js';
import { createMailTransport } from './scheduling/delivery/mailTransport.js';
import type { Outbox } from './scheduling/delivery/outbox.js';
import { Sender } from './scheduling/delivery/sender.js';
import { groupContact } from './scheduling/groupContact.js';
import { createHttpServer } from './server/httpServer.js';
import { openStores } from './storage/openStores.js';
import { scheduleRetention } from './storage/retention.js';

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
  const index = KnowledgeIndex.build(kb);
  const responses = loadResponses();
  const clinics = loadClinics(config.clinicsFile);

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

  const adapter = createAdapter(config, log, async (context) => {
    await context.sendActivity(fill(responses.turnError, { groupPhone: groupContact(clinics).phone }));
  });
  const http = createHttpServer({
    log,
    maxBodyBytes: MAX_BODY_BYTES,
    messages: createMessagesEndpoint({ adapter, runTurn: (context) => bot.run(context), log, turnOrder }),
    health: async () => {
      const problems = await stores.health();
      return { ok: problems.length === 0, problems };
    },
    illustrationsDir: projectPath('knowledge', 'illustrations'),
  });

  sender.start();
  const retention = scheduleRetention(stores, { stateTtlDays: config.stateTtlDays, insightsRetentionDays: config.insightsRetentionDays }, log);
  const port = await http.listen(config.port, options.host);
  log.info({ port, mail: transport.description, store: stores.kind, dataDir: config.dataDir }, 'listening');

  return {
    port,
    outbox,
    async close() {
      await http.close();
      await sender.stop();
      transport.close();
      await retention.stop();
      await stores.close();
    },
  };
}
