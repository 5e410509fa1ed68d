import { z } from 'zod';
import { projectPath } from '../config/paths.js';
import { parseFile } from '../knowledge/load.js';
import { wordPhraseSchema as phrase } from '../knowledge/schema.js';

/**
 * The router's vocabularies (routing/intents.yaml): how commands, "tell me more", small talk,
 * medication questions and appointment requests are recognized. See the file's header for the
 * meaning of `whole`, `phrases`, `patterns` and `unless`.
 */

const pattern = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a valid regular expression' },
);

const wholeMessage = z.strictObject({ whole: z.array(phrase).min(1) });

const topicId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a topic id');

const anywhere = z.strictObject({
  aside: z.array(pattern).default([]),
  phrases: z.array(phrase).default([]),
  patterns: z.array(pattern).default([]),
  unless: z.array(phrase).default([]),
  unlessPatterns: z.array(pattern).default([]),
  /** Topics that answer a question about this intent (see the file's header). */
  answeredBy: z.array(topicId).default([]),
  /** Wording that asks outright for the intent: never left to `answeredBy`. */
  outright: z.array(pattern).default([]),
});

export const smalltalkActs = ['greeting', 'thanks', 'goodbye', 'affirm', 'deny'] as const;
export type SmalltalkAct = (typeof smalltalkActs)[number];

export const intentsFileSchema = z.strictObject({
  fillers: z.array(phrase).default([]),
  commands: z.strictObject({ help: wholeMessage, cancel: wholeMessage, restart: wholeMessage }),
  more: wholeMessage,
  smalltalk: z
    .array(z.strictObject({ act: z.enum(smalltalkActs), whole: z.array(phrase).min(1) }))
    .refine((entries) => new Set(entries.map((entry) => entry.act)).size === entries.length, {
      message: 'lists an act twice',
    }),
  medication: anywhere,
  booking: anywhere.extend({ elsewhere: z.array(phrase).default([]), ours: z.array(phrase).default([]) }),
});

export type IntentsFile = z.infer<typeof intentsFileSchema>;

/**
 * An intent recognized anywhere in a message: a phrase or pattern matches and no `unless` phrase
 * or `unlessPatterns` pattern does. Parts of the message matching an `aside` pattern are left out
 * first ("not pills": what the visitor does not want says nothing about what they ask).
 */
export class PhraseIntent {
  private readonly patterns: RegExp[];
  private readonly exceptionPatterns: RegExp[];
  private readonly asidePatterns: RegExp[];
  /** Topics that may answer the message instead, when it is a question the knowledge base is sure of. */
  readonly answeredBy: ReadonlySet<string>;
  private readonly outrightPatterns: RegExp[];

  constructor(private readonly spec: z.infer<typeof anywhere>) {
    this.patterns = spec.patterns.map((source) => new RegExp(source));
    this.exceptionPatterns = spec.unlessPatterns.map((source) => new RegExp(source));
    this.asidePatterns = spec.aside.map((source) => new RegExp(source, 'g'));
    this.answeredBy = new Set(spec.answeredBy);
    this.outrightPatterns = spec.outright.map((source) => new RegExp(source));
  }

  /** The message asks outright for this intent ("book me", "can you schedule me"). */
  asksOutright(message: string): boolean {
    const kept = this.withoutAsides(message);
    return this.outrightPatterns.some((regex) => regex.test(kept));
  }

  matches(message: string): boolean {
    const kept = this.withoutAsides(message);
    const excepted = containsAny(kept, this.spec.unless) || this.exceptionPatterns.some((regex) => regex.test(kept));
    return !excepted && this.matchesIgnoringExceptions(kept);
  }

  /** A phrase or pattern matches, whatever the `unless` list says. */
  matchesIgnoringExceptions(message: string): boolean {
    const kept = this.withoutAsides(message);
    return containsAny(kept, this.spec.phrases) || this.patterns.some((regex) => regex.test(kept));
  }

  private withoutAsides(message: string): string {
    return this.asidePatterns
      .reduce((text, regex) => text.replace(regex, ' '), message)
      .replace(/ {2,}/g, ' ')
      .trim();
  }
}

/** Whether one of the phrases occurs in the message as whole words. */
export function containsAny(message: string, phrases: readonly string[]): boolean {
  const padded = ` ${message} `;
  return phrases.some((text) => padded.includes(` ${text} `));
}

export const DEFAULT_INTENTS_FILE = projectPath('routing', 'intents.yaml');

export function loadIntents(file: string = DEFAULT_INTENTS_FILE): IntentsFile {
  return parseFile(file, intentsFileSchema);
}
