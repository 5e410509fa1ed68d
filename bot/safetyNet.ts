import type { DialogContext } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { hashConversationId } from '../config/logger.js';
import type { InsightsStore, RedFlagAuditRecord } from '../insights/insightsStore.js';
import { fill, type Responses } from '../knowledge/responses.js';
import type { ClinicDirectory } from '../scheduling/clinics.js';
import { groupContact } from '../scheduling/groupContact.js';
import { emergencyMessage, urgentMessage } from '../screening/guidance.js';
import { redFlag } from '../screening/redFlags.js';
import { answerFollowUp, type RedFlagLevel, type ScreeningResult } from '../screening/screener.js';
import { MAX_MESSAGE_TEXT } from '../server/activityGuard.js';
import { setTurnChannelData } from './channelData.js';
import { rememberRedFlags, type ConversationData, type PendingFollowUp } from './conversationData.js';
import { textWithButtons } from './replies.js';
import { noteTurn } from './turnSummary.js';

/**
 * What the rest of the turn should do after the safety net has looked at a message. After the
 * answer to a closed question asked outside any dialog ("no", or "yes" to an urgent flag, whose
 * advice has been given), the message that raised the question is answered now.
 */
export type SafetyOutcome = ContinueOutcome | 'stop' | { readonly answerEarlierMessage: string; readonly after: ContinueOutcome };
type ContinueOutcome = 'continue' | 'continue-after-urgent';

export interface SafetyNetDeps {
  responses: Responses;
  clinics: ClinicDirectory;
  insights: InsightsStore;
  /** Reports a failure to record an audit entry without failing the visitor's turn. */
  onAuditError: (error: Error) => void;
}

/**
 * The bot side of red-flag screening: turns the screener's verdict into what the visitor is told
 * (emergency guidance first and plainly), stops an appointment request on an emergency, asks the
 * one closed follow-up question for an ambiguous mention, and records each flag for audit.
 */
export class SafetyNet {
  constructor(private readonly deps: SafetyNetDeps) {}

  /** Runs on every message, before any dialog or answer. */
  async screen(dc: DialogContext, data: ConversationData, text: string, screening: ScreeningResult): Promise<SafetyOutcome> {
    const pending = data.pendingFollowUp;
    if (pending) {
      delete data.pendingFollowUp;
      if (screening.level === 'none') {
        const answer = answerFollowUp(pending, text);
        if (answer === 'yes') {
          const level = redFlag(pending.flag).level;
          const outcome = await this.raise(dc, data, level, [pending.flag], 'follow-up');
          if (outcome !== 'stop' && dc.activeDialog) await dc.repromptDialog();
          else if (outcome === 'continue-after-urgent' && pending.earlierMessage !== undefined) {
            return { answerEarlierMessage: pending.earlierMessage, after: outcome };
          }
          return 'stop';
        }
        if (answer === 'no') {
          await dc.context.sendActivity(this.deps.responses.followUpNo);
          if (dc.activeDialog) await dc.repromptDialog();
          else if (pending.earlierMessage !== undefined) return { answerEarlierMessage: pending.earlierMessage, after: 'continue' };
          return 'stop';
        }
      }
    }

    if (screening.level !== 'none') return this.raise(dc, data, screening.level, screening.flags, screening.learned ? 'learned-model' : 'message');

    if (screening.followUp) {
      // Outside a dialog the message may have been a question of its own ("which stretch?"): kept to answer after the reply.
      const earlierMessage = dc.activeDialog || text.length > MAX_MESSAGE_TEXT ? undefined : text;
      await this.askFollowUp(dc.context, data, { ...screening.followUp, ...(earlierMessage === undefined ? {} : { earlierMessage }) });
      return 'stop';
    }
    return 'continue';
  }

  /**
   * Tells the visitor what to do for red flags at `level` and records them. An emergency ends any
   * dialog (an appointment request in progress is not sent) and stops the turn.
   */
  async raise(dc: DialogContext, data: ConversationData, level: RedFlagLevel, flags: string[], via: RedFlagAuditRecord['via']): Promise<SafetyOutcome> {
    const { responses } = this.deps;
    const atLevel = level === 'emergency' ? flags : flags.filter((id) => redFlag(id).level === 'urgent');
    const guessed = via === 'learned-model';
    rememberRedFlags(data, flags.map((id) => ({ id, level: redFlag(id).level })));
    setTurnChannelData(dc.context, { redFlag: { level, flags } });
    noteTurn(dc.context, { redFlag: level });
    await this.audit(dc.context, level, flags, via);

    if (level === 'emergency') {
      const hadRequest = dc.activeDialog !== undefined;
      if (hadRequest) await dc.cancelAllDialogs(true);
      const lines = [emergencyMessage(atLevel, { guessed })];
      if (hadRequest) lines.push(responses.emergencyStoppedRequest);
      lines.push(fill(responses.emergencyAfterwards, { groupPhone: groupContact(this.deps.clinics).phone }));
      await dc.context.sendActivity(lines.join('\n\n'));
      return 'stop';
    }
    await dc.context.sendActivity(urgentMessage(atLevel, { guessed }));
    return 'continue-after-urgent';
  }

  private async askFollowUp(context: TurnContext, data: ConversationData, followUp: PendingFollowUp): Promise<void> {
    data.pendingFollowUp = followUp;
    const activity = textWithButtons(followUp.question, [this.deps.responses.followUpYesLabel, this.deps.responses.followUpNoLabel]);
    activity.channelData = { prompt: `screening:${followUp.flag}` };
    noteTurn(context, { route: 'screening-follow-up' });
    await context.sendActivity(activity);
  }

  private async audit(context: TurnContext, level: RedFlagLevel, flags: string[], via: RedFlagAuditRecord['via']): Promise<void> {
    try {
      await this.deps.insights.recordRedFlag({ at: new Date(), conversation: hashConversationId(context.activity.conversation.id), level, flags, via });
    } catch (error) {
      this.deps.onAuditError(error as Error);
    }
  }
}
