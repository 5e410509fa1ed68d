import { expect } from 'chai';
import zipcodes from 'zipcodes';
import { FAR_AWAY_MILES, findClinicMention, matchClinic, nearestClinics } from '../../scheduling/findClinic.js';
import { shippedClinics } from './fixtures.js';

const directory = shippedClinics();

describe('finding the clinic', () => {
  describe('matchClinic: the answer to "Which clinic?"', () => {
    const named: Array<[string, string]> = [
      ['Forever Fit Bowie', 'bowie'],
      ['severna-park', 'severna-park'],
      ['Severna Park', 'severna-park'],
      ['FREDERICK', 'frederick'],
      ['the one in Gaithersburg please', 'gaithersburg'],
      ['Crofton, MD', 'crofton'],
      ['Frederick County', 'frederick'],
      // misspellings and beginnings
      ['gathersburg', 'gaithersburg'],
      ['gaitersberg', 'gaithersburg'],
      ['severna prk', 'severna-park'],
      ['fredrick', 'frederick'],
      ['frederik', 'frederick'],
      ['bowei', 'bowie'],
      ['croften', 'crofton'],
      ['gaithers', 'gaithersburg'],
      ['Zoë wants Crofton', 'crofton'],
    ];
    for (const [text, id] of named) {
      it(`"${text}" names ${id}`, () => {
        expect(matchClinic(text, directory)).to.deep.equal({ clinic: directory.byId(id), how: 'named' });
      });
    }

    const nearest: Array<[string, string, string]> = [
      ['21146', 'severna-park', 'Severna Park, MD 21146'],
      ['zip 21146', 'severna-park', 'Severna Park, MD 21146'],
      ['my zip is 21701-1234', 'frederick', 'Frederick, MD 21701'],
      ['21114', 'crofton', 'Crofton, MD 21114'],
      ['20716', 'bowie', 'Bowie, MD 20716'],
      ['20878', 'gaithersburg', 'Gaithersburg, MD 20878'],
      ['Annapolis', 'severna-park', 'Annapolis, MD'],
      ['Germantown MD', 'gaithersburg', 'Germantown, MD'],
      ['Silver Spring', 'gaithersburg', 'Silver Spring, MD'],
      ['I live in Glen Burnie', 'severna-park', 'Glen Burnie, MD'],
      ['near Odenton please', 'crofton', 'Odenton, MD'],
      ['Hagerstown', 'frederick', 'Hagerstown, MD'],
      ['Washington, D.C.', 'bowie', 'Washington, DC'],
      ['Upper Marlboro', 'bowie', 'Upper Marlboro, MD'],
      ['St. Michaels', 'severna-park', 'Saint Michaels, MD'],
      ['Severn', 'crofton', 'Severn, MD'],
      ['anapolis', 'severna-park', 'Annapolis, MD'],
      ['germantwon', 'gaithersburg', 'Germantown, MD'],
    ];
    for (const [text, id, place] of nearest) {
      it(`"${text}" → nearest is ${id}`, () => {
        const match = matchClinic(text, directory);
        expect(match?.how).to.equal('nearest');
        expect(match?.clinic.id).to.equal(id);
        expect(match?.place).to.equal(place);
        expect(match?.miles).to.be.a('number').below(FAR_AWAY_MILES);
      });
    }

    it('measures a ZIP code’s distance to the nearest clinic as the zipcodes package does', () => {
      const match = matchClinic('20878', directory);
      const code = zipcodes.lookup('20878');
      expect(code).to.not.equal(undefined);
      if (!match || !code) return;
      const expected = nearestClinics(code.latitude, code.longitude, directory)[0];
      expect(match.clinic).to.equal(expected?.clinic);
      expect(match.miles).to.be.closeTo(expected?.miles ?? NaN, 0.05);
    });

    it('still answers for a place far away, with miles that show it is far', () => {
      for (const text of ['90210', 'Chicago, IL', 'Los Angeles']) {
        const match = matchClinic(text, directory);
        expect(match?.how, text).to.equal('nearest');
        expect(match?.miles, text).to.be.above(FAR_AWAY_MILES);
      }
      expect(matchClinic('90210', directory)?.place).to.equal('Beverly Hills, CA 90210');
    });

    const nothing = [
      '', '   ', 'asdf', 'hello', 'no', 'none', 'any', 'whichever', 'the closest one', 'nearest', "I don't know",
      'not sure', 'help', 'okay', 'maybe', 'whatever', 'idk', 'cancel', 'home', 'Maryland', 'Virginia',
      '00000', '99999', 'bowie or crofton', 'Accident', '🙂', 'qwertyuiop',
    ];
    for (const text of nothing) {
      it(`"${text}" matches no clinic`, () => {
        expect(matchClinic(text, directory)).to.equal(undefined);
      });
    }

    it('reads an everyday word as a town only with its state', () => {
      expect(matchClinic('Accident, MD', directory)?.place).to.equal('Accident, MD');
    });
  });

  describe('findClinicMention: a clinic named inside a sentence', () => {
    const mentions: Array<[string, string]> = [
      ['I want an appointment in Bowie next week', 'bowie'],
      ['are you open now in frederick?', 'frederick'],
      ['the gaithersburg one', 'gaithersburg'],
      ['Can I book at Forever Fit Severna Park?', 'severna-park'],
      ['what are the Crofton location hours', 'crofton'],
      ['I’m close to Fredrick', 'frederick'],
      ['SEVERNA PARK PLEASE', 'severna-park'],
      ['is the severna-park clinic open saturday', 'severna-park'],
      ['appointment in gathersburg', 'gaithersburg'],
    ];
    for (const [text, id] of mentions) {
      it(`finds ${id} in "${text}"`, () => {
        expect(findClinicMention(text, directory)?.id).to.equal(id);
      });
    }

    const noMention = [
      'I have sciatica pain down my leg',
      'can I park near the clinic?',
      'is physical therapy a good fit for me',
      'I live in Severn',
      'I need help with several things',
      'my neighbour Mr Croftonson recommended you',
      'the pain is in my lower back and buttock',
      'bowie or crofton, which is closer?',
      'can I book for tomorrow morning',
      'I had to bowl yesterday', // near "bowie", but short names must be exact in a sentence
      'fred said you are good',
    ];
    for (const text of noMention) {
      it(`finds no clinic in "${text}"`, () => {
        expect(findClinicMention(text, directory)).to.equal(undefined);
      });
    }
  });

  describe('nearestClinics', () => {
    it('orders all clinics by distance', () => {
      const bowie = directory.byId('bowie');
      if (!bowie) throw new Error('no bowie');
      const list = nearestClinics(bowie.lat, bowie.lon, directory);
      expect(list.map(({ clinic }) => clinic.id)).to.deep.equal(['bowie', 'crofton', 'severna-park', 'gaithersburg', 'frederick']);
      expect(list[0]?.miles).to.equal(0);
      // Bowie to Crofton is about 5 miles, to Frederick about 45.
      expect(list[1]?.miles).to.be.within(3, 7);
      expect(list[4]?.miles).to.be.within(40, 50);
    });
  });
});
