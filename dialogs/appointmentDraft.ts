import type { AppointmentRequest } from '../scheduling/appointmentRequest.js';
import type { ClinicDirectory } from '../scheduling/clinics.js';
import { cleanFreeText } from '../scheduling/contact.js';
import { findClinicMention } from '../scheduling/findClinic.js';
import { extractTimePreference } from '../scheduling/preferredTimes.js';
import { redFlag } from '../screening/redFlags.js';

/**
 * What the visitor has told us so far in an appointment request. A field that is present is not
 * asked again; "change" removes it so it is asked once more. `null` means the visitor chose to
 * leave an optional field out.
 */
export interface AppointmentDraft {
  clinicId?: string;
  name?: string;
  phone?: string;
  email?: string | null;
  preferredTimes?: string;
  reason?: string | null;
  screening?: Array<{ question: string; answer: 'yes' | 'no' }>;
  consent?: boolean;
}


/** What the first message already said ("appointment in Bowie next week") is not asked again. */
export function draftFromFirstMessage(text: string, clinics: ClinicDirectory): AppointmentDraft {
  const draft: AppointmentDraft = {};
  const clinic = findClinicMention(text, clinics);
  if (clinic) draft.clinicId = clinic.id;
  const when = extractTimePreference(text);
  if (when) draft.preferredTimes = when;
  return draft;
}

/** The request handed to delivery, once the visitor has confirmed the draft. */
export function requestFromDraft(
  draft: AppointmentDraft,
  extras: { reference: string; receivedAt: Date; redFlagIds: string[]; channel: string },
): AppointmentRequest {
  if (!draft.clinicId || !draft.name || !draft.phone || !draft.preferredTimes || draft.consent !== true) {
    throw new Error('The appointment request is not complete');
  }
  return {
    reference: extras.reference,
    clinicId: draft.clinicId,
    receivedAt: extras.receivedAt.toISOString(),
    patient: { name: draft.name, phone: draft.phone, ...(draft.email ? { email: draft.email } : {}) },
    preferredTimes: cleanFreeText(draft.preferredTimes, 300),
    ...(draft.reason ? { reason: cleanFreeText(draft.reason, 500) } : {}),
    screening: draft.screening ?? [],
    redFlags: extras.redFlagIds.map((id) => {
      const flag = redFlag(id);
      return { id: flag.id, label: flag.label, level: flag.level };
    }),
    consentToContact: true,
    channel: extras.channel,
  };
}
