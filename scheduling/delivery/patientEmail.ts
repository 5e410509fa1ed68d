import { isReference, type AppointmentRequest, type ClinicContact } from '../appointmentRequest.js';
import { mailbox } from './addresses.js';
import { formatInZone, htmlPage, messageIdFor, REFERENCE_HEADER, type ComposedEmail } from './email.js';
import { escapeHtml, singleLine } from './text.js';

/**
 * The confirmation a patient gets when they left an email address. It carries no medical details
 * (no reason, screening answers or red flags): email is not a private channel.
 */

export const EMERGENCY_ADVICE = 'If you have a medical emergency, call 911 or go to the nearest emergency department. Do not wait for our call.';

/**
 * The confirmation, or undefined when the patient gave no usable address (it is then never sent).
 * `followUp` says when staff will call, as the caller worked it out from the clinic's hours,
 * e.g. "tomorrow at 7:00 AM".
 */
export function composePatientConfirmation(
  request: AppointmentRequest,
  clinic: ClinicContact,
  followUp: string,
): ComposedEmail | undefined {
  if (!isReference(request.reference)) throw new Error('request has an invalid reference');
  const to = mailbox(request.patient.name, request.patient.email ?? '');
  if (to === undefined) return undefined;

  const clinicName = singleLine(clinic.name, 100);
  const clinicPhone = singleLine(clinic.phone, 50);
  const when = singleLine(followUp, 100);
  const subject = `We received your appointment request ${request.reference} — ${clinicName}`;
  const greeting = to.name === '' ? 'Hello,' : `Hello ${to.name},`;
  const received = `${clinicName} received your appointment request on ${formatInZone(request.receivedAt, clinic.timeZone)}.`;
  const reference = `Your reference: ${request.reference}`;
  const next = `What happens next: a member of our team will call you ${when} to arrange a time.`;
  const call = `If you need to reach us sooner, call ${clinicPhone}.`;
  const footer = 'This is an automatic message. Please do not send medical details by email; we will talk on the phone.';

  const text = [greeting, '', received, reference, '', next, call, '', EMERGENCY_ADVICE, '', footer].join('\n');
  const html = htmlPage(
    escapeHtml(subject),
    [
      `<p>${escapeHtml(greeting)}</p>`,
      `<p>${escapeHtml(received)}<br>\n<strong>${escapeHtml(reference)}</strong></p>`,
      `<p>${escapeHtml(next)}<br>\n${escapeHtml(call)}</p>`,
      `<p><strong>${escapeHtml(EMERGENCY_ADVICE)}</strong></p>`,
      `<p style="color: #555; font-size: 13px;">${escapeHtml(footer)}</p>`,
    ].join('\n'),
  );

  return {
    messageId: messageIdFor(request.reference, 'patient'),
    to,
    subject,
    text,
    html,
    headers: { [REFERENCE_HEADER]: request.reference },
  };
}
