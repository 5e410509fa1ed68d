import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { SAFETY_REMINDER } from '../../screening/guidance.js';
import { buttonsOf, Conversation, lastChannelData, textOf } from '../support/botHarness.js';

describe('conversations: red flags, at any point', () => {
  let chat: Conversation;
  beforeEach(async () => {
    chat = await Conversation.start();
  });
  afterEach(() => chat.close());

  it('tells someone with emergency signs to call 911 first and plainly, with the flags in channelData', async () => {
    const replies = await chat.say("my dad can't pee and his legs are weak");
    expect(replies).to.have.length(1);
    expect(replies[0]?.text).to.match(/^Please call 911 or go to the nearest emergency department now\./);
    expect(replies[0]?.text).to.match(/drive/i);
    const redFlag = lastChannelData(replies).redFlag;
    expect(redFlag?.level).to.equal('emergency');
    expect(redFlag?.flags).to.include('urinary-retention');
  });

  it('does not frighten someone who says they have no such problems', async () => {
    const replies = await chat.say('no bladder problems, just leg pain when I sit');
    expect(lastChannelData(replies).redFlag).to.equal(undefined);
    expect(textOf(replies)).not.to.match(/911/);
    expect(lastChannelData(replies).topic, 'not the red-flags topic: they said they have none').to.not.equal('red-flags');
  });

  it('answers a question about red flags from the red-flags topic with a safety reminder', async () => {
    const replies = await chat.say('can sciatica affect the bladder?');
    expect(lastChannelData(replies).redFlag).to.equal(undefined);
    expect(lastChannelData(replies).topic).to.equal('red-flags');
    expect(textOf(replies)).to.include(SAFETY_REMINDER);
  });

  it('stops an appointment request in progress on an emergency, and sends nothing', async () => {
    await chat.say('book an appointment in Bowie');
    await chat.say('Jane Doe');
    const replies = await chat.say("actually I can't feel anything when I wipe since this morning");
    expect(lastChannelData(replies).redFlag?.level).to.equal('emergency');
    expect(textOf(replies)).to.match(/^Please call 911/);
    expect(textOf(replies)).to.match(/stopped your appointment request/);
    expect(textOf(replies)).to.include('(410) 555-0100');
    // The request is over: the next message is not taken as a phone number.
    const after = await chat.say('301 555 0123');
    expect(lastChannelData(after).prompt).to.equal(undefined);
    expect(chat.submitted).to.have.length(0);
  });

  it('stops the request when a screening question is answered "yes" to an emergency sign', async () => {
    await chat.say('book an appointment in Crofton');
    await chat.say('Sam Lee');
    await chat.say('410 555 0111');
    await chat.say('skip');
    await chat.say('Any time');
    const first = await chat.say('skip');
    expect(lastChannelData(first).prompt).to.match(/^screening:/);
    const replies = await chat.say('Yes');
    expect(lastChannelData(replies).redFlag?.level).to.equal('emergency');
    expect(chat.submitted).to.have.length(0);
  });

  it('gives same-day advice for an urgent flag and lets the request go on, carrying the flag to the clinic', async () => {
    await chat.say('book an appointment in Frederick');
    await chat.say('Ana Ruiz');
    await chat.say('301 555 0150');
    await chat.say('skip');
    await chat.say('Weekday mornings');
    const urgent = await chat.say("I've had a fever and chills with this back pain since Sunday");
    expect(lastChannelData(urgent).redFlag?.level).to.equal('urgent');
    expect(textOf(urgent)).to.match(/today/i);
    // The request carries on with the next question.
    expect(lastChannelData(urgent).prompt).to.match(/^screening:/);
    let replies = urgent;
    for (let i = 0; i < 10 && String(lastChannelData(replies).prompt).startsWith('screening'); i++) replies = await chat.say('No');
    await chat.say('Yes, contact me');
    const sent = await chat.say('Send request');
    expect(lastChannelData(sent).appointmentRequest?.clinic).to.equal('frederick');
    expect(chat.submitted[0]?.request.redFlags.map((flag) => flag.id)).to.include('fever');
  });

  it('asks one closed question about an ambiguous mention; "yes" escalates', async () => {
    const question = await chat.say("I've been leaking a bit");
    expect(lastChannelData(question).redFlag).to.equal(undefined);
    expect(lastChannelData(question).prompt).to.match(/^screening:/);
    expect(buttonsOf(question)).to.deep.equal(['Yes', 'No']);
    const replies = await chat.say('yes');
    expect(lastChannelData(replies).redFlag?.level).to.equal('emergency');
  });

  it('asks one closed question about an ambiguous mention; "no" reassures and goes back to what was going on', async () => {
    await chat.say('book an appointment in Bowie');
    const question = await chat.say('my butt feels weird');
    expect(lastChannelData(question).prompt).to.match(/^screening:/);
    const replies = await chat.say('no');
    expect(lastChannelData(replies).redFlag).to.equal(undefined);
    expect(lastChannelData(replies).prompt).to.equal('name');
  });

  it('asks instead of sending an ordinary question to a doctor today when only a risk word raised it; after "no" it answers the question', async () => {
    // Written for this test: the rules alone would give same-day advice for the chills.
    const question = await chat.say('Got the shivers after swimming in the lake. What exercises help sciatica?');
    expect(lastChannelData(question).redFlag).to.equal(undefined);
    expect(lastChannelData(question).prompt).to.equal('screening:fever');
    expect(textOf(question)).not.to.match(/today/i);
    const replies = await chat.say('No');
    expect(replies[0]?.text).to.match(/reassuring/);
    expect(lastChannelData(replies).redFlag).to.equal(undefined);
    expect(lastChannelData(replies).topic, 'the answer to the question about exercises').to.equal('home-exercises');
  });

  it('after "yes" to that question gives same-day advice first, then still answers the question', async () => {
    await chat.say('Got the shivers after swimming in the lake. What exercises help sciatica?');
    const replies = await chat.say('Yes');
    expect(replies[0]?.text).to.match(/today/i);
    expect(lastChannelData(replies).redFlag).to.deep.equal({ level: 'urgent', flags: ['fever'] });
    expect(lastChannelData(replies).topic, 'the answer to the question about exercises').to.equal('home-exercises');
  });

  it('records each flag for audit without the message text', async () => {
    await chat.say('my wife peed herself without noticing and her legs keep giving way');
    const files = await readdir(chat.insightsDir);
    const audit = files.find((name) => name.startsWith('redflags-'));
    const content = await readFile(path.join(chat.insightsDir, audit ?? ''), 'utf8');
    expect(content).to.include('"level":"emergency"');
    expect(content).not.to.match(/wife|peed|legs/);
  });

  it('sends someone to emergency care when only the learned model recognises the emergency, and asks them to tell the staff what they told the bot', async () => {
    const replies = await chat.say('ever since my back went I just go in my pants without knowing, is that normal');
    expect(replies[0]?.text).to.match(/^Please call 911 or go to the nearest emergency department now\./);
    expect(replies[0]?.text).to.include('tell the staff what you have told me');
    expect(lastChannelData(replies).redFlag?.level).to.equal('emergency');
    const files = await readdir(chat.insightsDir);
    const content = await readFile(path.join(chat.insightsDir, files.find((name) => name.startsWith('redflags-')) ?? ''), 'utf8');
    expect(content).to.include('"via":"learned-model"');
  });

  it('reads a name typed into the appointment request as a name, not a symptom', async () => {
    await chat.say('book an appointment in Bowie');
    const replies = await chat.say('Peter John Wee');
    expect(lastChannelData(replies).redFlag).to.equal(undefined);
    expect(lastChannelData(replies).prompt).to.equal('phone');
  });
});
