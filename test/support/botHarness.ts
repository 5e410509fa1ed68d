import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createBot } from '../../bot/createBot.js';
import type { ContractChannelData } from '../../bot/channelData.js';
import { createLogger } from '../../config/logger.js';
import { FileInsightsStore } from '../../insights/fileInsightsStore.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../../knowledge/load.js';
import { loadResponses, type Responses } from '../../knowledge/responses.js';
import { KnowledgeIndex } from '../../knowledge/retrieval.js';
import type { AppointmentRequest } from '../../scheduling/appointmentRequest.js';
import { DEFAULT_CLINICS_FILE, loadClinics, type Clinic, type ClinicDirectory } from '../../scheduling/clinics.js';

/** Loaded once for all transcript tests: the real knowledge base, index, responses and clinics. */
let shared: { kb: KnowledgeBase; index: KnowledgeIndex; responses: Responses; clinics: ClinicDirectory } | undefined;
export function realData() {
  shared ??= (() => {
    const kb = loadKnowledgeBase();
    return { kb, index: KnowledgeIndex.build(kb), responses: loadResponses(), clinics: loadClinics(DEFAULT_CLINICS_FILE) };
  })();
  return shared;
}

export interface Submitted {
  request: AppointmentRequest;
  clinic: Clinic;
  followUp: string;
}

export interface HarnessOptions {
  /** The moment the conversation happens (hours and follow-up times depend on it). */
  now?: Date;
  /** Make handing the request to delivery fail, as a full disk would. */
  failSubmit?: boolean;
}

/**
 * A conversation with the whole bot (screener, router, answers, dialogs) through botbuilder's
 * TestAdapter: what a channel would send and receive, without HTTP.
 */
export class Conversation {
  readonly submitted: Submitted[] = [];
  private readonly adapter: TestAdapter;

  private constructor(readonly insightsDir: string, options: HarnessOptions) {
    const data = realData();
    const now = options.now ?? new Date('2026-11-24T15:00:00Z'); // a Tuesday, 10:00 AM in Maryland
    const bot = createBot({
      ...data,
      storage: new MemoryStorage(),
      insights: new FileInsightsStore(insightsDir),
      publicUrl: 'http://localhost:3978',
      now: () => now,
      log: createLogger('silent'),
      submit: async (request, clinic, followUp) => {
        if (options.failSubmit) throw new Error('disk full');
        this.submitted.push({ request, clinic, followUp });
      },
    });
    this.adapter = new TestAdapter((context) => bot.run(context));
  }

  static async start(options: HarnessOptions = {}): Promise<Conversation> {
    return new Conversation(await mkdtemp(path.join(os.tmpdir(), 'transcript-')), options);
  }

  /** The visitor opens the chat (Web Chat and the Emulator send this). */
  async open(): Promise<Partial<Activity>[]> {
    await this.adapter.processActivity({
      type: 'conversationUpdate',
      membersAdded: [{ id: 'user1', name: 'Visitor' }],
      recipient: { id: 'bot', name: 'Bot' },
    });
    return this.replies();
  }

  /** The visitor sends a message; returns the bot's replies to it. */
  async say(text: string): Promise<Partial<Activity>[]> {
    await this.adapter.receiveActivity(text);
    return this.replies();
  }

  async close(): Promise<void> {
    await rm(this.insightsDir, { recursive: true, force: true });
  }

  private replies(): Partial<Activity>[] {
    return this.adapter.activeQueue.splice(0).filter((activity) => activity.type === 'message');
  }
}

export function textOf(replies: Partial<Activity>[]): string {
  return replies.map((reply) => reply.text ?? '').join('\n');
}

export function buttonsOf(replies: Partial<Activity>[]): string[] {
  return replies.flatMap((reply) => reply.suggestedActions?.actions.map((action) => String(action.title)) ?? []);
}

export function channelDataOf(reply: Partial<Activity> | undefined): ContractChannelData {
  return (reply?.channelData ?? {}) as ContractChannelData;
}

/** The contract keys of the last message of a turn (the one a program reads as the turn's outcome). */
export function lastChannelData(replies: Partial<Activity>[]): ContractChannelData {
  return channelDataOf(replies[replies.length - 1]);
}
