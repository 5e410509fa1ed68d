import type { TurnContext } from 'botbuilder';
import type { InsightsStore } from '../insights/insightsStore.js';
import { reportedTopicId, type KnowledgeBase } from '../knowledge/load.js';
import { fill, type Responses } from '../knowledge/responses.js';
import type { KnowledgeIndex } from '../knowledge/retrieval.js';
import type { Route } from '../routing/router.js';
import { clinicFacts } from '../scheduling/clinicFacts.js';
import type { ClinicDirectory } from '../scheduling/clinics.js';
import { groupContact } from '../scheduling/groupContact.js';
import { SAFETY_REMINDER } from '../screening/guidance.js';
import { setTurnChannelData } from './channelData.js';
import type { ConversationData } from './conversationData.js';
import { answerActivity, moreActivity, textWithButtons } from './replies.js';
import { noteTurn } from './turnSummary.js';

export interface ResponderDeps {
  kb: KnowledgeBase;
  index: KnowledgeIndex;
  responses: Responses;
  clinics: ClinicDirectory;
  insights: InsightsStore;
  publicUrl: string;
  now: () => Date;
  onInsightsError: (error: Error) => void;
}

/** Routes that are answered with a message (everything but booking, which starts a dialog). */
export type AnswerableRoute = Exclude<Route, { kind: 'booking' }>;

/**
 * Answers a routed message: a knowledge-base topic, "Did you mean…?", the honest fallback, the
 * medication refusal, help and small talk. Used by the bot and, for questions asked in the middle
 * of an appointment request, by the dialogs.
 */
export class Responder {
  constructor(private readonly deps: ResponderDeps) {}

  async respond(context: TurnContext, route: AnswerableRoute, text: string, data: ConversationData, options: { safetyReminder?: boolean } = {}): Promise<void> {
    const { responses } = this.deps;
    noteTurn(context, { route: route.kind });
    switch (route.kind) {
      case 'topic':
        return this.answer(context, route.topicId, text, data, options.safetyReminder ? SAFETY_REMINDER : undefined);
      case 'clarify':
        return this.clarify(context, route.topicIds);
      case 'more':
        return this.more(context, data);
      case 'medication':
        await context.sendActivity(textWithButtons(responses.medication, this.welcomeButtons()));
        return;
      case 'command':
        if (route.command === 'help') await context.sendActivity(this.help());
        else await context.sendActivity(textWithButtons(responses.nothingToCancel, this.welcomeButtons()));
        return;
      case 'smalltalk': {
        const lines: Record<typeof route.act, string> = { greeting: responses.greeting, thanks: responses.thanks, goodbye: responses.goodbye, affirm: responses.affirm, deny: responses.affirm };
        const line = lines[route.act];
        await context.sendActivity(route.act === 'goodbye' ? line : textWithButtons(line, this.welcomeButtons()));
        return;
      }
      case 'unknown':
        return this.fallback(context, text);
    }
  }

  async answer(context: TurnContext, topicId: string, text: string, data: ConversationData, preface?: string): Promise<void> {
    const { kb, responses, clinics } = this.deps;
    const topic = kb.topicsById.get(topicId);
    if (!topic) return this.fallback(context, text);
    data.lastTopicId = topic.id;
    const facts = topic.clinicInfo
      ? clinicFacts(topic.clinicInfo, clinics, { text, lastClinicId: data.lastClinicId, now: this.deps.now() })
      : undefined;
    if (facts?.clinicId) data.lastClinicId = facts.clinicId;
    setTurnChannelData(context, { topic: reportedTopicId(kb, topic.id) });
    noteTurn(context, { topic: topic.id });
    const extraButtons = topic.clinicInfo ? [responses.requestAppointment] : [];
    await context.sendActivity(
      answerActivity({ topic, clinicFacts: facts?.text, preface, extraButtons }, kb, responses, this.deps.publicUrl),
    );
    await this.record(() => this.deps.insights.recordTopic(topic.id));
  }

  async clarify(context: TurnContext, topicIds: string[]): Promise<void> {
    const titles = topicIds.map((id) => this.deps.kb.topicsById.get(id)?.title).filter((t): t is string => Boolean(t));
    setTurnChannelData(context, { clarify: [...new Set(topicIds.map((id) => reportedTopicId(this.deps.kb, id)))] });
    await context.sendActivity(textWithButtons(this.deps.responses.clarify, titles));
  }

  async fallback(context: TurnContext, text: string): Promise<void> {
    const { responses, clinics } = this.deps;
    setTurnChannelData(context, { topic: 'unknown' });
    noteTurn(context, { topic: 'unknown' });
    await context.sendActivity(textWithButtons(fill(responses.fallback, { groupPhone: groupContact(clinics).phone }), responses.fallbackActions));
    if (text) await this.record(() => this.deps.insights.recordUnanswered(text));
  }

  help(extra?: string): ReturnType<typeof textWithButtons> {
    const text = fill(this.deps.responses.help, { groupPhone: groupContact(this.deps.clinics).phone });
    return textWithButtons(extra ? `${extra}\n\n${text}` : text, this.welcomeButtons());
  }

  /** After "cancel" ends a dialog: nothing was sent; what next. */
  afterCancel(): ReturnType<typeof textWithButtons> {
    return textWithButtons(this.deps.responses.cancelled, this.welcomeButtons());
  }

  async welcome(context: TurnContext): Promise<void> {
    const text = fill(this.deps.responses.welcome, { groupName: groupContact(this.deps.clinics).name });
    await context.sendActivity(textWithButtons(text, this.welcomeButtons()));
  }

  /** The most asked topics plus booking, as buttons. */
  welcomeButtons(): string[] {
    const { kb, responses } = this.deps;
    const titles = responses.welcomeTopics.map((id) => kb.topicsById.get(id)?.title).filter((t): t is string => Boolean(t));
    return [...titles.slice(0, 4), responses.welcomeBooking];
  }

  private async more(context: TurnContext, data: ConversationData): Promise<void> {
    const { kb, responses } = this.deps;
    const topic = data.lastTopicId ? kb.topicsById.get(data.lastTopicId) : undefined;
    if (!topic) return this.fallback(context, '');
    setTurnChannelData(context, { topic: reportedTopicId(kb, topic.id) });
    noteTurn(context, { topic: topic.id });
    if (topic.more) await context.sendActivity(moreActivity(topic, kb, responses));
    else await context.sendActivity(textWithButtons(fill(responses.noMore, { topicTitle: topic.title }), this.welcomeButtons()));
  }

  private async record(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.deps.onInsightsError(error as Error);
    }
  }
}
