import { isReference, type AppointmentRequest, type ClinicContact, type RedFlag } from '../appointmentRequest.js';
import { mailbox, parseEmailAddress, type Mailbox } from './addresses.js';
import { formatInZone, htmlPage, messageIdFor, REFERENCE_HEADER, type ComposedEmail } from './email.js';
import { escapeHtml, escapeHtmlLines, multiLine, singleLine } from './text.js';

/**
 * The email that tells a clinic's staff about a new appointment request. Pure: the same request
 * and clinic always give the same message, so every resend is identical.
 */

export const URGENT_SUBJECT_TAG = '[URGENT: see flags]';

/**
 * What the patient was told when they reported a red flag, repeated to staff in plain words.
 * Keep in step with the advice the screening step gives.
 */
export const RED_FLAG_ADVICE: Record<RedFlag['level'], string> = {
  emergency: 'to call 911 or go to the nearest emergency department now.',
  urgent: 'to get medical care today (urgent care or their own doctor) rather than wait for a physical therapy visit.',
};

/** Recipient: only ever the clinic's configured staff inbox. */
export function staffRecipient(clinic: ClinicContact): Mailbox {
  const to = mailbox(clinic.name, clinic.staffEmail);
  if (to === undefined) throw new Error(`clinic ${clinic.id} has no valid staffEmail`);
  return to;
}

export function staffSubject(request: AppointmentRequest, clinic: ClinicContact): string {
  const subject = `Appointment request ${request.reference} — ${singleLine(clinic.name, 100)}`;
  // First, so it shows even where a phone cuts long subjects short. No symptoms in the subject.
  return request.redFlags.length > 0 ? `${URGENT_SUBJECT_TAG} ${subject}` : subject;
}

export function composeStaffEmail(request: AppointmentRequest, clinic: ClinicContact): ComposedEmail {
  if (!isReference(request.reference)) throw new Error('request has an invalid reference');
  const body = staffNotificationBody(request, clinic);
  return {
    messageId: messageIdFor(request.reference, 'staff'),
    to: staffRecipient(clinic),
    replyTo: patientReplyTo(request),
    subject: staffSubject(request, clinic),
    text: body.text,
    html: htmlPage(escapeHtml(staffSubject(request, clinic)), body.html),
    headers: { [REFERENCE_HEADER]: request.reference },
  };
}

/** The patient as Reply-To, when they gave exactly one valid address. */
export function patientReplyTo(request: AppointmentRequest): Mailbox | undefined {
  return mailbox(request.patient.name, request.patient.email ?? '');
}

/** One labelled value of the notification; `multiline` values keep their line breaks. */
interface Field {
  label: string;
  value: string;
  multiline?: boolean;
}

/**
 * The notification's content as text and as an HTML fragment. The alert sent when delivery fails
 * reuses it, so a person reading the alert has everything the staff would have had.
 */
export function staffNotificationBody(request: AppointmentRequest, clinic: ClinicContact): { text: string; html: string } {
  const clinicName = singleLine(clinic.name, 100);
  const heading = `Appointment request ${request.reference} for ${clinicName}`;
  const fields = patientFields(request);
  const screening = request.screening.map((item) => ({ question: singleLine(item.question), answer: item.answer }));
  const closing: Field[] = [
    { label: 'Received', value: formatInZone(request.receivedAt, clinic.timeZone) },
    { label: 'Reference', value: request.reference },
  ];
  if (request.channel !== undefined) closing.push({ label: 'Came in through', value: singleLine(request.channel, 50) });
  const consent = 'The patient consented to be contacted by the clinic about this request.';
  const duplicateNote = `If this email reaches you twice, it is the same request (same reference ${request.reference}).`;

  const text = [
    ...redFlagText(request.redFlags),
    heading,
    '',
    ...fields.map(fieldText),
    '',
    'Screening answers:',
    ...(screening.length === 0 ? ['  (none asked)'] : screening.map((s) => `  - ${s.question} ${s.answer.toUpperCase()}`)),
    '',
    ...closing.map(fieldText),
    '',
    consent,
    '',
    duplicateNote,
  ].join('\n');

  const html = [
    ...redFlagHtml(request.redFlags),
    `<h2 style="font-size: 18px;">${escapeHtml(heading)}</h2>`,
    fieldTable(fields),
    '<h3 style="font-size: 16px;">Screening answers</h3>',
    screening.length === 0
      ? '<p>(none asked)</p>'
      : `<ul>\n${screening.map((s) => `<li>${escapeHtml(s.question)} <strong>${s.answer.toUpperCase()}</strong></li>`).join('\n')}\n</ul>`,
    fieldTable(closing),
    `<p>${escapeHtml(consent)}</p>`,
    `<p style="color: #555; font-size: 13px;">${escapeHtml(duplicateNote)}</p>`,
  ].join('\n');

  return { text, html };
}

function patientFields(request: AppointmentRequest): Field[] {
  const { patient } = request;
  return [
    { label: 'Name', value: singleLine(patient.name, 200) },
    { label: 'Phone', value: singleLine(patient.phone, 50) },
    { label: 'Email', value: emailShown(patient.email) },
    { label: 'Preferred times', value: multiLine(request.preferredTimes, 2000), multiline: true },
    { label: 'Reason', value: request.reason === undefined || request.reason.trim() === '' ? 'not given' : multiLine(request.reason), multiline: true },
  ];
}

function emailShown(email: string | undefined): string {
  if (email === undefined || email.trim() === '') return 'not given';
  const address = parseEmailAddress(email);
  if (address !== undefined) return address;
  return `${singleLine(email, 320)} (not a valid email address, so no reply-to and no confirmation was sent)`;
}

function fieldText(field: Field): string {
  if (field.multiline === true && field.value.includes('\n')) {
    return `${field.label}:\n${field.value.split('\n').map((line) => `  ${line}`).join('\n')}`;
  }
  return `${field.label}: ${field.value}`;
}

function fieldTable(fields: Field[]): string {
  const rows = fields.map(
    (field) =>
      `<tr><th align="left" valign="top" style="padding: 2px 12px 2px 0;">${escapeHtml(field.label)}</th>` +
      `<td style="padding: 2px 0;">${field.multiline === true ? escapeHtmlLines(field.value) : escapeHtml(field.value)}</td></tr>`,
  );
  return `<table role="presentation" cellspacing="0" cellpadding="0">\n${rows.join('\n')}\n</table>`;
}

function levelsIn(flags: RedFlag[]): Array<RedFlag['level']> {
  return (['emergency', 'urgent'] as const).filter((level) => flags.some((flag) => flag.level === level));
}

function redFlagText(flags: RedFlag[]): string[] {
  if (flags.length === 0) return [];
  return [
    'RED FLAGS: the patient reported symptoms that need medical attention. Please call them promptly.',
    ...flags.map((flag) => `  - ${flag.level.toUpperCase()}: ${singleLine(flag.label, 200)}`),
    ...levelsIn(flags).map((level) => `The bot told the patient (${level}): ${RED_FLAG_ADVICE[level]}`),
    '',
    '',
  ];
}

function redFlagHtml(flags: RedFlag[]): string[] {
  if (flags.length === 0) return [];
  return [
    '<div style="border: 2px solid #b00020; padding: 8px 12px; margin-bottom: 16px;">',
    '<p><strong style="color: #b00020;">RED FLAGS:</strong> the patient reported symptoms that need medical attention. Please call them promptly.</p>',
    `<ul>\n${flags.map((flag) => `<li><strong>${flag.level.toUpperCase()}:</strong> ${escapeHtml(singleLine(flag.label, 200))}</li>`).join('\n')}\n</ul>`,
    ...levelsIn(flags).map((level) => `<p>The bot told the patient (${level}): ${escapeHtml(RED_FLAG_ADVICE[level])}</p>`),
    '</div>',
  ];
}
