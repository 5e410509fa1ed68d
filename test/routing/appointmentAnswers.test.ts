import { expect } from 'chai';
import { isSkip, parseConfirmation, parseFieldChoice } from '../../routing/appointmentAnswers.js';

describe('appointment answers', () => {
  it('recognizes skipping an optional question', () => {
    for (const text of ['skip', 'Skip', 'no', 'none', "I don't have one", 'no thanks', 'N/A']) expect(isSkip(text), text).to.equal(true);
    for (const text of ['jo@example.com', 'back pain when sitting', 'nobody knows']) expect(isSkip(text), text).to.equal(false);
  });

  it('reads which part to change', () => {
    expect(parseFieldChoice('Phone')).to.equal('phone');
    expect(parseFieldChoice('my phone number')).to.equal('phone');
    expect(parseFieldChoice('Preferred times')).to.equal('preferredTimes');
    expect(parseFieldChoice('the clinic')).to.equal('clinicId');
    expect(parseFieldChoice('Email')).to.equal('email');
    expect(parseFieldChoice('Name')).to.equal('name');
    expect(parseFieldChoice('Reason')).to.equal('reason');
    expect(parseFieldChoice('banana')).to.equal(undefined);
  });

  it('reads the answer to the summary', () => {
    expect(parseConfirmation('Send request')).to.deep.equal({ action: 'send' });
    expect(parseConfirmation('yes')).to.deep.equal({ action: 'send' });
    expect(parseConfirmation('looks good, send it')).to.deep.equal({ action: 'send' });
    expect(parseConfirmation('Change something')).to.deep.equal({ action: 'change' });
    expect(parseConfirmation('change my phone number')).to.deep.equal({ action: 'change', field: 'phone' });
    expect(parseConfirmation('no')).to.deep.equal({ action: 'change' });
    expect(parseConfirmation('purple')).to.equal(undefined);
  });
});
