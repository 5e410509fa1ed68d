import { WaterfallDialog, type DialogTurnResult, type WaterfallStep, type WaterfallStepContext } from 'botbuilder-dialogs';
import { setTurnChannelData } from '../bot/channelData.js';
import type { SafetyNet } from '../bot/safetyNet.js';
import { fill } from '../knowledge/responses.js';
import { isSkip, parseConfirmation, parseFieldChoice, type DraftFieldName } from '../routing/appointmentAnswers.js';
import { parseYesNo } from '../routing/yesNo.js';
import { newReference, type AppointmentRequest } from '../scheduling/appointmentRequest.js';
import type { Clinic, ClinicDirectory } from '../scheduling/clinics.js';
import { cleanFreeText, cleanPersonName, parseEmail, parseUsPhone, type Parsed } from '../scheduling/contact.js';
import { FAR_AWAY_MILES, matchClinic } from '../scheduling/findClinic.js';
import { displayPhone, groupContact } from '../scheduling/groupContact.js';
import { followUpTime } from '../scheduling/hours.js';
import { PREFERRED_TIME_CHOICES } from '../scheduling/preferredTimes.js';
import { draftFromFirstMessage, requestFromDraft, type AppointmentDraft } from './appointmentDraft.js';
import { fieldPrompt, type PromptValues } from './fieldPrompt.js';
import { InterruptibleDialog, type InterruptionServices } from './interruptibleDialog.js';
import { promptActivity } from './promptActivity.js';
import { SCREENING_QUESTIONS_DIALOG_ID, ScreeningQuestionsDialog, type ScreeningAnswers } from './screeningQuestionsDialog.js';

export const APPOINTMENT_DIALOG_ID = 'appointment';
const STEPS = 'appointment-steps';
const CLINIC = 'appointment-clinic';
const NAME = 'appointment-name';
const PHONE = 'appointment-phone';
const EMAIL = 'appointment-email';
const TIMES = 'appointment-times';
const REASON = 'appointment-reason';
const CONSENT = 'appointment-consent';
const CONFIRM = 'appointment-confirm';
const WHICH_FIELD = 'appointment-which-field';

/**
 * The prompts whose answer is a form value (a clinic, a name, a phone number, a time, yes or no)
 * rather than words about symptoms: the screener's learned model does not read those answers
 * ("Peter Wee" is a name), the rules still do. The reason for the visit is free text.
 */
export const FORM_VALUE_PROMPTS: ReadonlySet<string> = new Set([CLINIC, NAME, PHONE, EMAIL, TIMES, CONSENT, CONFIRM, WHICH_FIELD]);

export interface AppointmentDialogOptions {
  /** The message that started the request; what it already says is not asked again. */
  initialText?: string;
  /** Set when the dialog restarts itself after "change something". */
  draft?: AppointmentDraft;
}

export interface AppointmentDialogDeps extends InterruptionServices {
  clinics: ClinicDirectory;
  safety: SafetyNet;
  /** Stores the request durably for delivery; resolves only once it is safe to say it was received. */
  submit: (request: AppointmentRequest, clinic: Clinic, followUp: string) => Promise<void>;
  now: () => Date;
}

const MAX_FREE_TEXT = 300;

/**
 * The appointment request: collects what clinic staff need (clinic, name, phone, optional email,
 * preferred times, optional reason), asks the red-flag screening questions and consent to be
 * contacted, shows a summary to confirm or change, then hands the request to delivery and says
 * when staff will follow up. The rules (parsing, matching, hours) are plain functions; this class
 * only sequences the questions.
 */
export class AppointmentDialog extends InterruptibleDialog {
  constructor(private readonly deps: AppointmentDialogDeps) {
    super(APPOINTMENT_DIALOG_ID, deps);
    const a = deps.responses.appointment;
    const offer = (values: PromptValues) => fill(values.clinicPhone ? a.tooManyTries : a.tooManyTriesNoClinic, values);
    const optional = (parse: (text: string) => Parsed<string>) => (text: string): Parsed<string> => (isSkip(text) ? { ok: true, value: '' } : parse(text));

    this.addDialog(fieldPrompt({ id: CLINIC, prompt: 'clinic', question: () => a.askClinic, buttons: () => this.clinicButtons(), parse: (text) => this.parseClinic(text), offerAfterThreeTries: offer }));
    this.addDialog(fieldPrompt({ id: NAME, prompt: 'name', question: () => a.askName, parse: cleanPersonName, offerAfterThreeTries: offer }));
    this.addDialog(fieldPrompt({ id: PHONE, prompt: 'phone', question: () => a.askPhone, parse: (text) => mapParsed(parseUsPhone(text), (phone) => phone.display), offerAfterThreeTries: offer }));
    this.addDialog(fieldPrompt({ id: EMAIL, prompt: 'email', question: () => a.askEmail, buttons: () => [a.skip], parse: optional(parseEmail), offerAfterThreeTries: offer }));
    this.addDialog(fieldPrompt({ id: TIMES, prompt: 'preferredTimes', question: () => a.askPreferredTimes, buttons: () => PREFERRED_TIME_CHOICES, parse: freeText, offerAfterThreeTries: offer }));
    this.addDialog(fieldPrompt({ id: REASON, prompt: 'reason', question: () => a.askReason, buttons: () => [a.skip], parse: optional(freeText), offerAfterThreeTries: offer }));
    this.addDialog(fieldPrompt({ id: CONSENT, prompt: 'consent', question: (values) => fill(a.askConsent, values), buttons: () => [a.consentYes, a.consentNo], parse: yesNo, offerAfterThreeTries: offer }));
    this.addDialog(fieldPrompt({ id: CONFIRM, prompt: 'confirm', question: () => a.confirmHint, buttons: () => [a.send, a.change, a.cancel], parse: (text) => (parseConfirmation(text) ? { ok: true, value: text } : { ok: false, problem: '' }), offerAfterThreeTries: offer }));
    this.addDialog(fieldPrompt({ id: WHICH_FIELD, prompt: 'confirm', question: () => a.askWhatToChange, buttons: () => this.fieldButtons(), parse: (text) => (parseFieldChoice(text) ? { ok: true, value: text } : { ok: false, problem: '' }), offerAfterThreeTries: offer }));
    this.addDialog(new ScreeningQuestionsDialog(deps));

    const steps: WaterfallStep<AppointmentDialogOptions>[] = [
      this.start.bind(this),
      this.ask('clinicId', (step) => this.promptFor(step, CLINIC, 'clinic', a.askClinic, this.clinicButtons())),
      this.store('clinicId', (step, text) => this.chooseClinic(step, text)),
      this.ask('name', (step) => this.promptFor(step, NAME, 'name', a.askName)),
      this.store('name', (step, text) => void (this.draft(step).name = text)),
      this.ask('phone', (step) => this.promptFor(step, PHONE, 'phone', a.askPhone)),
      this.store('phone', (step, text) => void (this.draft(step).phone = text)),
      this.ask('email', (step) => this.promptFor(step, EMAIL, 'email', a.askEmail, [a.skip])),
      this.store('email', (step, text) => void (this.draft(step).email = text === '' ? null : text)),
      this.ask('preferredTimes', (step) => this.promptFor(step, TIMES, 'preferredTimes', a.askPreferredTimes, PREFERRED_TIME_CHOICES)),
      this.store('preferredTimes', (step, text) => void (this.draft(step).preferredTimes = text)),
      this.ask('reason', (step) => this.promptFor(step, REASON, 'reason', a.askReason, [a.skip])),
      this.store('reason', (step, text) => void (this.draft(step).reason = text === '' ? null : text)),
      this.askScreening.bind(this),
      this.storeScreening.bind(this),
      this.askConsent.bind(this),
      this.storeConsent.bind(this),
      this.confirm.bind(this),
      this.afterConfirm.bind(this),
      this.applyChange.bind(this),
    ];
    this.addDialog(new WaterfallDialog(STEPS, steps));
    this.initialDialogId = STEPS;
  }

  protected helpLine(): string {
    return this.deps.responses.appointment.helpLine;
  }

  private draft(step: WaterfallStepContext<AppointmentDialogOptions>): AppointmentDraft {
    const options = step.options;
    options.draft ??= {};
    return options.draft;
  }

  private async start(step: WaterfallStepContext<AppointmentDialogOptions>): Promise<DialogTurnResult> {
    if (!step.options.draft) {
      step.options.draft = draftFromFirstMessage(step.options.initialText ?? '', this.deps.clinics);
      await step.context.sendActivity(this.deps.responses.appointment.intro);
      const clinic = this.clinic(step);
      if (clinic) await step.context.sendActivity(fill(this.deps.responses.appointment.clinicChosen, { clinicName: clinic.name }));
    }
    return step.next();
  }

  /** Asks for a field unless the draft already has it. */
  private ask(field: keyof AppointmentDraft, prompt: (step: WaterfallStepContext<AppointmentDialogOptions>) => Promise<DialogTurnResult>): WaterfallStep<AppointmentDialogOptions> {
    return async (step) => (this.draft(step)[field] !== undefined ? step.next() : prompt(step));
  }

  /** Stores the answer to the question just asked (nothing when the question was skipped). */
  private store(field: keyof AppointmentDraft, save: (step: WaterfallStepContext<AppointmentDialogOptions>, text: string) => void | Promise<void>): WaterfallStep<AppointmentDialogOptions> {
    return async (step) => {
      if (typeof step.result === 'string' && this.draft(step)[field] === undefined) await save(step, step.result);
      return step.next();
    };
  }

  private async chooseClinic(step: WaterfallStepContext<AppointmentDialogOptions>, text: string): Promise<void> {
    const a = this.deps.responses.appointment;
    const match = matchClinic(text, this.deps.clinics);
    if (!match) return;
    this.draft(step).clinicId = match.clinic.id;
    const values = { clinicName: match.clinic.name, place: match.place ?? text, miles: String(Math.round(match.miles ?? 0)) };
    const line = match.how === 'nearest' ? ((match.miles ?? 0) > FAR_AWAY_MILES ? a.clinicFar : a.clinicNearest) : a.clinicChosen;
    await step.context.sendActivity(fill(line, values));
  }

  private async askScreening(step: WaterfallStepContext<AppointmentDialogOptions>): Promise<DialogTurnResult> {
    if (this.draft(step).screening) return step.next();
    return step.beginDialog(SCREENING_QUESTIONS_DIALOG_ID);
  }

  private async storeScreening(step: WaterfallStepContext<AppointmentDialogOptions>): Promise<DialogTurnResult> {
    if (Array.isArray(step.result)) this.draft(step).screening = step.result as ScreeningAnswers;
    return step.next();
  }

  private async askConsent(step: WaterfallStepContext<AppointmentDialogOptions>): Promise<DialogTurnResult> {
    if (this.draft(step).consent === true) return step.next();
    const a = this.deps.responses.appointment;
    return this.promptFor(step, CONSENT, 'consent', fill(a.askConsent, this.clinicValues(this.clinic(step))), [a.consentYes, a.consentNo]);
  }

  private async storeConsent(step: WaterfallStepContext<AppointmentDialogOptions>): Promise<DialogTurnResult> {
    if (typeof step.result === 'string') {
      if (step.result === 'no') {
        const clinic = this.clinic(step);
        await step.context.sendActivity(fill(this.deps.responses.appointment.consentDeclined, this.clinicValues(clinic)));
        return step.endDialog();
      }
      this.draft(step).consent = true;
    }
    return step.next();
  }

  private async confirm(step: WaterfallStepContext<AppointmentDialogOptions>): Promise<DialogTurnResult> {
    const a = this.deps.responses.appointment;
    const draft = this.draft(step);
    const summary = fill(a.summary, {
      clinicName: this.clinic(step)?.name ?? a.notGiven,
      name: draft.name ?? a.notGiven,
      phone: draft.phone ?? a.notGiven,
      email: draft.email || a.notGiven,
      preferredTimes: draft.preferredTimes ?? a.notGiven,
      reason: draft.reason || a.notGiven,
    });
    return this.promptFor(step, CONFIRM, 'confirm', summary, [a.send, a.change, a.cancel]);
  }

  private async afterConfirm(step: WaterfallStepContext<AppointmentDialogOptions>): Promise<DialogTurnResult> {
    const answer = parseConfirmation(String(step.result));
    if (answer?.action === 'change') {
      if (answer.field) return this.change(step, answer.field);
      const a = this.deps.responses.appointment;
      return this.promptFor(step, WHICH_FIELD, 'confirm', a.askWhatToChange, this.fieldButtons());
    }
    return this.send(step);
  }

  private async applyChange(step: WaterfallStepContext<AppointmentDialogOptions>): Promise<DialogTurnResult> {
    const field = parseFieldChoice(String(step.result));
    return field ? this.change(step, field) : step.replaceDialog(STEPS, { draft: this.draft(step) });
  }

  /** Forgets one answer and runs the questions again: only that one is asked. */
  private change(step: WaterfallStepContext<AppointmentDialogOptions>, field: DraftFieldName): Promise<DialogTurnResult> {
    const draft = { ...this.draft(step) };
    delete draft[field];
    return step.replaceDialog(STEPS, { draft } satisfies AppointmentDialogOptions);
  }

  private async send(step: WaterfallStepContext<AppointmentDialogOptions>): Promise<DialogTurnResult> {
    const a = this.deps.responses.appointment;
    const draft = this.draft(step);
    const clinic = this.clinic(step);
    if (!clinic) return step.replaceDialog(STEPS, { draft: { ...draft, clinicId: undefined } });
    const data = await this.deps.state.data.get(step.context, {});
    const now = this.deps.now();
    const followUp = followUpTime(clinic, now).phrase;
    const request = requestFromDraft(draft, {
      reference: newReference(),
      receivedAt: now,
      redFlagIds: (data.redFlags ?? []).map((flag) => flag.id),
      channel: step.context.activity.channelId,
    });
    try {
      await this.deps.submit(request, clinic, followUp);
    } catch {
      await step.context.sendActivity(fill(a.saveFailed, this.clinicValues(clinic)));
      return step.endDialog();
    }
    setTurnChannelData(step.context, { appointmentRequest: { id: request.reference, clinic: clinic.id, status: 'queued' } });
    const lines = [fill(a.sent, { ...this.clinicValues(clinic), reference: request.reference, followUp })];
    if (request.patient.email) lines.push(a.sentWithEmail);
    if (request.redFlags.length > 0) lines.push(a.urgentReminder);
    await step.context.sendActivity(lines.join('\n\n'));
    return step.endDialog(request.reference);
  }

  private clinic(step: WaterfallStepContext<AppointmentDialogOptions>): Clinic | undefined {
    const id = this.draft(step).clinicId;
    return id ? this.deps.clinics.byId(id) : undefined;
  }

  private clinicValues(clinic: Clinic | undefined): PromptValues {
    const group = groupContact(this.deps.clinics);
    return { clinicName: clinic?.name ?? group.name, clinicPhone: clinic ? displayPhone(clinic.phone) : group.phone, groupPhone: group.phone };
  }

  /** Asks one question, passing the chosen clinic's name and phone for the re-asks' texts. */
  private promptFor(step: WaterfallStepContext<AppointmentDialogOptions>, promptId: string, key: string, text: string, buttons: readonly string[] = []): Promise<DialogTurnResult> {
    const clinic = this.clinic(step);
    const values: PromptValues = clinic ? this.clinicValues(clinic) : { groupPhone: groupContact(this.deps.clinics).phone };
    return step.prompt(promptId, { prompt: promptActivity(text, key, buttons), validations: values });
  }

  private parseClinic(text: string): Parsed<string> {
    return matchClinic(text, this.deps.clinics) ? { ok: true, value: text } : { ok: false, problem: this.deps.responses.appointment.clinicNotFound };
  }

  private clinicButtons(): string[] {
    return this.deps.clinics.clinics.map((clinic) => clinic.town);
  }

  private fieldButtons(): string[] {
    const a = this.deps.responses.appointment;
    return [a.fieldClinic, a.fieldName, a.fieldPhone, a.fieldEmail, a.fieldPreferredTimes, a.fieldReason];
  }
}

function mapParsed<T, U>(parsed: Parsed<T>, map: (value: T) => U): Parsed<U> {
  return parsed.ok ? { ok: true, value: map(parsed.value) } : parsed;
}

function freeText(text: string): Parsed<string> {
  const cleaned = cleanFreeText(text, MAX_FREE_TEXT);
  return cleaned === '' ? { ok: false, problem: 'Please type a few words.' } : { ok: true, value: cleaned };
}

function yesNo(text: string): Parsed<string> {
  const answer = parseYesNo(text);
  return answer ? { ok: true, value: answer } : { ok: false, problem: 'Please answer yes or no.' };
}
