import type { ClinicDirectory } from './clinics.js';
import { parseUsPhone } from './contact.js';

/** How to reach the clinic group as a whole: its name and main phone, as visitors should see them. */
export function groupContact(directory: ClinicDirectory): { name: string; phone: string } {
  const first = directory.clinics[0];
  const name = directory.group?.name ?? first?.name ?? 'our clinic';
  const phone = directory.group?.phone ?? first?.phone ?? '';
  return { name, phone: displayPhone(phone) };
}

/** "+1-410-555-0100" → "(410) 555-0100"; anything unparsable is shown as written. */
export function displayPhone(phone: string): string {
  const parsed = parseUsPhone(phone);
  return parsed.ok ? parsed.value.display : phone;
}
