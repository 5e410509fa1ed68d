import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadKnowledgeBase } from '../../knowledge/load.js';
import { KnowledgeIndex } from '../../knowledge/retrieval.js';
import { DEFAULT_INTENTS_FILE, loadIntents } from '../../routing/intents.js';
import { routeMessage, type Route } from '../../routing/router.js';

describe('routeMessage', () => {
  const kb = loadKnowledgeBase();
  const index = KnowledgeIndex.build(kb);

  function expectRoute(cases: [string, Route][]): void {
    for (const [text, route] of cases) {
      it(`"${text}" → ${JSON.stringify(route)}`, () => {
        expect(routeMessage(text, index)).to.deep.equal(route);
      });
    }
  }

  describe('button clicks (exact topic titles) come first', () => {
    for (const topic of kb.topics) {
      it(`"${topic.title}" → ${topic.id}`, () => {
        expect(routeMessage(topic.title, index)).to.deep.equal({ kind: 'topic', topicId: topic.id });
      });
    }
  });

  describe('commands, only when that is the whole message', () => {
    expectRoute([
      ['help', { kind: 'command', command: 'help' }],
      ['Help', { kind: 'command', command: 'help' }],
      ['Menu', { kind: 'command', command: 'help' }],
      ['what can you do?', { kind: 'command', command: 'help' }],
      ['help please', { kind: 'command', command: 'help' }],
      ['cancel', { kind: 'command', command: 'cancel' }],
      ['STOP', { kind: 'command', command: 'cancel' }],
      ['never mind', { kind: 'command', command: 'cancel' }],
      ['quit', { kind: 'command', command: 'cancel' }],
      ['start over', { kind: 'command', command: 'restart' }],
      ['restart', { kind: 'command', command: 'restart' }],
      ['reset', { kind: 'command', command: 'restart' }],
    ]);
    it('a question that contains a command word is not a command', () => {
      expect(routeMessage('how do I stop sciatica from coming back', index).kind).to.not.equal('command');
      expect(routeMessage('can physical therapy help with sciatica', index).kind).to.not.equal('command');
    });
  });

  describe('"tell me more"', () => {
    expectRoute([
      ['Tell me more', { kind: 'more' }],
      ['more', { kind: 'more' }],
      ['more info', { kind: 'more' }],
      ['go on', { kind: 'more' }],
    ]);
  });

  describe('medication and dosing questions', () => {
    expectRoute([
      ['how much ibuprofen should I take', { kind: 'medication' }],
      ['can I mix tylenol and advil', { kind: 'medication' }],
      ['what pills help sciatica', { kind: 'medication' }],
      ['is a muscle relaxer good for back pain', { kind: 'medication' }],
      ['should I see a doctor before taking meds', { kind: 'medication' }],
      ['do steroid injections work', { kind: 'medication' }],
      ['gabapentin dose', { kind: 'medication' }],
      ['how much ibuprofin can i take', { kind: 'medication' }],
    ]);
    it('surgery and drug-free care are not medication questions', () => {
      expect(routeMessage('is surgery needed for sciatica', index)).to.deep.equal({ kind: 'topic', topicId: 'surgery' });
      expect(routeMessage('can PT help without medication', index).kind).to.not.equal('medication');
    });
    it('"not pills" asks for care without medicines, unless a medicine is named as well', () => {
      expect(routeMessage('what helps my sciatica tonight, not pills', index)).to.deep.equal({ kind: 'topic', topicId: 'pain-relief-at-home' });
      expect(routeMessage("anything I can do at home that isn't medication?", index)).to.deep.equal({ kind: 'topic', topicId: 'pain-relief-at-home' });
      expect(routeMessage("I don't want to take pills, what else helps sciatica", index).kind).to.not.equal('medication');
      expect(routeMessage('not ibuprofen, can I take tylenol instead', index)).to.deep.equal({ kind: 'medication' });
    });
  });

  describe('appointment requests', () => {
    expectRoute([
      ['book', { kind: 'booking' }],
      ['I want to book an appointment', { kind: 'booking' }],
      ['schedule', { kind: 'booking' }],
      ['make an appt', { kind: 'booking' }],
      ['we want to come in this week', { kind: 'booking' }],
      ['Request an appointment', { kind: 'booking' }],
      ['set my wife up with a therapist', { kind: 'booking' }],
      ['could we get in tomorrow at crofton', { kind: 'booking' }],
      ["I'd like to see a physio next week", { kind: 'booking' }],
      ['please put me on the schedule', { kind: 'booking' }],
      ['appointment in Bowie next week', { kind: 'booking' }],
      ['can someone see me', { kind: 'booking' }],
      ['can i book an apointment for tuesday', { kind: 'booking' }],
      ['I need to see a physical therapist', { kind: 'booking' }],
      ['schedule pt for my mom', { kind: 'booking' }],
      ['please book physio', { kind: 'booking' }],
      ['can we get him on your schedule', { kind: 'booking' }],
      ['please arrange for my mother to see a therapist at bowie', { kind: 'booking' }],
      ['could we come to the Frederick office next week', { kind: 'booking' }],
      ['How do I make an appointment?', { kind: 'booking' }],
      ['how can I get booked in at Bowie?', { kind: 'booking' }],
      ["I'd like to make a booking for my mum", { kind: 'booking' }],
      ['please fix an appointment for my father', { kind: 'booking' }],
      ['reschedule', { kind: 'booking' }],
      ["ok let's book it then", { kind: 'booking' }],
      ['book initial assessment Gaithersburg', { kind: 'booking' }],
      ['can I move my appointment on the 18th? something came up at work', { kind: 'booking' }],
      ['need to cancel and rebook my Monday session in Frederick', { kind: 'booking' }],
    ]);
    describe('but not other bookings or questions about visits', () => {
      expectRoute([
        ['book a flight', { kind: 'unknown' }],
        ['make me a dentist appointment', { kind: 'unknown' }],
        ['schedule of the bus', { kind: 'unknown' }],
        ['set up an appointment with my lawyer', { kind: 'unknown' }],
        ['flu shot at a pharmacy in Bowie, do I need an appointment', { kind: 'unknown' }],
      ]);
      for (const text of [
        'what book should I read about sciatica',
        'what happens at my first appointment',
        'how long is an appointment',
        'what should I wear to my appointment',
        'my appointment is on tuesday, what do I bring',
        'what can I do for the pain until my appointment',
        'how do I get in and out of the car with sciatica',
        // a question after an opener ("so", "ok and") is still a question
        'so do I need a doctors note to come in',
        'I was wondering if I can just come in for sciatica without seeing my doctor first',
        // what helps until the visit, and which symptoms mean being seen today, are questions for the knowledge base
        'what do people do for relief when sciatica flares on a weekend and they cannot be seen',
        'why do doctors always ask about bladder and bowel control when you come in with back pain',
        // booking someone else's service is no appointment request
        'need to know how long to book the babysitter for each appointment',
      ]) {
        it(`"${text}" is not a booking`, () => {
          expect(routeMessage(text, index).kind).to.not.equal('booking');
        });
      }
    });
  });

  describe('requests and questions that mention family, work or another service', () => {
    describe('a request for someone else, or with a story, is still a booking', () => {
      expectRoute([
        ['can I bring my mom in for an evaluation on friday', { kind: 'booking' }],
        ['my husband needs an appointment next week', { kind: 'booking' }],
        ['I have a referral from my doctor, can I book for Tuesday', { kind: 'booking' }],
        ['book my dad in at crofton please, he is 80', { kind: 'booking' }],
        ['my grandson is home from college and wants to come in this week for his back', { kind: 'booking' }],
        ['my coach told me to get evaluated, can I come in Monday', { kind: 'booking' }],
        ['could we get in wednesday afternoon at gaithersburg', { kind: 'booking' }],
        ['can my wife see a therapist in Crofton next week', { kind: 'booking' }],
        ['My dad has sciatica. Could we set up a time at the Frederick clinic?', { kind: 'booking' }],
        ['is there an open slot at Bowie on Thursday', { kind: 'booking' }],
        ['Book me for Friday at Severna Park, I get off my shift at the post office at 2', { kind: 'booking' }],
      ]);
    });
    describe('a visit already booked, or weighed against urgent care, is a question', () => {
      for (const text of [
        "my eval isn't until Thursday, what can I do for the pain till then",
        'how do I know it is an emergency rather than something to book an appointment for',
        'how do I find time for my exercises',
        'is the Bowie clinic open on Saturday mornings',
      ]) {
        it(`"${text}" is not a booking`, () => {
          expect(routeMessage(text, index).kind).to.not.equal('booking');
        });
      }
    });
    describe('what to wear or bring, or whether one may come, is a question, not a booking', () => {
      expectRoute([
        ['can she come in sweatpants or does she need shorts', { kind: 'topic', topicId: 'prepare-for-visit' }],
        ['my wife has her first PT visit on monday, what does she need to bring', { kind: 'topic', topicId: 'prepare-for-visit' }],
        ['is it ok to come in my work clothes', { kind: 'topic', topicId: 'prepare-for-visit' }],
        ['my doctor didnt refer me, can I still be seen', { kind: 'topic', topicId: 'referral' }],
        ['do i need an mri befor coming in', { kind: 'topic', topicId: 'imaging' }],
        ['can I bring my mri in with me on monday', { kind: 'topic', topicId: 'prepare-for-visit' }],
      ]);
    });
    describe('a question about a visit that the knowledge base is sure of gets its answer; a request stays a request', () => {
      expectRoute([
        ['appointment length?', { kind: 'topic', topicId: 'session-length' }],
        ['visit length', { kind: 'topic', topicId: 'session-length' }],
        ['can I come in without seeing a doctor first', { kind: 'topic', topicId: 'referral' }],
        ["my mum's first appointment is thursday, what will they do with her there?", { kind: 'topic', topicId: 'first-visit' }],
        ['Should I bring a list of my medications to the visit?', { kind: 'topic', topicId: 'prepare-for-visit' }],
        ['my eval is on monday, what will they do there', { kind: 'topic', topicId: 'first-visit' }],
        ['does my family doctor need to sign off before I can book PT?', { kind: 'topic', topicId: 'referral' }],
        // asked outright, though the knowledge base is sure of a topic
        ['can i come in tomorrow without a doctors referral?', { kind: 'booking' }],
        ['can you book me a 30 minute session?', { kind: 'booking' }],
        ['Should I bring a list of my medications to the visit? Is it safe to skip them that day?', { kind: 'medication' }],
        ['can I take my medications before the visit', { kind: 'medication' }],
        ['how much ibuprofen should I take before my appointment?', { kind: 'medication' }],
      ]);
    });
    describe('an appointment somewhere else is declined', () => {
      expectRoute([
        ['book a notary appointment at my bank', { kind: 'unknown' }],
        ['my wife wants me to make a hair appointment for her', { kind: 'unknown' }],
        ['I need a passport appointment at the post office in Bowie', { kind: 'unknown' }],
      ]);
    });
    describe('a medication question about a family member is still a medication question', () => {
      expectRoute([
        ['my mom takes gabapentin for her sciatica, is that ok', { kind: 'medication' }],
        ['my husband wants to know how much advil he can take', { kind: 'medication' }],
        ['my grandma was prescribed a muscle relaxer, is it safe with her sciatica', { kind: 'medication' }],
        ['my coach says to take naproxen before games, how much', { kind: 'medication' }],
      ]);
    });
  });

  describe('small talk, only when the message is just that', () => {
    expectRoute([
      ['hi', { kind: 'smalltalk', act: 'greeting' }],
      ['Hello there!', { kind: 'smalltalk', act: 'greeting' }],
      ['good morning 🙂', { kind: 'smalltalk', act: 'greeting' }],
      ['thanks', { kind: 'smalltalk', act: 'thanks' }],
      ['ok thank you so much', { kind: 'smalltalk', act: 'thanks' }],
      ['bye', { kind: 'smalltalk', act: 'goodbye' }],
      ['yes', { kind: 'smalltalk', act: 'affirm' }],
      ['yep sounds good', { kind: 'smalltalk', act: 'affirm' }],
      ['no', { kind: 'smalltalk', act: 'deny' }],
      ['no thanks', { kind: 'smalltalk', act: 'deny' }],
      ['hi, what is sciatica?', { kind: 'topic', topicId: 'sciatica-what-is' }],
      ['What is sciatica?', { kind: 'topic', topicId: 'sciatica-what-is' }],
    ]);
  });

  describe('knowledge-base questions, including typos and slang', () => {
    expectRoute([
      ['does PT help sciatica', { kind: 'topic', topicId: 'pt-effectiveness' }],
      ['wat is sciatcia', { kind: 'topic', topicId: 'sciatica-what-is' }],
      ['where r ur clinics', { kind: 'topic', topicId: 'clinic-locations' }],
      ['do i need a referal', { kind: 'topic', topicId: 'referral' }],
      // chat shorthand for times and people is everyday talk, not words of another subject
      ['r u guys open tmr', { kind: 'topic', topicId: 'clinic-hours' }],
      ['open on fri?', { kind: 'topic', topicId: 'clinic-hours' }],
      ['whats the phone number, i want to call 2moro', { kind: 'topic', topicId: 'contact-human' }],
      ['whats your number', { kind: 'topic', topicId: 'contact-human' }],
      // "dose" typed for "does" is no medication question
      ['how long dose each visit last', { kind: 'topic', topicId: 'session-length' }],
      ['how many wks of pt do ppl usually need', { kind: 'topic', topicId: 'recovery-time' }],
      // older and regional words, and other languages named
      ['is a bone setter better than physio', { kind: 'topic', topicId: 'pt-vs-chiropractor' }],
      ['can lumbago go away on its own', { kind: 'topic', topicId: 'natural-course' }],
      ['can i talk to someone who speaks spanish', { kind: 'topic', topicId: 'contact-human' }],
      ['opening times for bowie?', { kind: 'topic', topicId: 'clinic-hours' }],
      ['which symptoms mean I need an ER visit?', { kind: 'topic', topicId: 'red-flags' }],
      ['whats dry kneeling', { kind: 'topic', topicId: 'manual-therapy' }],
      ['is there anyone I can have a yarn with, not a bot', { kind: 'topic', topicId: 'contact-human' }],
    ]);
  });

  describe('messages that merely contain a clinic or domain word', () => {
    expectRoute([
      ['burrito place in Bowie', { kind: 'unknown' }],
      ['book a flight', { kind: 'unknown' }],
      ['how long to roast a turkey', { kind: 'unknown' }],
      ['is my homeowners insurance going up', { kind: 'unknown' }],
      ['eye doctor in Frederick', { kind: 'unknown' }],
    ]);
  });

  describe('any input', () => {
    const hostile = [
      '',
      '   ',
      '🙂🙂🙂',
      '你好，坐骨神经痛是什么',
      'ما هو عرق النسا؟',
      '\u202Ehelp\u202C',
      '\u200B\u200B\u200B',
      '<img src=x onerror=alert(1)>',
      'book '.repeat(10_000),
      'x'.repeat(50_000),
    ];
    for (const text of hostile) {
      it(`routes ${JSON.stringify(text.slice(0, 20))}${text.length > 20 ? '…' : ''} without throwing`, () => {
        const started = Date.now();
        const route = routeMessage(text, index);
        expect(route.kind).to.be.a('string');
        expect(Date.now() - started).to.be.below(200);
      });
    }
    it('answers the question at the end of a 3,000-character story', () => {
      const story =
        'It started in March when I slipped on the ice in our driveway and landed hard on my backside. '.repeat(29) +
        'Since then the pain has moved from my lower back into my right leg, down to the ankle, mostly when I sit. ' +
        'Do I need an MRI or an x-ray before I start physical therapy?';
      expect(story.length).to.be.within(2800, 3200);
      expect(routeMessage(story, index)).to.deep.equal({ kind: 'topic', topicId: 'imaging' });
    });
    it('treats empty, emoji-only and unreadable messages as unknown', () => {
      for (const text of ['', '   ', '🙂🙂🙂', '\u200B']) expect(routeMessage(text, index)).to.deep.equal({ kind: 'unknown' });
    });
    it('reads a command through invisible characters', () => {
      expect(routeMessage('\u202Ehelp\u202C', index)).to.deep.equal({ kind: 'command', command: 'help' });
    });
  });
});

describe('intents file', () => {
  it('loads the shipped file', () => {
    expect(loadIntents().commands.help.whole).to.include('help');
  });

  it('names the field of a broken regular expression', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'intents-'));
    const file = path.join(dir, 'intents.yaml');
    const broken = readFileSync(DEFAULT_INTENTS_FILE, 'utf8').replace(/^ {2}patterns:\n/m, "  patterns:\n    - '(unclosed'\n");
    writeFileSync(file, broken);
    expect(() => loadIntents(file)).to.throw(/medication\.patterns\.0.*regular expression/);
  });
});
