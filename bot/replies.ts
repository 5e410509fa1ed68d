import { ActionTypes, CardFactory, MessageFactory, type Activity, type Attachment, type CardAction } from 'botbuilder';
import type { KnowledgeBase } from '../knowledge/load.js';
import type { Responses } from '../knowledge/responses.js';
import type { Source, Topic } from '../knowledge/schema.js';

/**
 * Turns plain content (a topic, a list of choices, a line of text) into Bot Framework message
 * activities. Nothing here decides what to say; it only decides how it looks.
 */

export const MAX_SUGGESTED_ACTIONS = 5;

/** A message whose buttons send their own label back as the visitor's reply (imBack). */
export function textWithButtons(text: string, buttons: readonly string[] = []): Partial<Activity> {
  const activity = MessageFactory.text(text);
  if (buttons.length > 0) activity.suggestedActions = { to: [], actions: buttons.slice(0, MAX_SUGGESTED_ACTIONS).map(imBack) };
  return activity;
}

export interface AnswerParts {
  topic: Topic;
  /** Live facts from the clinics file shown under the answer (hours, locations, phone numbers). */
  clinicFacts?: string;
  /** One line added above the answer, e.g. a safety reminder. */
  preface?: string;
  /** Extra buttons after the related topics (e.g. "Request an appointment"). */
  extraButtons?: readonly string[];
}

/** A knowledge-base answer: the text, live clinic facts, its sources, an exercise card, and next steps. */
export function answerActivity(parts: AnswerParts, kb: KnowledgeBase, responses: Responses, publicUrl: string): Partial<Activity> {
  const { topic } = parts;
  const text = [parts.preface, topic.answer.trim(), parts.clinicFacts, sourcesLine(topic, kb, responses)]
    .filter((part): part is string => Boolean(part && part.trim()))
    .join('\n\n');
  const buttons = [
    ...(topic.more ? [responses.tellMeMore] : []),
    ...relatedTitles(topic, kb),
    ...(parts.extraButtons ?? []),
  ];
  const activity = textWithButtons(text, dedupe(buttons));
  if (topic.exercise) activity.attachments = [exerciseCard(topic, publicUrl)];
  return activity;
}

/** The "Tell me more" follow-up of a topic. */
export function moreActivity(topic: Topic, kb: KnowledgeBase, responses: Responses): Partial<Activity> {
  const text = [topic.more?.trim() ?? '', sourcesLine(topic, kb, responses)].filter(Boolean).join('\n\n');
  return textWithButtons(text, relatedTitles(topic, kb));
}

export function sourcesLine(topic: Topic, kb: KnowledgeBase, responses: Responses): string {
  const names = topic.sources
    .map((id) => kb.sourcesById.get(id))
    .filter((source): source is Source => source !== undefined)
    .map((source) => (source.url ? `[${source.short}](${source.url})` : source.short));
  return `_${responses.sourcesLabel}: ${names.join('; ')}_`;
}

export function relatedTitles(topic: Topic, kb: KnowledgeBase): string[] {
  return topic.related.map((id) => kb.topicsById.get(id)?.title).filter((t): t is string => Boolean(t));
}

/** An exercise as an Adaptive Card: the picture we drew, numbered steps, and the safety note. */
export function exerciseCard(topic: Topic, publicUrl: string): Attachment {
  const exercise = topic.exercise;
  if (!exercise) throw new Error(`Topic ${topic.id} has no exercise`);
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.3',
    body: [
      { type: 'TextBlock', text: topic.title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'Image', url: `${publicUrl}/illustrations/${exercise.illustration}`, altText: exercise.illustrationAlt, size: 'Stretch' },
      // One block, so the card's markdown renders a single numbered list (one block per step restarts at 1).
      { type: 'TextBlock', text: exercise.steps.map((step, i) => `${i + 1}. ${step}`).join('\n'), wrap: true },
      { type: 'TextBlock', text: exercise.safety, wrap: true, color: 'Attention', spacing: 'Medium' },
    ],
  });
}

function imBack(label: string): CardAction {
  return { type: ActionTypes.ImBack, title: label, value: label };
}

function dedupe(labels: string[]): string[] {
  return [...new Set(labels)];
}
