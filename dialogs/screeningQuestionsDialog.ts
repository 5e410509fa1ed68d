import { ComponentDialog, DialogTurnStatus, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotStateAccessors } from '../bot/conversationData.js';
import type { SafetyNet } from '../bot/safetyNet.js';
import type { Responses } from '../knowledge/responses.js';
import { parseYesNo } from '../routing/yesNo.js';
import { redFlag } from '../screening/redFlags.js';
import { SCREENING_QUESTIONS, SCREENING_WHY, screeningOptionsChosen, type ScreeningQuestion } from '../screening/screeningQuestions.js';
import { promptActivity } from './promptActivity.js';

export const SCREENING_QUESTIONS_DIALOG_ID = 'screening-questions';
const LOOP = 'screening-loop';
const YES_NO_PROMPT = 'screening-yes-no';
const WHICH_PROMPT = 'screening-which';

export type ScreeningAnswers = Array<{ question: string; answer: 'yes' | 'no' }>;

/** Where the loop is: which question, and the answers so far. */
interface LoopState {
  index: number;
  answers: ScreeningAnswers;
}

export interface ScreeningQuestionsDeps {
  responses: Responses;
  safety: SafetyNet;
  state: BotStateAccessors;
}

/**
 * The core red-flag questions asked before an appointment request is sent, as closed yes/no
 * buttons, one at a time, after saying why we ask. A "yes" to an emergency sign stops the request
 * (the safety net cancels every dialog); a "yes" to an urgent one gives the advice and goes on.
 * Ends with the questions and answers, for the staff email.
 */
export class ScreeningQuestionsDialog extends ComponentDialog {
  constructor(private readonly deps: ScreeningQuestionsDeps) {
    super(SCREENING_QUESTIONS_DIALOG_ID);
    const yesNo = [deps.responses.appointment.screeningYes, deps.responses.appointment.screeningNo];
    this.addDialog(
      new TextPrompt(YES_NO_PROMPT, async (prompt) => {
        if (parseYesNo(prompt.recognized.value ?? '') !== undefined) return true;
        const question = questionAt((prompt.options.validations as LoopState).index);
        prompt.options.retryPrompt = promptActivity(`Please answer yes or no. ${question.text}`, `screening:${question.id}`, yesNo);
        return false;
      }),
    );
    this.addDialog(
      new TextPrompt(WHICH_PROMPT, async (prompt) => {
        const question = questionAt((prompt.options.validations as LoopState).index);
        return screeningOptionsChosen(question, prompt.recognized.value ?? '').length > 0;
      }),
    );
    this.addDialog(new WaterfallDialog<LoopState>(LOOP, [this.ask.bind(this), this.answered.bind(this), this.chosen.bind(this)]));
    this.initialDialogId = LOOP;
  }

  private async ask(step: WaterfallStepContext<LoopState>): Promise<DialogTurnResult> {
    step.options.index ??= 0;
    step.options.answers ??= [];
    const { index } = step.options;
    if (index >= SCREENING_QUESTIONS.length) return step.endDialog(step.options.answers);
    const question = questionAt(index);
    const { appointment } = this.deps.responses;
    const text = index === 0 ? `${SCREENING_WHY}\n\n${question.text}` : question.text;
    return step.prompt(YES_NO_PROMPT, {
      prompt: promptActivity(text, `screening:${question.id}`, [appointment.screeningYes, appointment.screeningNo]),
      validations: step.options,
    });
  }

  private async answered(step: WaterfallStepContext<LoopState>): Promise<DialogTurnResult> {
    const question = questionAt(step.options.index);
    const answer = parseYesNo(String(step.result)) ?? 'no';
    step.options.answers.push({ question: question.summary, answer });
    if (answer === 'no') return this.next(step);
    if (question.followUp) {
      const choices = question.followUp.options.map((option) => option.text);
      return step.prompt(WHICH_PROMPT, {
        prompt: promptActivity(question.followUp.text, `screening:${question.id}`, choices),
        retryPrompt: promptActivity(question.followUp.text, `screening:${question.id}`, choices),
        validations: step.options,
      });
    }
    return this.raise(step, [...question.yesFlags]);
  }

  private async chosen(step: WaterfallStepContext<LoopState>): Promise<DialogTurnResult> {
    const question = questionAt(step.options.index);
    const chosen = screeningOptionsChosen(question, String(step.result));
    const flags = question.followUp?.options.filter((option) => chosen.includes(option.id)).flatMap((option) => [...option.flags]) ?? [];
    return this.raise(step, flags);
  }

  /** Tells the visitor what to do for the flags a "yes" raised; an emergency ends the request. */
  private async raise(step: WaterfallStepContext<LoopState>, flags: string[]): Promise<DialogTurnResult> {
    if (flags.length === 0) return this.next(step);
    const level = flags.some((id) => redFlag(id).level === 'emergency') ? 'emergency' : 'urgent';
    const data = await this.deps.state.data.get(step.context, {});
    const outcome = await this.deps.safety.raise(step, data, level, flags, 'screening-question');
    if (outcome === 'stop') return { status: DialogTurnStatus.cancelled };
    return this.next(step);
  }

  private next(step: WaterfallStepContext<LoopState>): Promise<DialogTurnResult> {
    return step.replaceDialog(LOOP, { index: step.options.index + 1, answers: step.options.answers } satisfies LoopState);
  }
}

function questionAt(index: number): ScreeningQuestion {
  const question = SCREENING_QUESTIONS[index];
  if (!question) throw new Error(`No screening question ${index}`);
  return question;
}
