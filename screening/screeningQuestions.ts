import { z } from 'zod';
import { projectPath } from '../config/paths.js';
import { createNormalizer } from './normalize.js';
import { RULES, compareBySeriousness, isRedFlagId, redFlag, type RedFlagLevel } from './redFlags.js';
import { readYamlFile, ScreeningDataError } from './yamlFile.js';

/**
 * The core screening questions asked before an appointment request is sent (closed yes/no
 * buttons), from screening-questions.yaml.
 */

export const DEFAULT_QUESTIONS_FILE = projectPath('screening', 'screening-questions.yaml');

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens');
const text = z.string().trim().min(1, 'must not be empty');

const optionSchema = z.strictObject({
  id,
  /** Button text. */
  text: text.max(80, 'must fit on a button (80 characters at most)'),
  flags: z.array(id).min(1),
  /** Patterns (whole words, lowercase) that pick this option from a typed reply. */
  keywords: z.array(z.string().min(1)).default([]),
});

const questionSchema = z.strictObject({
  id,
  text,
  why: text,
  yesFlags: z.array(id),
  /** Plain words for the staff email: what a "yes" to this question means. */
  summary: text,
  followUp: z.strictObject({ text, options: z.array(optionSchema).min(2) }).optional(),
});

export const questionsFileSchema = z.strictObject({ why: text, questions: z.array(questionSchema).min(1) });

export interface ScreeningOption {
  readonly id: string;
  readonly text: string;
  readonly flags: readonly string[];
  /** The most serious level among the option's flags. */
  readonly level: RedFlagLevel;
}

export interface ScreeningQuestion {
  readonly id: string;
  readonly text: string;
  /** One sentence on why the bot asks. */
  readonly why: string;
  /** Flags a "yes" raises; empty when the follow-up decides. */
  readonly yesFlags: readonly string[];
  /** The most serious level among yesFlags (undefined when the follow-up decides). */
  readonly yesLevel?: RedFlagLevel;
  readonly summary: string;
  readonly followUp?: { readonly text: string; readonly options: readonly ScreeningOption[] };
}

export interface ScreeningQuestions {
  readonly why: string;
  readonly questions: readonly ScreeningQuestion[];
  /** Option ids picked by a reply to a question's follow-up (button text, id or words in it). */
  optionsChosen(question: ScreeningQuestion, replyText: string): string[];
}

export function loadScreeningQuestions(file: string = DEFAULT_QUESTIONS_FILE): ScreeningQuestions {
  const data = readYamlFile(file, questionsFileSchema);
  const fail = (where: string, message: string): never => {
    throw new ScreeningDataError(`${file}: ${where}: ${message}`);
  };
  const seen = new Set<string>();
  const keywordPatterns = new Map<string, RegExp[]>();
  const questions = data.questions.map((question): ScreeningQuestion => {
    const at = `question ${question.id}`;
    if (seen.has(question.id)) fail(at, 'this id is used twice');
    seen.add(question.id);
    for (const flag of question.yesFlags) if (!isRedFlagId(flag)) fail(at, `"${flag}" is not a red flag id`);
    if (question.yesFlags.length === 0 && !question.followUp) fail(at, 'a question without yesFlags needs a followUp that tells which flag applies');
    const options = question.followUp?.options.map((option): ScreeningOption => {
      for (const flag of option.flags) if (!isRedFlagId(flag)) fail(`${at} option ${option.id}`, `"${flag}" is not a red flag id`);
      keywordPatterns.set(
        `${question.id}/${option.id}`,
        option.keywords.map((keyword, index) => {
          try {
            return new RegExp(`(?<![a-z0-9])(?:${keyword})`);
          } catch (error) {
            return fail(`${at} option ${option.id} keyword ${index + 1}`, `not a valid pattern (${(error as Error).message})`);
          }
        }),
      );
      return { id: option.id, text: option.text, flags: option.flags, level: mostSerious(option.flags) };
    });
    return {
      id: question.id,
      text: question.text,
      why: question.why,
      yesFlags: question.yesFlags,
      ...(question.yesFlags.length > 0 ? { yesLevel: mostSerious(question.yesFlags) } : {}),
      summary: question.summary,
      ...(question.followUp && options ? { followUp: { text: question.followUp.text, options } } : {}),
    };
  });

  const normalize = createNormalizer(RULES);
  return {
    why: data.why,
    questions,
    optionsChosen(question, replyText) {
      const reply = normalize(replyText);
      const options = question.followUp?.options ?? [];
      return options
        .filter((option) => {
          if (reply === option.id || reply === normalize(option.text)) return true;
          return (keywordPatterns.get(`${question.id}/${option.id}`) ?? []).some((pattern) => pattern.test(reply));
        })
        .map((option) => option.id);
    },
  };
}

function mostSerious(flags: readonly string[]): RedFlagLevel {
  const first = [...flags].sort(compareBySeriousness)[0];
  return first === undefined ? 'urgent' : redFlag(first).level;
}

const SHIPPED = loadScreeningQuestions();

export const SCREENING_QUESTIONS: readonly ScreeningQuestion[] = SHIPPED.questions;
/** Said once before the questions: why the bot asks them. */
export const SCREENING_WHY: string = SHIPPED.why;

/** Option ids picked by a reply to a question's follow-up ("fever", "I was in a crash", a button's text). */
export function screeningOptionsChosen(question: ScreeningQuestion, replyText: string): string[] {
  return SHIPPED.optionsChosen(question, replyText);
}
