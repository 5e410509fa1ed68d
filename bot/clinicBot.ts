import { ActivityHandler, type TurnContext } from 'botbuilder';
import { DialogSet, type Dialog, type DialogContext } from 'botbuilder-dialogs';
import { FORM_VALUE_PROMPTS } from '../dialogs/appointmentDialog.js';
import { hashConversationId, type Logger } from '../config/logger.js';
import type { Responses } from '../knowledge/responses.js';
import type { KnowledgeIndex } from '../knowledge/retrieval.js';
import { routeMessage } from '../routing/router.js';
import type { ClinicDirectory } from '../scheduling/clinics.js';
import { findClinicMention } from '../scheduling/findClinic.js';
import { screenMessage, type ScreeningResult } from '../screening/screener.js';
import { MAX_MESSAGE_TEXT } from '../server/activityGuard.js';
import { trackTurnChannelData } from './channelData.js';
import type { BotStateAccessors, ConversationData } from './conversationData.js';
import { incomingText } from './incomingText.js';
import { textWithButtons } from './replies.js';
import type { Responder } from './responder.js';
import type { SafetyNet, SafetyOutcome } from './safetyNet.js';
import { noteTurn, turnSummary } from './turnSummary.js';

export interface ClinicBotDeps {
  state: BotStateAccessors;
  index: KnowledgeIndex;
  responses: Responses;
  clinics: ClinicDirectory;
  safety: SafetyNet;
  responder: Responder;
  /** The appointment request dialog, started by any way of asking for an appointment. */
  appointmentDialog: Dialog;
  log: Logger;
}

/** The screener reads at most this much of a message (a long story is still screened). */
const MAX_SCREENED_TEXT = 20_000;
/** The knowledge-base topic not to answer with when the visitor says they have no red-flag symptoms. */
const DENIED_TOPICS: ReadonlySet<string> = new Set(['red-flags']);

/**
 * The bot's turn: activity → screener → router → answer or dialog → reply.
 * Every message is screened for red flags first, whatever else is going on; then a dialog in
 * progress gets the message; otherwise the router decides between an answer and a new dialog.
 */
export class ClinicBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: ClinicBotDeps) {
    super();
    this.dialogs = new DialogSet(deps.state.dialogState);
    this.dialogs.add(deps.appointmentDialog);

    this.onMembersAdded(async (context, next) => {
      const visitorJoined = (context.activity.membersAdded ?? []).some((member) => member.id !== context.activity.recipient?.id);
      if (visitorJoined) {
        const data = await this.deps.state.data.get(context, {});
        if (!data.welcomed) {
          data.welcomed = true;
          noteTurn(context, { route: 'welcome' });
          await this.deps.responder.welcome(context);
        }
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const started = performance.now();
    trackTurnChannelData(context);
    const data = await this.deps.state.data.get(context, {});
    data.turns = (data.turns ?? 0) + 1;
    await super.run(context);
    await this.deps.state.conversationState.saveChanges(context, false);
    this.deps.log.info(
      {
        conversation: hashConversationId(context.activity.conversation?.id ?? ''),
        channel: context.activity.channelId,
        activity: context.activity.type,
        turn: data.turns,
        ...turnSummary(context),
        latencyMs: Math.round(performance.now() - started),
      },
      'turn',
    );
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { state, responses, safety } = this.deps;
    const text = incomingText(context.activity);
    const data = await state.data.get(context, {});
    const dc = await this.dialogs.createContext(context);
    if (text === '') {
      await context.sendActivity(responses.noText);
      return;
    }

    const screening = screenMessage(text.slice(0, MAX_SCREENED_TEXT), { formValue: awaitsFormValue(dc) });
    const safetyOutcome = await safety.screen(dc, data, text, screening);
    if (safetyOutcome === 'stop') return;
    if (typeof safetyOutcome === 'object') {
      // The closed question an earlier message raised is answered: that message is answered now.
      const earlier = safetyOutcome.answerEarlierMessage;
      this.rememberClinic(earlier, data);
      await this.answer(context, dc, data, earlier, screenMessage(earlier.slice(0, MAX_SCREENED_TEXT)), safetyOutcome.after);
      return;
    }

    if (text.length > MAX_MESSAGE_TEXT) {
      noteTurn(context, { route: 'too-long' });
      await context.sendActivity(responses.tooLong);
      return;
    }
    this.rememberClinic(text, data);

    if (dc.activeDialog) {
      noteTurn(context, { dialog: dc.activeDialog.id });
      await dc.continueDialog();
      return;
    }
    await this.answer(context, dc, data, text, screening, safetyOutcome);
  }

  /** Outside any dialog: a command, an appointment request, or an answer from the knowledge base. */
  private async answer(context: TurnContext, dc: DialogContext, data: ConversationData, text: string, screening: ScreeningResult, safetyOutcome: SafetyOutcome): Promise<void> {
    const { responses, responder } = this.deps;
    // "No bladder problems, just leg pain when I sit": the red flags they do not have are not their question.
    const route = routeMessage(text, this.deps.index, screening.deniesRedFlags ? { notTopics: DENIED_TOPICS } : {});
    if (route.kind === 'command' && route.command === 'restart') {
      await this.restart(context);
      return;
    }
    if (route.kind === 'booking') {
      noteTurn(context, { route: 'booking' });
      await dc.beginDialog(this.deps.appointmentDialog.id, { initialText: text });
      return;
    }
    if (screening.asksAboutRedFlags && (route.kind === 'topic' || route.kind === 'clarify' || route.kind === 'unknown')) {
      await responder.respond(context, { kind: 'topic', topicId: 'red-flags' }, text, data, { safetyReminder: true });
      return;
    }
    if (safetyOutcome === 'continue-after-urgent' && route.kind !== 'topic') {
      // The urgent-care advice was the answer; offer the appointment request rather than a fallback.
      await context.sendActivity(textWithButtons(responses.urgentNext, [responses.requestAppointment]));
      return;
    }
    await responder.respond(context, route, text, data);
  }

  /** "start over": forget this conversation (dialog, flags, follow-ups) and greet again. */
  async restart(context: TurnContext): Promise<void> {
    noteTurn(context, { route: 'restart' });
    await this.deps.state.conversationState.clear(context);
    const data = await this.deps.state.data.get(context, {});
    data.welcomed = true;
    await context.sendActivity(this.deps.responses.startOver);
    await this.deps.responder.welcome(context);
  }

  private rememberClinic(text: string, data: ConversationData): void {
    const clinic = findClinicMention(text, this.deps.clinics);
    if (clinic) data.lastClinicId = clinic.id;
  }
}

/** The innermost active dialog is a prompt for a form value (see FORM_VALUE_PROMPTS). */
function awaitsFormValue(dc: DialogContext): boolean {
  let inner = dc;
  while (inner.child) inner = inner.child;
  const id = inner.activeDialog?.id;
  return id !== undefined && FORM_VALUE_PROMPTS.has(id);
}
