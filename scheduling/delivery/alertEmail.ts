import type { Mailbox } from './addresses.js';
import { htmlPage, messageIdFor, REFERENCE_HEADER, type ComposedEmail } from './email.js';
import type { Alert } from './outbox.js';
import { patientReplyTo, staffNotificationBody, URGENT_SUBJECT_TAG } from './staffEmail.js';
import { escapeHtml, escapeHtmlLines, multiLine, singleLine } from './text.js';

/**
 * Alerts to the fallback inbox (an internal address from configuration). A failed request's
 * alert carries the whole staff notification, so whoever reads it can act without the system.
 */
export function composeAlertEmail(alertId: string, alert: Alert, to: Mailbox): ComposedEmail {
  return alert.type === 'dead-letter' ? deadLetterAlert(alert, to) : corruptFileAlert(alertId, alert, to);
}

type DeadLetter = Extract<Alert, { type: 'dead-letter' }>;
type CorruptFile = Extract<Alert, { type: 'corrupt-file' }>;

const WHAT_FAILED: Record<DeadLetter['failedKind'], { message: string; todo: string }> = {
  staff: {
    message: "email to the clinic's staff inbox (the staff notification)",
    todo:
      'Please make sure the clinic gets this request today: forward this email to the clinic or phone them. ' +
      'The patient was told that the request was received.',
  },
  patient: {
    message: 'confirmation email to the patient',
    todo:
      "The clinic's staff notification is sent separately. The patient did not get their confirmation email " +
      '(the address may be mistyped); staff may want to check it when they call.',
  },
};

function deadLetterAlert(alert: DeadLetter, to: Mailbox): ComposedEmail {
  const { request, clinic } = alert;
  const notification = staffNotificationBody(request, clinic);
  const what = WHAT_FAILED[alert.failedKind];
  const clinicName = singleLine(clinic.name, 100);
  const flagged = request.redFlags.length > 0 ? `${URGENT_SUBJECT_TAG} ` : '';
  const subject = `${flagged}Delivery failed: appointment request ${request.reference} — ${clinicName}`;
  const facts = [
    `The ${what.message} for appointment request ${request.reference} could not be delivered and will not be retried.`,
    `What failed: ${singleLine(alert.failure, 600)}`,
    `Clinic: ${clinicName} (staff inbox ${singleLine(clinic.staffEmail, 320)}, phone ${singleLine(clinic.phone, 50)})`,
    `What to do: ${what.todo}`,
  ];
  const divider = '----- The request, as the clinic staff would have received it -----';
  return {
    messageId: messageIdFor(request.reference, `alert-${alert.failedKind}`),
    to,
    replyTo: patientReplyTo(request),
    subject,
    text: [...facts.flatMap((line) => [line, '']), divider, '', notification.text].join('\n'),
    html: htmlPage(
      escapeHtml(subject),
      [
        ...facts.map((line) => `<p>${escapeHtml(line)}</p>`),
        `<hr>\n<p><em>${escapeHtml(divider)}</em></p>`,
        notification.html,
      ].join('\n'),
    ),
    headers: { [REFERENCE_HEADER]: request.reference },
  };
}

function corruptFileAlert(alertId: string, alert: CorruptFile, to: Mailbox): ComposedEmail {
  const reference = /FF-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(alert.fileName)?.[0];
  const subject = `Outbox file could not be read${reference === undefined ? '' : ` (request ${reference})`}`;
  const lines = [
    'A file in the appointment outbox could not be read. It was set aside and will not be delivered by itself.',
    `File: ${singleLine(alert.fileName, 200)}`,
    `Moved to: ${singleLine(alert.movedTo, 500)}`,
    `Problem: ${singleLine(alert.problem, 600)}`,
    'It may hold an appointment request or a confirmation. Its content is attached: please check whether a clinic or patient still needs to be told.',
  ];
  return {
    messageId: messageIdFor(alertId, 'alert'),
    to,
    subject,
    text: lines.join('\n\n'),
    html: htmlPage(escapeHtml(subject), lines.map((line) => `<p>${escapeHtmlLines(line)}</p>`).join('\n')),
    headers: reference === undefined ? {} : { [REFERENCE_HEADER]: reference },
    attachments: [{ filename: 'outbox-file.txt', content: multiLine(alert.content, 200_000) }],
  };
}
