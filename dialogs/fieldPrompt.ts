import { TextPrompt } from 'botbuilder-dialogs';
import type { Parsed } from '../scheduling/contact.js';
import { promptActivity } from './promptActivity.js';

/** Values a prompt's texts may need (the chosen clinic's name and phone), passed with the prompt. */
export type PromptValues = Readonly<Record<string, string>>;

export interface FieldPromptSpec {
  /** The prompt's dialog id. */
  id: string;
  /** `channelData.prompt` of the question and of every re-ask. */
  prompt: string;
  /** The question, asked again after the problem when an answer is refused. */
  question: (values: PromptValues) => string;
  buttons?: () => readonly string[];
  /** Reads an answer: a clean value, or a short sentence saying what was wrong. */
  parse: (text: string) => Parsed<string>;
  /** Added to the re-ask from the third wrong answer on (e.g. the clinic's phone number). */
  offerAfterThreeTries: (values: PromptValues) => string;
}

/**
 * A text prompt whose answers are checked by a plain parse function. A wrong answer is asked
 * again saying what was wrong; from the third wrong answer the re-ask also offers another way
 * (calling the clinic). The accepted value is the parsed, normalized one. Pass the PromptValues
 * as the prompt options' `validations`.
 */
export function fieldPrompt(spec: FieldPromptSpec): TextPrompt {
  return new TextPrompt(spec.id, async (context) => {
    const parsed = spec.parse(context.recognized.value ?? '');
    if (parsed.ok) {
      context.recognized.value = parsed.value;
      return true;
    }
    const values = (context.options.validations ?? {}) as PromptValues;
    const lines = [parsed.problem, spec.question(values)];
    if (context.attemptCount >= 3) lines.push(spec.offerAfterThreeTries(values));
    context.options.retryPrompt = promptActivity(lines.filter(Boolean).join(' '), spec.prompt, spec.buttons?.() ?? []);
    return false;
  });
}
