import { expect } from 'chai';
import { composeStaffEmail, RED_FLAG_ADVICE, URGENT_SUBJECT_TAG } from '../../scheduling/delivery/staffEmail.js';
import { bowie, sampleRequest } from './fixtures.js';

describe('staff notification email', () => {
  it('goes only to the clinic staff inbox, with the patient as Reply-To', () => {
    const request = sampleRequest();
    const email = composeStaffEmail(request, bowie);
    expect(email.to).to.deep.equal({ name: 'Forever Fit Bowie', address: 'bowie@clinic.example' });
    expect(email.replyTo).to.deep.equal({ name: 'Dana Whitfield', address: 'dana.whitfield@example.com' });
    expect(email.messageId).to.equal(`<${request.reference}.staff@bot.local>`);
  });

  it('names the reference and clinic in the subject, without symptoms', () => {
    const request = sampleRequest();
    expect(composeStaffEmail(request, bowie).subject).to.equal(`Appointment request ${request.reference} — Forever Fit Bowie`);
    const flagged = sampleRequest({ redFlags: [{ id: 'cauda-equina', label: 'New loss of bladder control', level: 'emergency' }] });
    const subject = composeStaffEmail(flagged, bowie).subject;
    expect(subject).to.equal(`${URGENT_SUBJECT_TAG} Appointment request ${flagged.reference} — Forever Fit Bowie`);
    expect(subject).not.to.include('bladder');
  });

  it('shows every field in both the text and the HTML part, with the time in the clinic zone', () => {
    const request = sampleRequest({ patient: { phone: '(301) 555-0187' } });
    const email = composeStaffEmail(request, bowie);
    const expected = [
      'Dana Whitfield',
      '(301) 555-0187',
      'dana.whitfield@example.com',
      'Weekday mornings before 10',
      'Sciatica down my left leg for three weeks',
      'Do you have new numbness in the groin or inner thighs?',
      'Have you had a fever with this back pain?',
      'Mon, Nov 23, 2026, 11:42 PM EST',
      request.reference,
      'The patient consented to be contacted',
      'webchat',
    ];
    for (const value of expected) {
      expect(email.text, `text part: ${value}`).to.include(value);
      expect(email.html, `HTML part: ${value}`).to.include(value);
    }
  });

  it('puts red flags first, in plain words, with the advice the patient was given', () => {
    const request = sampleRequest({
      redFlags: [
        { id: 'saddle-numbness', label: 'Numbness in the groin area', level: 'emergency' },
        { id: 'fever', label: 'Fever with back pain', level: 'urgent' },
      ],
    });
    const { text, html } = composeStaffEmail(request, bowie);
    expect(text.startsWith('RED FLAGS')).to.equal(true);
    expect(text.indexOf('Numbness in the groin area')).to.be.lessThan(text.indexOf('Name:'));
    expect(text).to.include(RED_FLAG_ADVICE.emergency);
    expect(text).to.include(RED_FLAG_ADVICE.urgent);
    expect(html.indexOf('RED FLAGS')).to.be.lessThan(html.indexOf('Dana Whitfield'));
    expect(html).to.include('Fever with back pain');
  });

  it('has no red-flag block when none were reported', () => {
    const { text, html } = composeStaffEmail(sampleRequest(), bowie);
    expect(text).not.to.include('RED FLAGS');
    expect(html).not.to.include('RED FLAGS');
  });

  it('escapes every patient value in the HTML part', () => {
    const request = sampleRequest({
      patient: { name: '<script>alert(1)</script>', phone: '301 <b>555</b>' },
      preferredTimes: 'Bob <b> & "friends"',
      reason: "<img src=x onerror='alert(2)'>",
      screening: [{ question: '<i>question</i>', answer: 'yes' }],
      redFlags: [{ id: 'x', label: '<u>flag</u>', level: 'urgent' }],
    });
    const { html, text } = composeStaffEmail(request, bowie);
    expect(html).not.to.match(/<script|<b>|<img|<i>|<u>/);
    expect(html).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).to.include('Bob &lt;b&gt; &amp; &quot;friends&quot;');
    expect(html).to.include('&lt;img src=x onerror=&#39;alert(2)&#39;&gt;');
    expect(text).to.include('<script>alert(1)</script>'); // the text part shows what was typed
  });

  it('removes control characters from every value and keeps a forged header out of the Reply-To', () => {
    const request = sampleRequest({
      patient: { name: 'Eve\r\nBcc: evil@y.com', phone: '301\u0000555\u001b0187', email: 'a@x.com\r\nBcc: evil@y.com' },
      preferredTimes: 'mornings\u202Eevil',
    });
    const email = composeStaffEmail(request, bowie);
    for (const part of [email.text, email.html, email.subject]) {
      expect(part).not.to.match(/[\u0000-\u0008\u000B-\u001F\u202E]/);
    }
    expect(email.text).to.include('Name: Eve Bcc: evil@y.com');
    expect(email.text).to.include('3015550187');
    expect(email.replyTo).to.equal(undefined);
    expect(email.text).to.include('not a valid email address');
  });

  it('uses no Reply-To when the email is a list of addresses or missing', () => {
    expect(composeStaffEmail(sampleRequest({ patient: { email: 'a@x.com, b@y.com' } }), bowie).replyTo).to.equal(undefined);
    const { replyTo, text } = composeStaffEmail(sampleRequest({ patient: { email: undefined } }), bowie);
    expect(replyTo).to.equal(undefined);
    expect(text).to.include('Email: not given');
  });

  it('refuses a clinic whose staff inbox is not one valid address', () => {
    expect(() => composeStaffEmail(sampleRequest(), { ...bowie, staffEmail: 'bowie@clinic.example, evil@y.com' })).to.throw(/staffEmail/);
  });

  it('shows the time received in the clinic zone, daylight time included', () => {
    const summer = sampleRequest({ receivedAt: '2026-07-01T13:05:00.000Z' });
    expect(composeStaffEmail(summer, bowie).text).to.include('Received: Wed, Jul 1, 2026, 9:05 AM EDT');
  });
});
