import { ConversationState, type Storage } from 'botbuilder';
import type { Logger } from '../config/logger.js';
import { AppointmentDialog, type AppointmentDialogDeps } from '../dialogs/appointmentDialog.js';
import type { InsightsStore } from '../insights/insightsStore.js';
import type { KnowledgeBase } from '../knowledge/load.js';
import type { Responses } from '../knowledge/responses.js';
import type { KnowledgeIndex } from '../knowledge/retrieval.js';
import type { ClinicDirectory } from '../scheduling/clinics.js';
import { ClinicBot } from './clinicBot.js';
import { createStateAccessors } from './conversationData.js';
import { Responder } from './responder.js';
import { SafetyNet } from './safetyNet.js';

export interface BotParts {
  kb: KnowledgeBase;
  index: KnowledgeIndex;
  responses: Responses;
  clinics: ClinicDirectory;
  storage: Storage;
  insights: InsightsStore;
  /** Hands a confirmed appointment request to delivery; resolves once it is durably queued. */
  submit: AppointmentDialogDeps['submit'];
  publicUrl: string;
  now: () => Date;
  log: Logger;
}

/** Wires the bot from its parts; the app and the transcript tests build it the same way. */
export function createBot(parts: BotParts): ClinicBot {
  const { kb, index, responses, clinics, insights, log, now } = parts;
  const reportError = (what: string) => (error: Error) => log.error({ err: { name: error.name, message: error.message } }, what);
  const state = createStateAccessors(new ConversationState(parts.storage));
  const responder = new Responder({ kb, index, responses, clinics, insights, publicUrl: parts.publicUrl, now, onInsightsError: reportError('insights not recorded') });
  const safety = new SafetyNet({ responses, clinics, insights, onAuditError: reportError('red-flag audit not recorded') });
  const bot: ClinicBot = new ClinicBot({
    state,
    index,
    responses,
    clinics,
    safety,
    responder,
    log,
    appointmentDialog: new AppointmentDialog({
      index,
      responder,
      responses,
      state,
      clinics,
      safety,
      now,
      submit: parts.submit,
      restart: (context) => bot.restart(context),
    }),
  });
  return bot;
}
