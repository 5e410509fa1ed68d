import { expect } from 'chai';
import type { DateTime } from 'luxon';
import { followUpTime, openingStatus, openStatusSentence, weeklyHoursLines } from '../../scheduling/hours.js';
import { shippedClinic, testClinic } from './fixtures.js';

/** All instants are written in UTC, as the server (in UTC here) would see them. */
const at = (isoUtc: string): Date => new Date(isoUtc);
const utc = (time: DateTime | undefined): string | undefined => time?.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined;

// Bowie (shipped placeholder hours): Mon–Thu 07:00–19:00, Fri 07:00–17:00, closed weekends, US holidays.
const bowie = shippedClinic('bowie');
const weekdays = { mon: ['07:00-19:00'], tue: ['07:00-19:00'], wed: ['07:00-19:00'], thu: ['07:00-19:00'], fri: ['07:00-17:00'] };

describe('opening hours', () => {
  describe('in the clinic’s own time zone, not the server’s', () => {
    it('is open at 6:30 PM Eastern even though it is 11:30 PM in UTC', () => {
      const status = openingStatus(bowie, at('2026-01-13T23:30:00Z')); // Tue 18:30 EST
      expect(status.openNow).to.equal(true);
      expect(utc(status.closesAt)).to.equal('2026-01-14T00:00:00Z'); // 19:00 EST
    });

    it('is closed at 7:30 AM UTC, which is 2:30 AM Eastern', () => {
      const status = openingStatus(bowie, at('2026-01-14T07:30:00Z'));
      expect(status.openNow).to.equal(false);
      expect(utc(status.nextOpening)).to.equal('2026-01-14T12:00:00Z'); // Wed 07:00 EST
    });

    it('gives the same answers whatever the server’s TZ is', () => {
      const saved = process.env.TZ;
      const now = at('2026-01-13T23:30:00Z');
      const inUtc = [openStatusSentence(bowie, now), followUpTime(bowie, now).phrase];
      try {
        for (const zone of ['Asia/Tokyo', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
          process.env.TZ = zone;
          expect([openStatusSentence(bowie, now), followUpTime(bowie, now).phrase], zone).to.deep.equal(inUtc);
        }
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
    });

    it('works for a clinic in another zone (Los Angeles)', () => {
      const clinic = testClinic({ hours: weekdays, timeZone: 'America/Los_Angeles' });
      expect(openingStatus(clinic, at('2026-01-13T16:00:00Z')).openNow).to.equal(true); // 08:00 PST
      expect(openingStatus(clinic, at('2026-01-13T14:30:00Z')).openNow).to.equal(false); // 06:30 PST
      expect(utc(openingStatus(clinic, at('2026-01-13T14:30:00Z')).nextOpening)).to.equal('2026-01-13T15:00:00Z');
    });
  });

  describe('daylight saving time (2026)', () => {
    it('opens Monday at 7:00 EDT after the March 8 change, an hour earlier in UTC than the Friday before', () => {
      const friday = openingStatus(bowie, at('2026-03-06T11:59:00Z')); // Fri 06:59 EST
      expect(utc(friday.nextOpening)).to.equal('2026-03-06T12:00:00Z');
      const weekend = openingStatus(bowie, at('2026-03-07T15:00:00Z')); // Sat
      expect(utc(weekend.nextOpening)).to.equal('2026-03-09T11:00:00Z'); // Mon 07:00 EDT
    });

    it('opens Monday at 7:00 EST after the November 1 change', () => {
      const status = openingStatus(bowie, at('2026-10-31T00:00:00Z')); // Fri 20:00 EDT
      expect(status.openNow).to.equal(false);
      expect(utc(status.nextOpening)).to.equal('2026-11-02T12:00:00Z'); // Mon 07:00 EST
      expect(followUpTime(bowie, at('2026-10-31T00:00:00Z')).phrase).to.equal('Monday at 7:00 AM');
    });

    it('handles hours on the change days themselves', () => {
      const sundays = testClinic({ hours: { sun: ['08:00-12:00'] } });
      // March 8: 01:00 EST, the clock then jumps from 02:00 to 03:00; opening is 08:00 EDT.
      expect(utc(openingStatus(sundays, at('2026-03-08T06:00:00Z')).nextOpening)).to.equal('2026-03-08T12:00:00Z');
      expect(followUpTime(sundays, at('2026-03-08T06:00:00Z')).phrase).to.equal('later today at 8:00 AM');
      // November 1: 01:30 EDT (the first 01:30); opening is 08:00 EST.
      expect(utc(openingStatus(sundays, at('2026-11-01T05:30:00Z')).nextOpening)).to.equal('2026-11-01T13:00:00Z');
      expect(openingStatus(sundays, at('2026-11-01T16:59:00Z')).openNow).to.equal(true); // 11:59 EST
      expect(openingStatus(sundays, at('2026-11-01T17:00:00Z')).openNow).to.equal(false); // 12:00 EST
    });

    it('lasts 23 hours on the spring day and 25 on the autumn day for a clinic open around the clock on Sundays', () => {
      const allDay = testClinic({ hours: { sun: ['00:00-24:00'] } });
      const spring = openingStatus(allDay, at('2026-03-08T12:00:00Z'));
      expect(utc(spring.closesAt)).to.equal('2026-03-09T04:00:00Z');
      const autumn = openingStatus(allDay, at('2026-11-01T12:00:00Z'));
      expect(utc(autumn.closesAt)).to.equal('2026-11-02T05:00:00Z');
    });
  });

  describe('holidays in "closed"', () => {
    it('is closed all day on Thanksgiving and opens the next morning', () => {
      const status = openingStatus(bowie, at('2026-11-26T15:00:00Z')); // Thu 10:00 EST
      expect(status.openNow).to.equal(false);
      expect(utc(status.nextOpening)).to.equal('2026-11-27T12:00:00Z');
      expect(openStatusSentence(bowie, at('2026-11-26T15:00:00Z'))).to.equal(
        'Forever Fit Bowie is closed now; it opens tomorrow at 7:00 AM.',
      );
    });

    it('skips Christmas Day and the weekend after it', () => {
      const followUp = followUpTime(bowie, at('2026-12-24T23:45:00Z')); // Thu 18:45 EST, closes 19:00
      expect(followUp.openNow).to.equal(true);
      expect(followUp.phrase).to.equal('Monday at 7:00 AM');
      expect(utc(followUp.at)).to.equal('2026-12-28T12:00:00Z');
    });

    it('names a far date in full after a long closure', () => {
      const closed = ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-25', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01'];
      const clinic = testClinic({ hours: weekdays, closed });
      expect(followUpTime(clinic, at('2026-12-18T23:00:00Z')).phrase).to.equal('on Monday, January 4 at 7:00 AM');
    });
  });

  describe('exact minutes and midnight', () => {
    it('is open from the opening minute and closed from the closing minute', () => {
      expect(openingStatus(bowie, at('2026-01-13T11:59:59.999Z')).openNow).to.equal(false); // Tue 06:59:59.999 EST
      expect(openingStatus(bowie, at('2026-01-13T12:00:00Z')).openNow).to.equal(true); // 07:00 exactly
      expect(openingStatus(bowie, at('2026-01-13T23:59:59.999Z')).openNow).to.equal(true);
      expect(openingStatus(bowie, at('2026-01-14T00:00:00Z')).openNow).to.equal(false); // 19:00 exactly
    });

    it('treats an interval ending at 24:00 as open until midnight', () => {
      const lateSaturday = testClinic({ hours: { sat: ['18:00-24:00'] } });
      const beforeMidnight = at('2026-01-18T04:59:00Z'); // Sat 23:59 EST
      expect(openingStatus(lateSaturday, beforeMidnight).openNow).to.equal(true);
      expect(openStatusSentence(lateSaturday, beforeMidnight)).to.equal('Test Clinic is open now, until midnight.');
      expect(openingStatus(lateSaturday, at('2026-01-18T05:00:00Z')).openNow).to.equal(false); // Sun 00:00
    });

    it('joins an evening that runs to 24:00 with the next day’s 00:00 opening', () => {
      const overnight = testClinic({ hours: { mon: ['20:00-24:00'], tue: ['00:00-02:00'] } });
      const status = openingStatus(overnight, at('2026-01-13T04:30:00Z')); // Mon 23:30 EST
      expect(status.openNow).to.equal(true);
      expect(utc(status.closesAt)).to.equal('2026-01-13T07:00:00Z'); // Tue 02:00 EST
      expect(openingStatus(overnight, at('2026-01-13T05:00:00Z')).openNow).to.equal(true); // Tue 00:00 exactly
      expect(openingStatus(overnight, at('2026-01-13T07:00:00Z')).openNow).to.equal(false); // Tue 02:00 exactly
      expect(openStatusSentence(overnight, at('2026-01-13T04:30:00Z'))).to.equal('Test Clinic is open now, until tomorrow at 2:00 AM.');
    });
  });

  describe('follow-up phrase', () => {
    const splitDay = testClinic({ hours: { ...weekdays, tue: ['07:00-12:00', '13:00-19:00'] } });

    const cases: Array<{ what: string; clinic: typeof bowie; nowUtc: string; phrase: string; openNow: boolean }> = [
      { what: 'open with time to spare', clinic: bowie, nowUtc: '2026-01-13T15:00:00Z', phrase: 'today', openNow: true },
      { what: 'open, 31 minutes before closing', clinic: bowie, nowUtc: '2026-01-13T23:29:00Z', phrase: 'today', openNow: true },
      { what: 'open, 30 minutes before closing', clinic: bowie, nowUtc: '2026-01-13T23:30:00Z', phrase: 'tomorrow at 7:00 AM', openNow: true },
      { what: 'lunch break', clinic: splitDay, nowUtc: '2026-01-13T17:15:00Z', phrase: 'later today at 1:00 PM', openNow: false },
      { what: 'just before the lunch break', clinic: splitDay, nowUtc: '2026-01-13T16:45:00Z', phrase: 'later today at 1:00 PM', openNow: true },
      { what: 'early morning', clinic: bowie, nowUtc: '2026-01-13T10:00:00Z', phrase: 'later today at 7:00 AM', openNow: false },
      { what: 'weekday evening', clinic: bowie, nowUtc: '2026-01-14T01:00:00Z', phrase: 'tomorrow at 7:00 AM', openNow: false },
      { what: 'Friday evening', clinic: bowie, nowUtc: '2026-01-16T23:00:00Z', phrase: 'Monday at 7:00 AM', openNow: false },
      { what: 'Saturday night in UTC is still Saturday evening locally', clinic: bowie, nowUtc: '2026-01-18T02:00:00Z', phrase: 'Monday at 7:00 AM', openNow: false },
      { what: 'Sunday before a Monday holiday', clinic: bowie, nowUtc: '2026-09-06T16:00:00Z', phrase: 'Tuesday at 7:00 AM', openNow: false },
    ];
    for (const { what, clinic, nowUtc, phrase, openNow } of cases) {
      it(`${what} → "${phrase}"`, () => {
        const followUp = followUpTime(clinic, at(nowUtc));
        expect(followUp.phrase).to.equal(phrase);
        expect(followUp.openNow).to.equal(openNow);
      });
    }

    it('Sunday before Labor Day is followed up on Tuesday, not the holiday', () => {
      expect(utc(followUpTime(bowie, at('2026-09-06T16:00:00Z')).at)).to.equal('2026-09-08T11:00:00Z');
    });

    it('tells to call when there is no opening in the next 60 days', () => {
      const neverOpen = testClinic({ hours: {} });
      const status = openingStatus(neverOpen, at('2026-01-13T15:00:00Z'));
      expect(status).to.deep.equal({ openNow: false });
      const followUp = followUpTime(neverOpen, at('2026-01-13T15:00:00Z'));
      expect(followUp.at).to.equal(undefined);
      expect(followUp.phrase).to.contain('call (410) 555-0101');
      expect(openStatusSentence(neverOpen, at('2026-01-13T15:00:00Z'))).to.equal(
        'Test Clinic is closed now; please call (410) 555-0101 to ask when it reopens.',
      );
    });

    it('looks 60 days ahead, no further', () => {
      const everyDay = ['07:00-19:00'];
      const hours = { mon: everyDay, tue: everyDay, wed: everyDay, thu: everyDay, fri: everyDay, sat: everyDay, sun: everyDay };
      const datesFrom = (count: number): string[] =>
        Array.from({ length: count }, (_, i) => new Date(Date.UTC(2026, 0, 13 + i)).toISOString().slice(0, 10));
      const now = at('2026-01-13T15:00:00Z');
      // Closed Jan 13 – Mar 13 (60 dates): opens on day 60, Saturday March 14.
      const reopensOnDay60 = testClinic({ hours, closed: datesFrom(60) });
      expect(utc(openingStatus(reopensOnDay60, now).nextOpening)).to.equal('2026-03-14T11:00:00Z');
      expect(followUpTime(reopensOnDay60, now).phrase).to.equal('on Saturday, March 14 at 7:00 AM');
      // One more closed date: the opening is beyond the horizon.
      const reopensOnDay61 = testClinic({ hours, closed: datesFrom(61) });
      expect(openingStatus(reopensOnDay61, now).nextOpening).to.equal(undefined);
      expect(followUpTime(reopensOnDay61, now).phrase).to.contain('call');
    });
  });

  describe('sentences for visitors', () => {
    it('says when an open clinic closes', () => {
      expect(openStatusSentence(bowie, at('2026-01-13T15:00:00Z'))).to.equal('Forever Fit Bowie is open now, until 7:00 PM.');
    });

    it('says when a closed clinic opens', () => {
      expect(openStatusSentence(bowie, at('2026-01-17T15:00:00Z'))).to.equal('Forever Fit Bowie is closed now; it opens Monday at 7:00 AM.');
    });

    it('lists the regular week with consecutive days grouped', () => {
      expect(weeklyHoursLines(bowie)).to.deep.equal(['Mon–Thu: 7:00 AM – 7:00 PM', 'Fri: 7:00 AM – 5:00 PM', 'Sat–Sun: closed']);
      expect(weeklyHoursLines(shippedClinic('severna-park'))).to.deep.equal([
        'Mon–Thu: 7:00 AM – 7:00 PM',
        'Fri: 7:00 AM – 5:00 PM',
        'Sat: 8:00 AM – 12:00 PM',
        'Sun: closed',
      ]);
    });

    it('lists split days, midnight closings and days that are not next to each other', () => {
      const clinic = testClinic({ hours: { mon: ['13:00-19:00', '07:00-12:00'], wed: ['13:00-19:00', '07:00-12:00'], sat: ['18:00-24:00'] } });
      expect(weeklyHoursLines(clinic)).to.deep.equal([
        'Mon: 7:00 AM – 12:00 PM, 1:00 PM – 7:00 PM',
        'Tue: closed',
        'Wed: 7:00 AM – 12:00 PM, 1:00 PM – 7:00 PM',
        'Thu–Fri: closed',
        'Sat: 6:00 PM – midnight',
        'Sun: closed',
      ]);
    });
  });
});
