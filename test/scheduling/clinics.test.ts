import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zipcodes from 'zipcodes';
import { ClinicsFileError, DEFAULT_CLINICS_FILE, loadClinics } from '../../scheduling/clinics.js';
import { nearestClinics } from '../../scheduling/findClinic.js';
import { parseUsPhone } from '../../scheduling/contact.js';
import { directoryOf } from './fixtures.js';

describe('clinics file', () => {
  describe('the shipped file', () => {
    const directory = loadClinics(DEFAULT_CLINICS_FILE);

    it('lists the five Forever Fit locations', () => {
      expect(directory.clinics.map((clinic) => clinic.id)).to.deep.equal(['severna-park', 'frederick', 'crofton', 'bowie', 'gaithersburg']);
      expect(directory.byId('bowie')?.name).to.equal('Forever Fit Bowie');
      expect(directory.byId('nowhere')).to.equal(undefined);
      expect(directory.group?.name).to.equal('Forever Fit Physical Therapy');
    });

    it('places each clinic in its own Maryland town, as the zipcodes data has it', () => {
      for (const clinic of directory.clinics) {
        const townZips = zipcodes.lookupByName(clinic.town, 'MD');
        expect(townZips, clinic.town).to.not.be.empty;
        const closestZipMiles = Math.min(
          ...townZips.map((zip) => nearestClinics(zip.latitude, zip.longitude, directoryOf(clinic))[0]?.miles ?? Infinity),
        );
        expect(closestZipMiles, clinic.town).to.be.below(3);
      }
    });

    it('marks what is made up: fictional 555-01xx phones and clinic.example inboxes', () => {
      for (const clinic of directory.clinics) {
        expect(clinic.placeholders).to.include.members(['address', 'phone', 'staffEmail', 'hours']);
        expect(clinic.address).to.match(/placeholder/i);
        expect(parseUsPhone(clinic.phone).ok, clinic.phone).to.equal(true);
        expect(clinic.phone).to.match(/^\+1-\d{3}-555-01\d\d$/);
        expect(clinic.staffEmail).to.equal(`${clinic.id}@clinic.example`);
        expect(clinic.timeZone).to.equal('America/New_York');
      }
    });

    it('closes on the main US holidays of 2026 and 2027', () => {
      for (const clinic of directory.clinics) {
        expect(clinic.closed).to.include.members(['2026-01-01', '2026-05-25', '2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25']);
        expect(clinic.closed).to.include.members(['2027-01-01', '2027-05-31', '2027-07-05', '2027-09-06', '2027-11-25', '2027-12-24']);
      }
    });
  });

  describe('a bad file stops the start with one line naming clinic and field', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'clinics-test-'));
    });
    after(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    type Json = { clinics: Array<Record<string, unknown> & { hours: Record<string, unknown> }>; [key: string]: unknown };
    const shipped = (): Json => JSON.parse(readFileSync(DEFAULT_CLINICS_FILE, 'utf8')) as Json;

    function loadEdited(edit: (data: Json) => void): string {
      const data = shipped();
      edit(data);
      const file = path.join(dir, 'clinics.json');
      writeFileSync(file, JSON.stringify(data));
      try {
        loadClinics(file);
      } catch (error) {
        expect(error).to.be.instanceOf(ClinicsFileError);
        const message = (error as Error).message;
        expect(message).to.not.contain('\n');
        return message.replace(file, 'FILE');
      }
      throw new Error('the edited file loaded without complaint');
    }
    const bowie = (data: Json): Json['clinics'][number] => {
      const clinic = data.clinics[3];
      if (!clinic) throw new Error('shipped file changed');
      return clinic;
    };

    const cases: Array<[string, (data: Json) => void, string]> = [
      ['hours not HH:MM', (d) => { bowie(d).hours.tue = ['7:00-19']; }, 'clinics file FILE: clinic "bowie": hours.tue[0]: "7:00-19" is not HH:MM-HH:MM'],
      ['closing before opening', (d) => { bowie(d).hours.mon = ['19:00-07:00']; }, 'clinic "bowie": hours.mon[0]: "19:00-07:00" is not a valid interval'],
      ['a time past 24:00', (d) => { bowie(d).hours.fri = ['07:00-24:30']; }, 'clinic "bowie": hours.fri[0]: "07:00-24:30" is not a valid interval'],
      ['minute 60', (d) => { bowie(d).hours.fri = ['07:60-12:00']; }, 'clinic "bowie": hours.fri[0]: "07:60-12:00" is not a valid interval'],
      ['overlapping intervals', (d) => { bowie(d).hours.wed = ['13:00-19:00', '07:00-13:30']; }, 'clinic "bowie": hours.wed: intervals "07:00-13:30" and "13:00-19:00" overlap'],
      ['a missing day', (d) => { delete bowie(d).hours.sat; }, 'clinic "bowie": hours.sat: is missing (use [] for a day the clinic is closed)'],
      ['a misspelt day', (d) => { bowie(d).hours.monday = []; }, 'clinic "bowie": hours: unknown day "monday"'],
      ['hours as text', (d) => { bowie(d).hours.thu = '07:00-19:00'; }, 'clinic "bowie": hours.thu: Invalid input: expected array, received string'],
      ['a made-up time zone', (d) => { bowie(d).timeZone = 'America/Baltimore'; }, 'clinic "bowie": timeZone: "America/Baltimore" is not a time zone name'],
      ['an impossible holiday', (d) => { bowie(d).closed = ['2026-02-30']; }, 'clinic "bowie": closed[0]: "2026-02-30" is not a date written YYYY-MM-DD'],
      ['a holiday in US format', (d) => { bowie(d).closed = ['12/25/2026']; }, 'clinic "bowie": closed[0]: "12/25/2026" is not a date written YYYY-MM-DD'],
      ['latitude out of range', (d) => { bowie(d).lat = 138.9; }, 'clinic "bowie": lat: must be a latitude (-90 to 90)'],
      ['longitude out of range', (d) => { bowie(d).lon = -276.7; }, 'clinic "bowie": lon: must be a longitude (-180 to 180)'],
      ['coordinates as text', (d) => { bowie(d).lat = '38.9'; }, 'clinic "bowie": lat: Invalid input: expected number, received string'],
      ['a phone without area code', (d) => { bowie(d).phone = '555-0104'; }, 'clinic "bowie": phone: "555-0104" is not a US phone number with area code'],
      ['a missing phone', (d) => { delete bowie(d).phone; }, 'clinic "bowie": phone: is missing'],
      ['two staff addresses', (d) => { bowie(d).staffEmail = 'a@clinic.example, b@clinic.example'; }, 'clinic "bowie": staffEmail: "a@clinic.example, b@clinic.example" is not a single valid email address'],
      ['a staff address with a display name', (d) => { bowie(d).staffEmail = 'Bowie <bowie@clinic.example>'; }, 'clinic "bowie": staffEmail: "Bowie <bowie@clinic.example>" is not a single valid email address'],
      ['an empty name', (d) => { bowie(d).name = '  '; }, 'clinic "bowie": name: must not be empty'],
      ['an id twice', (d) => { bowie(d).id = 'crofton'; }, 'clinic "crofton": id: "crofton" is used by two clinics'],
      ['an id with spaces', (d) => { bowie(d).id = 'Bowie Clinic'; }, 'clinic "Bowie Clinic": id: must be lowercase words joined by hyphens'],
      ['no id', (d) => { delete bowie(d).id; }, 'clinics[3]: id: is missing'],
      ['no clinics', (d) => { d.clinics = []; }, 'clinics file FILE: clinics: lists no clinic'],
      ['a bad group phone', (d) => { d.group = { name: 'Forever Fit Physical Therapy', phone: 'call us' }; }, 'group.phone: "call us" is not a US phone number with area code'],
    ];
    for (const [what, edit, expected] of cases) {
      it(what, () => {
        expect(loadEdited(edit)).to.contain(expected);
      });
    }

    it('accepts an interval ending at 24:00 and extra fields', () => {
      const data = shipped();
      const clinic = data.clinics[0];
      if (!clinic) throw new Error('shipped file changed');
      clinic.hours.sun = ['20:00-24:00'];
      clinic.parking = 'Free lot behind the building';
      const file = path.join(dir, 'extra.json');
      writeFileSync(file, JSON.stringify(data));
      expect(loadClinics(file).clinics[0]?.hours.sun).to.deep.equal(['20:00-24:00']);
    });

    it('accepts a file with only the contract fields (no group, no placeholders)', () => {
      const file = path.join(dir, 'minimal.json');
      writeFileSync(
        file,
        JSON.stringify({
          clinics: [
            {
              id: 'frederick', name: 'Forever Fit Frederick', town: 'Frederick', address: '1 Main St', phone: '+1-301-555-0100',
              staffEmail: 'frederick@clinic.example', timeZone: 'America/New_York',
              hours: { mon: ['07:00-19:00'], tue: ['07:00-19:00'], wed: ['07:00-19:00'], thu: ['07:00-19:00'], fri: ['07:00-17:00'], sat: [], sun: [] },
              closed: ['2026-12-25'], lat: 39.414, lon: -77.411,
            },
          ],
        }),
      );
      const directory = loadClinics(file);
      expect(directory.group).to.equal(undefined);
      expect(directory.byId('frederick')?.placeholders).to.deep.equal([]);
    });

    it('says when the file is not JSON', () => {
      const file = path.join(dir, 'broken.json');
      writeFileSync(file, '{ "clinics": [ ');
      expect(() => loadClinics(file)).to.throw(ClinicsFileError, /^clinics file .*broken\.json: is not valid JSON \(/);
    });

    it('says when the file is missing', () => {
      expect(() => loadClinics(path.join(dir, 'nope.json'))).to.throw(ClinicsFileError, /nope\.json: cannot be read \(ENOENT\)/);
    });
  });
});
