import { expect } from 'chai';
import { appointmentRequestSchema, newReference, REFERENCE_ALPHABET } from '../../scheduling/appointmentRequest.js';
import { isEmailAddress } from '../../scheduling/delivery/addresses.js';
import { sampleRequest } from './fixtures.js';

describe('appointment request', () => {
  it('gets references like FF-7K3M-9QX2 without look-alike characters', () => {
    for (let i = 0; i < 500; i += 1) {
      const reference = newReference();
      expect(reference).to.match(/^FF-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect(reference.slice(3)).not.to.match(/[01OIL]/);
    }
    expect(REFERENCE_ALPHABET).not.to.match(/[01OIL]/);
  });

  it('gets a different reference each time', () => {
    const references = new Set(Array.from({ length: 5000 }, () => newReference()));
    expect(references.size).to.equal(5000);
  });

  it('accepts a complete request and refuses broken ones, naming the field', () => {
    expect(appointmentRequestSchema.safeParse(sampleRequest()).success).to.equal(true);
    const broken: Array<[string, unknown]> = [
      ['consentToContact', { ...sampleRequest(), consentToContact: false }],
      ['receivedAt', { ...sampleRequest(), receivedAt: '2026-11-23T23:42:00-05:00' }],
      ['reference', { ...sampleRequest(), reference: 'FF-0000-0000' }],
      ['clinicId', { ...sampleRequest(), clinicId: '../etc' }],
      ['patient.name', { ...sampleRequest(), patient: { name: '', phone: '301' } }],
      ['redFlags.0.level', { ...sampleRequest(), redFlags: [{ id: 'x', label: 'y', level: 'mild' }] }],
      ['extra', { ...sampleRequest(), extra: 1 }],
    ];
    for (const [field, value] of broken) {
      const result = appointmentRequestSchema.safeParse(value);
      const named = result.error?.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ') ?? 'accepted';
      expect(named, field).to.include(field);
    }
  });
});

describe('email address check', () => {
  it('accepts exactly one plain address', () => {
    for (const address of ['dana@example.com', 'o.brien+pt@mail.example.co.uk', " dana@example.com "]) {
      expect(isEmailAddress(address), address).to.equal(true);
    }
  });

  it('refuses lists, display names, header injection and junk', () => {
    for (const address of [
      'a@x.com, b@y.com',
      'a@x.com;b@y.com',
      'a@x.com\r\nBcc: evil@y.com',
      'a@x.com\nb@y.com',
      'Dana <dana@example.com>',
      '"a b"@x.com',
      'a@x',
      'a@@x.com',
      'a@x..com',
      '.a@x.com',
      'a@127.0.0.1',
      'a @x.com',
      '',
    ]) {
      expect(isEmailAddress(address), JSON.stringify(address)).to.equal(false);
    }
  });
});
