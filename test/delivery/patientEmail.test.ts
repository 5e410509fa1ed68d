import { expect } from 'chai';
import { composePatientConfirmation, EMERGENCY_ADVICE } from '../../scheduling/delivery/patientEmail.js';
import { bowie, FOLLOW_UP, sampleRequest } from './fixtures.js';

describe('patient confirmation email', () => {
  it('tells the patient the reference, the clinic, when staff will call, the clinic phone and what to do in an emergency', () => {
    const request = sampleRequest();
    const email = composePatientConfirmation(request, bowie, FOLLOW_UP);
    if (email === undefined) throw new Error('expected a confirmation');
    expect(email.to).to.deep.equal({ name: 'Dana Whitfield', address: 'dana.whitfield@example.com' });
    expect(email.subject).to.include(request.reference);
    expect(email.messageId).to.equal(`<${request.reference}.patient@bot.local>`);
    for (const part of [email.text, email.html]) {
      expect(part).to.include(request.reference);
      expect(part).to.include('Forever Fit Bowie');
      expect(part).to.include('will call you tomorrow at 7:00 AM');
      expect(part).to.include('+1-301-555-0104');
      expect(part).to.include(EMERGENCY_ADVICE);
    }
  });

  it('carries no medical details: no reason, screening answers or red flags', () => {
    const request = sampleRequest({
      reason: 'Herniated disc after lifting',
      redFlags: [{ id: 'saddle-numbness', label: 'Numbness in the groin area', level: 'emergency' }],
    });
    const email = composePatientConfirmation(request, bowie, FOLLOW_UP);
    if (email === undefined) throw new Error('expected a confirmation');
    const everything = [email.subject, email.text, email.html].join('\n');
    expect(everything).not.to.include('Herniated');
    expect(everything).not.to.include('groin');
    expect(everything).not.to.include('fever');
    expect(everything).not.to.include('URGENT');
  });

  it('is not composed without one valid email address', () => {
    expect(composePatientConfirmation(sampleRequest({ patient: { email: undefined } }), bowie, FOLLOW_UP)).to.equal(undefined);
    expect(composePatientConfirmation(sampleRequest({ patient: { email: 'a@x.com, b@y.com' } }), bowie, FOLLOW_UP)).to.equal(undefined);
    expect(composePatientConfirmation(sampleRequest({ patient: { email: 'a@x.com\r\nBcc: evil@y.com' } }), bowie, FOLLOW_UP)).to.equal(undefined);
  });

  it('escapes the name in HTML and keeps control characters out of the recipient name', () => {
    const email = composePatientConfirmation(sampleRequest({ patient: { name: 'Bob <b>\r\nBcc: evil@y' } }), bowie, FOLLOW_UP);
    if (email === undefined) throw new Error('expected a confirmation');
    expect(email.to.name).to.equal('Bob <b> Bcc: evil@y');
    expect(email.html).to.include('Hello Bob &lt;b&gt; Bcc: evil@y,');
    expect(email.html).not.to.include('<b>');
  });
});
