import type { ClinicInfoKind } from '../knowledge/schema.js';
import type { Clinic, ClinicDirectory } from './clinics.js';
import { clinicForPlaceInQuestion, findClinicMention } from './findClinic.js';
import { displayPhone, groupContact } from './groupContact.js';
import { openStatusSentence, weeklyHoursLines } from './hours.js';

export interface ClinicFactsContext {
  /** What the visitor asked, to find a clinic or a place named in it. */
  text: string;
  /** The clinic the visitor last named in this conversation. */
  lastClinicId?: string | undefined;
  now: Date;
}

export interface ClinicFacts {
  text: string;
  /** The clinic the facts are about, when the visitor named one. */
  clinicId?: string;
}

/**
 * Live facts from the clinics file shown under a knowledge-base answer: where the clinics are
 * (nearest first when a place was named), whether they are open now and their hours, and how to
 * reach a person. Truthful for the clinic asked about, at this moment, in its own time zone.
 */
export function clinicFacts(kind: ClinicInfoKind, directory: ClinicDirectory, context: ClinicFactsContext): ClinicFacts {
  const named = findClinicMention(context.text, directory);
  switch (kind) {
    case 'hours':
      return hoursFacts(directory, named ?? byId(directory, context.lastClinicId), context.now);
    case 'locations':
      return locationFacts(directory, context.text);
    case 'contact':
    case 'insurance':
      return contactFacts(directory, named ?? byId(directory, context.lastClinicId), context.now);
  }
}

function hoursFacts(directory: ClinicDirectory, clinic: Clinic | undefined, now: Date): ClinicFacts {
  if (clinic) {
    const lines = [openStatusSentence(clinic, now), '', `**${clinic.name}** hours:`, ...weeklyHoursLines(clinic).map((line) => `- ${line}`)];
    return { text: lines.join('\n'), clinicId: clinic.id };
  }
  const lines = directory.clinics.map((c) => `- ${openStatusSentence(c, now)}`);
  return { text: ['Right now:', ...lines, '', 'Ask about one clinic (for example "Bowie hours") for its full week.'].join('\n') };
}

function locationFacts(directory: ClinicDirectory, text: string): ClinicFacts {
  const match = clinicForPlaceInQuestion(text, directory);
  const lines: string[] = [];
  if (match?.how === 'nearest' && match.place) {
    lines.push(`The nearest to ${match.place} is **${match.clinic.name}**, about ${Math.round(match.miles ?? 0)} miles away.`, '');
  }
  lines.push(...directory.clinics.map((clinic) => `- **${clinic.name}**: ${whereIs(clinic)}, ${displayPhone(clinic.phone)}`));
  return match ? { text: lines.join('\n'), clinicId: match.clinic.id } : { text: lines.join('\n') };
}

function contactFacts(directory: ClinicDirectory, clinic: Clinic | undefined, now: Date): ClinicFacts {
  if (clinic) {
    return { text: `Call **${clinic.name}** at ${displayPhone(clinic.phone)}. ${openStatusSentence(clinic, now)}`, clinicId: clinic.id };
  }
  const group = groupContact(directory);
  const lines = [`Call ${group.name} at ${group.phone}, or a clinic directly:`, ...directory.clinics.map((c) => `- ${c.town}: ${displayPhone(c.phone)}`)];
  return { text: lines.join('\n') };
}

/** The street address, or just the town while the address in the file is still a placeholder. */
function whereIs(clinic: Clinic): string {
  return clinic.placeholders.includes('address') ? clinic.town : clinic.address;
}

function byId(directory: ClinicDirectory, id: string | undefined): Clinic | undefined {
  return id ? directory.byId(id) : undefined;
}
