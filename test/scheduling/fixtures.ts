import { clinicDirectory, DEFAULT_CLINICS_FILE, loadClinics, parseClinicsData, WEEKDAYS, type Clinic, type ClinicDirectory, type Weekday } from '../../scheduling/clinics.js';

/** The clinics file the project ships. */
export function shippedClinics(): ClinicDirectory {
  return loadClinics(DEFAULT_CLINICS_FILE);
}

export function shippedClinic(id: string): Clinic {
  const clinic = shippedClinics().byId(id);
  if (!clinic) throw new Error(`shipped clinics file has no clinic "${id}"`);
  return clinic;
}

const CLOSED_ALL_WEEK = Object.fromEntries(WEEKDAYS.map((day) => [day, [] as string[]])) as Record<Weekday, string[]>;

/** A valid clinic (checked by the real schema) with the given hours and holidays. */
export function testClinic(options: { hours: Partial<Record<Weekday, string[]>>; closed?: string[]; timeZone?: string }): Clinic {
  const { clinics } = parseClinicsData({
    clinics: [
      {
        id: 'test-clinic',
        name: 'Test Clinic',
        town: 'Severna Park',
        address: 'Test address',
        phone: '+1-410-555-0101',
        staffEmail: 'test@clinic.example',
        timeZone: options.timeZone ?? 'America/New_York',
        hours: { ...CLOSED_ALL_WEEK, ...options.hours },
        closed: options.closed ?? [],
        lat: 39.07,
        lon: -76.55,
      },
    ],
  });
  const [clinic] = clinics;
  if (!clinic) throw new Error('test clinic did not parse');
  return clinic;
}

export function directoryOf(...clinics: Clinic[]): ClinicDirectory {
  return clinicDirectory({ clinics });
}
