import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { BotStateAccessors } from '../bot/conversationData.js';
import { incomingText } from '../bot/incomingText.js';
import type { Responder } from '../bot/responder.js';
import type { Responses } from '../knowledge/responses.js';
import type { KnowledgeIndex } from '../knowledge/retrieval.js';
import { routeMessage, type Route } from '../routing/router.js';

export interface InterruptionServices {
  index: KnowledgeIndex;
  responder: Responder;
  responses: Responses;
  state: BotStateAccessors;
  /** "start over": forget the conversation and greet again (the bot's own restart). */
  restart: (context: TurnContext) => Promise<void>;
}

/**
 * Base for dialogs that wait for answers: handles, once for all of them, what a visitor may say
 * instead of an answer. "cancel" ends the dialog (nothing is sent), "start over" starts afresh,
 * "help" explains and asks again, and a question ("how long is a session?") is answered before
 * the dialog asks its question again, resuming where it was.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  constructor(id: string, protected readonly services: InterruptionServices) {
    super(id);
  }

  /** One line shown above the general help while this dialog is running. */
  protected abstract helpLine(): string;

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(inner)) ?? super.onContinueDialog(inner);
  }

  private async interrupt(inner: DialogContext): Promise<DialogTurnResult | undefined> {
    const { context } = inner;
    if (context.activity.type !== 'message') return undefined;
    const text = incomingText(context.activity);
    if (text === '') return undefined;
    const route = routeMessage(text, this.services.index);

    if (route.kind === 'command') {
      if (route.command === 'cancel') {
        await context.sendActivity(this.services.responder.afterCancel());
        return inner.cancelAllDialogs(true);
      }
      if (route.command === 'restart') {
        await inner.cancelAllDialogs(true);
        await this.services.restart(context);
        return Dialog.EndOfTurn;
      }
      await context.sendActivity(this.services.responder.help(this.helpLine()));
      await inner.repromptDialog();
      return Dialog.EndOfTurn;
    }

    if (this.isQuestionAside(text, route)) {
      const data = await this.services.state.data.get(context, {});
      await this.services.responder.respond(context, route as Exclude<Route, { kind: 'booking' }>, text, data);
      await inner.repromptDialog();
      return Dialog.EndOfTurn;
    }
    return undefined;
  }

  /**
   * A question asked instead of an answer: a button for a topic, "tell me more", or a question
   * that the knowledge base (or the medication refusal) answers. Anything else is taken as the
   * answer to the dialog's own question.
   */
  private isQuestionAside(text: string, route: Route): boolean {
    if (this.services.index.topicByTitle(text) !== undefined || route.kind === 'more') return true;
    if (route.kind !== 'topic' && route.kind !== 'clarify' && route.kind !== 'medication') return false;
    return looksLikeQuestion(text);
  }
}

const QUESTION_START =
  /^(what|whats|what's|how|why|when|where|which|who|can|could|do|does|did|is|are|was|will|would|should|shall|may|might|any|tell me)\b/i;

export function looksLikeQuestion(text: string): boolean {
  return text.includes('?') || QUESTION_START.test(text.trim());
}
