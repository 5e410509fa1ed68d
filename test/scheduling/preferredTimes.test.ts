import { expect } from 'chai';
import { extractTimePreference, PREFERRED_TIME_CHOICES, preferredTimeChoicesFor } from '../../scheduling/preferredTimes.js';
import { shippedClinic, testClinic } from './fixtures.js';

describe('preferred times', () => {
  describe('extractTimePreference', () => {
    const found: Array<[string, string]> = [
      ['I want an appointment in Bowie next week', 'next week'],
      ['can I come in tuesday morning', 'Tuesday morning'],
      ['asap', 'As soon as possible'],
      ['I need to be seen as soon as possible', 'As soon as possible'],
      ['first available please', 'As soon as possible'],
      ['Tuesday or Thursday mornings', 'Tuesday or Thursday mornings'],
      ['sometime next week in the afternoon', 'next week in the afternoon'],
      ['friday after 5pm works', 'Friday after 5 PM'],
      ['tomorrow at 10:30 am?', 'tomorrow at 10:30 AM'],
      ['Monday at 3', 'Monday at 3'],
      ['anytime is fine', 'Any time'],
      ['weekday mornings before 10', 'weekday mornings before 10'],
      ['SATURDAY', 'Saturday'],
      ['could I book for March 3rd', 'March 3rd'],
      ['on 3/15 if possible', '3/15'],
      ['early next week', 'early next week'],
      ['thurs afternoon', 'Thursday afternoon'],
      ['tues or weds', 'Tuesday or Wednesday'],
      ['can I come today?', 'today'],
      ['in a couple of weeks', 'in a couple of weeks'],
      ['Monday, Wednesday or Friday after work', 'Monday, Wednesday or Friday after work'],
      ['I am free Tuesday evening but not Friday', 'Tuesday evening but not Friday'],
      ['my leg has hurt since Monday, can I come Thursday?', 'Thursday'],
    ];
    for (const [text, preference] of found) {
      it(`"${text}" → "${preference}"`, () => {
        expect(extractTimePreference(text)).to.equal(preference);
      });
    }

    const none = [
      'I need an appointment',
      'my pain is worse at night', // symptoms, not a wish
      'my back is stiff in the mornings',
      'pain is 7/10',
      "I've had pain for 2 weeks",
      'it started 2 weeks ago',
      'it began two weekends ago',
      'since Monday my leg hurts',
      'I hurt my back over the weekend',
      'last week I lifted a box',
      'sat down and felt a sharp pain',
      'I may need help',
      "I'm 45 and at 5 I get up",
      '',
    ];
    for (const text of none) {
      it(`"${text}" → nothing`, () => {
        expect(extractTimePreference(text)).to.equal(undefined);
      });
    }
  });

  describe('quick choices', () => {
    it('offers the general choices', () => {
      expect(PREFERRED_TIME_CHOICES).to.include.members(['Weekday mornings', 'Weekday afternoons', 'Weekday evenings', 'Saturday', 'Any time']);
    });

    it('offers Saturday only where the clinic opens on Saturdays', () => {
      expect(preferredTimeChoicesFor(shippedClinic('severna-park'))).to.deep.equal([...PREFERRED_TIME_CHOICES]);
      expect(preferredTimeChoicesFor(shippedClinic('bowie'))).to.not.include('Saturday');
    });

    it('offers no evenings at a clinic that closes at 5 PM', () => {
      const clinic = testClinic({ hours: { mon: ['08:00-17:00'], tue: ['08:00-17:00'] } });
      expect(preferredTimeChoicesFor(clinic)).to.deep.equal(['Weekday mornings', 'Weekday afternoons', 'Any time']);
    });
  });
});
