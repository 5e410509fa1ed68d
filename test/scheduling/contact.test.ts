import { expect } from 'chai';
import { cleanFreeText, cleanPersonName, parseEmail, parseUsPhone } from '../../scheduling/contact.js';

describe('contact details', () => {
  describe('parseUsPhone', () => {
    const valid: Array<[string, string, string]> = [
      ['(301) 555-0123', '+13015550123', '(301) 555-0123'],
      ['301.555.0123', '+13015550123', '(301) 555-0123'],
      ['301-555-0123', '+13015550123', '(301) 555-0123'],
      ['+1 301 555 0123', '+13015550123', '(301) 555-0123'],
      ['1-301-555-0123', '+13015550123', '(301) 555-0123'],
      ['3015550123', '+13015550123', '(301) 555-0123'],
      ['  3015550123  ', '+13015550123', '(301) 555-0123'],
      ['my cell is 301 555 0123', '+13015550123', '(301) 555-0123'],
      ['you can reach me at (410)555-0199, thanks!', '+14105550199', '(410) 555-0199'],
      ['301 555 0123 and again 301-555-0123', '+13015550123', '(301) 555-0123'],
      ['443-555-0142', '+14435550142', '(443) 555-0142'],
      ['240 555 0100', '+12405550100', '(240) 555-0100'],
      ['(202) 555-0175', '+12025550175', '(202) 555-0175'],
      ['800-555-0199', '+18005550199', '(800) 555-0199'],
      ['416-555-0123', '+14165550123', '(416) 555-0123'], // Canada: a domestic call for US staff
      ['787-555-0123', '+17875550123', '(787) 555-0123'], // Puerto Rico
    ];
    for (const [text, e164, display] of valid) {
      it(`reads "${text}" as ${display}`, () => {
        expect(parseUsPhone(text)).to.deep.equal({ ok: true, value: { e164, display } });
      });
    }

    it('keeps an extension', () => {
      expect(parseUsPhone('301-555-0123 ext. 45')).to.deep.equal({
        ok: true,
        value: { e164: '+13015550123', display: '(301) 555-0123 ext. 45', extension: '45' },
      });
    });

    const invalid: Array<[string, RegExp]> = [
      ['', /type a phone number/],
      ['555-0123', /include the area code/], // no area code
      ['301-555-01', /include the area code/], // too short
      ['301555012345', /include the area code/], // too long
      ['123-456-7890', /include the area code/], // area code cannot start with 1
      ['011-555-0123', /include the area code/],
      ['911-555-0123', /include the area code/], // N11 is not an area code
      ['376-555-0123', /include the area code/], // unassigned area code
      ['301-055-0123', /include the area code/], // exchange cannot start with 0
      ['555-555-5555', /include the area code/],
      ['301-555-ABCD', /digits only/],
      ['1-800-FLOWERS', /digits only/],
      ['call me', /include the area code/],
      ['my cell is 301 555 01', /include the area code/],
      ['my cell is 301-555-O123', /digits only/], // letter O for zero
      ['+44 20 7946 0958', /only call US phone numbers/],
      ['+33 1 23 45 67 89', /only call US phone numbers/],
      ['876-555-0123', /only call US phone numbers/], // Jamaica: +1 but billed internationally
      ['900-555-0123', /home, work or cell number/], // premium rate
      ['301-555-0123 or 410-555-0199', /just one phone number/],
      ['3'.repeat(300), /just the phone number/],
    ];
    for (const [text, problem] of invalid) {
      it(`refuses "${text.slice(0, 40)}"`, () => {
        const result = parseUsPhone(text);
        expect(result.ok).to.equal(false);
        if (!result.ok) expect(result.problem).to.match(problem);
      });
    }

    it('explains with an example the visitor can copy', () => {
      const result = parseUsPhone('12345');
      expect(result).to.deep.equal({
        ok: false,
        problem: "That doesn't look like a US phone number — please include the area code, like 301-555-0123.",
      });
    });
  });

  describe('parseEmail', () => {
    const valid: Array<[string, string]> = [
      ['jane@example.com', 'jane@example.com'],
      ['  Jane.Doe+pt@Example.COM ', 'Jane.Doe+pt@example.com'],
      ['o\'neil@mail.example.org', 'o\'neil@mail.example.org'],
      ['my email is jane@example.com', 'jane@example.com'],
      ['Email: jane@example.com.', 'jane@example.com'],
      ['email@example.com', 'email@example.com'],
      ['address@example.com', 'address@example.com'],
      ['user_1@sub.domain.co.uk', 'user_1@sub.domain.co.uk'],
      ['jane@bücher.de', 'jane@xn--bcher-kva.de'],
    ];
    for (const [text, address] of valid) {
      it(`accepts "${text}"`, () => {
        expect(parseEmail(text)).to.deep.equal({ ok: true, value: address });
      });
    }

    const invalid: Array<[string, RegExp]> = [
      ['', /type an email address/],
      ['a@x.com\r\nBcc: evil@y.com', /one line/],
      ['a@x.com\nBcc: evil@y.com', /one line/],
      ['a@x.com%0d%0aBcc:evil@y.com', /just one email address/],
      ['a@x.com, b@y.com', /just one email address/],
      ['a@x.com;b@y.com', /just one email address/],
      ['a@x.com b@y.com', /just one email address/],
      ['Jane Doe <jane@example.com>', /just the email address itself/],
      ['<jane@example.com>', /just the email address itself/],
      ['"Jane"@example.com', /just the email address itself/],
      ['jane @example.com', /no spaces/],
      ['jane.example.com', /needs an @/],
      ['jane@', /check it/],
      ['@example.com', /check it/],
      ['jane@localhost', /check it/],
      ['jane@example', /check it/],
      ['jane@example.c', /check it/],
      ['jane@-example.com', /check it/],
      ['jane@exa_mple.com', /check it/],
      ['jane..doe@example.com', /check it/],
      ['.jane@example.com', /check it/],
      ['jane@example..com', /check it/],
      ['jane@123.123.123.123', /check it/],
      ['jane@[127.0.0.1]', /check it/],
      ['jane@gmail.con', /did you mean ".com"/],
      [`${'a'.repeat(65)}@example.com`, /check it/],
      [`jane@${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}.com`, /too long/],
      ['jane\u0000@example.com', /one line/],
    ];
    for (const [text, problem] of invalid) {
      it(`refuses ${JSON.stringify(text.slice(0, 50))}`, () => {
        const result = parseEmail(text);
        expect(result.ok).to.equal(false);
        if (!result.ok) expect(result.problem).to.match(problem);
      });
    }
  });

  describe('cleanPersonName', () => {
    const valid: Array<[string, string]> = [
      ['Maria Lopez', 'Maria Lopez'],
      ["  Zoë   O'Neil-Smith Jr. ", "Zoë O'Neil-Smith Jr."],
      ['José\nGarcía', 'José García'],
      ['Ana\r\n\tMaría', 'Ana María'],
      ['my name is Ana Ruiz', 'Ana Ruiz'],
      ["I'm Sam", 'Sam'],
      ['Imran Khan', 'Imran Khan'],
      ['Smith, John', 'Smith, John'],
      ['李小龍', '李小龍'],
      ['Mary-Kate Nguyễn', 'Mary-Kate Nguyễn'],
      ['D’Angelo', 'D’Angelo'],
      ['A'.repeat(100), 'A'.repeat(100)],
      ['Jo\u202eanne', 'Joanne'], // invisible right-to-left override dropped
    ];
    for (const [text, name] of valid) {
      it(`keeps ${JSON.stringify(text.slice(0, 30))} as "${name.slice(0, 30)}"`, () => {
        expect(cleanPersonName(text)).to.deep.equal({ ok: true, value: name });
      });
    }

    const invalid: Array<[string, RegExp]> = [
      ['', /type your name/],
      [' \n\t ', /type your name/],
      ['12345', /looks like a number/],
      ['301-555-0123', /looks like a number/],
      ['<script>alert(1)</script>', /without < or >/],
      ['Jane <b>Doe</b>', /without < or >/],
      ['jane@example.com', /not an email or web address/],
      ['https://evil.example', /not an email or web address/],
      ['www.example.org', /not an email or web address/],
      ['A'.repeat(101), /under 100 characters/],
      ['Jane Doe 2', /using letters/],
      ['Jane & John', /using letters/],
      ['🙂', /using letters/],
      ['...', /using letters/],
    ];
    for (const [text, problem] of invalid) {
      it(`refuses ${JSON.stringify(text.slice(0, 30))}`, () => {
        const result = cleanPersonName(text);
        expect(result.ok).to.equal(false);
        if (!result.ok) expect(result.problem).to.match(problem);
      });
    }
  });

  describe('cleanFreeText', () => {
    it('removes control characters and collapses whitespace', () => {
      expect(cleanFreeText('  Pain in\r\nmy\tleft leg\u0007 \u202esince May  ', 200)).to.equal('Pain in my left leg since May');
    });

    it('leaves short text alone', () => {
      expect(cleanFreeText('Sciatica, left side', 19)).to.equal('Sciatica, left side');
    });

    it('cuts long text at a word boundary and marks the cut', () => {
      const cut = cleanFreeText('Shooting pain down the back of my right leg for three weeks', 30);
      expect(cut).to.equal('Shooting pain down the back…');
      expect(cut.length).to.be.at.most(30);
    });

    it('cuts one very long word where it must', () => {
      const cut = cleanFreeText('x'.repeat(50), 10);
      expect(cut).to.equal(`${'x'.repeat(9)}…`);
    });

    it('never exceeds the limit', () => {
      const text = 'word '.repeat(500);
      for (const limit of [1, 2, 5, 17, 80, 500]) expect(cleanFreeText(text, limit).length).to.be.at.most(limit);
    });
  });
});
