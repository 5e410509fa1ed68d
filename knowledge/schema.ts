import { z } from 'zod';
import { wordsOf } from './textAnalysis.js';

/**
 * The shape of the knowledge base files. Staff edit the YAML; this schema is what start-up and
 * the tests hold them to, so a mistake is reported with the file and field instead of surfacing
 * as a strange answer.
 */

const topicId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens, e.g. "nerve-glides"');

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');

const nonEmptyText = z.string().trim().min(1, 'must not be empty');

export const sourceSchema = z.strictObject({
  id: topicId,
  /** How the source is named under an answer, kept short for phones, e.g. "NICE CKS: Sciatica". */
  short: nonEmptyText.max(50, 'must be short: it is shown under answers on phones (50 characters at most)'),
  /** The full reference, e.g. authors, title, journal, year. */
  citation: nonEmptyText,
  url: z.url().optional(),
});
export type Source = z.infer<typeof sourceSchema>;

export const sourcesFileSchema = z.strictObject({ sources: z.array(sourceSchema).min(1) });

export const exerciseSchema = z.strictObject({
  steps: z.array(nonEmptyText).min(2),
  safety: nonEmptyText,
  /** File name of an SVG in knowledge/illustrations/, served by the bot and shown in a card. */
  illustration: z.string().regex(/^[a-z0-9-]+\.svg$/, 'must be the file name of an .svg in knowledge/illustrations/'),
  /** Short description of the picture for screen readers. */
  illustrationAlt: nonEmptyText,
});
export type Exercise = z.infer<typeof exerciseSchema>;

/** Live facts from the clinics file that the bot adds beneath a topic's answer. */
export const clinicInfoKinds = ['hours', 'locations', 'contact', 'insurance'] as const;
export type ClinicInfoKind = (typeof clinicInfoKinds)[number];

export const topicSchema = z.strictObject({
  id: topicId,
  /** Shown on buttons and in "Did you mean…?": a short question in the visitor's words. */
  title: nonEmptyText.max(60, 'must fit on a button (60 characters at most)'),
  answer: nonEmptyText,
  /** Optional longer material behind a "Tell me more" button. */
  more: nonEmptyText.optional(),
  sources: z.array(topicId).min(1, 'every answer names at least one source'),
  /** Other ways people ask this; the retrieval index learns from them. */
  questions: z.array(nonEmptyText).min(5, 'needs at least 5 alternate questions'),
  related: z.array(topicId).default([]),
  /**
   * The contract topic (../shared/conversation-contract.md) this answer belongs to, for a topic
   * the contract does not list (one of the home exercises belongs to home-exercises): replies
   * report that id in channelData.topic, so the website and outside checks see the contract's ids.
   */
  partOf: topicId.optional(),
  reviewed: isoDate,
  exercise: exerciseSchema.optional(),
  clinicInfo: z.enum(clinicInfoKinds).optional(),
});
export type Topic = z.infer<typeof topicSchema>;

/**
 * A file of knowledge/visitor-questions/: questions visitors asked in their own words, labelled
 * with the topic that answers them (or as off-topic, a medication question, an appointment
 * request). The topic classifier learns from `topics` and `off_topic`; `medication` and
 * `booking` are checked by `npm run eval:faq`.
 */
export const visitorQuestionsFileSchema = z.strictObject({
  topics: z.record(topicId, z.array(nonEmptyText)),
  medication: z.array(nonEmptyText).default([]),
  booking: z.array(z.strictObject({ text: nonEmptyText, clinic: topicId.optional() })).default([]),
  off_topic: z.array(nonEmptyText).default([]),
});
export type VisitorQuestions = z.infer<typeof visitorQuestionsFileSchema>;

/** Answers are read on phones: about 120 words at most; longer material goes in `more`. */
export const MAX_ANSWER_WORDS = 120;

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** A phrase as the matchers compare it: lowercase words separated by single spaces, no punctuation. */
export const wordPhraseSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((text) => wordsOf(text).join(' ') === text, {
    message: 'must be lowercase words separated by single spaces, without punctuation',
  });
