import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { SCREENING_WHY } from '../../screening/screeningQuestions.js';
import { buttonsOf, Conversation, lastChannelData, textOf } from '../support/botHarness.js';

/** Answers "No" to each screening question until the consent question comes. */
async function answerScreeningNo(chat: Conversation, first: Partial<Activity>[]): Promise<Partial<Activity>[]> {
  let replies = first;
  for (let i = 0; i < 10 && String(lastChannelData(replies).prompt).startsWith('screening'); i++) replies = await chat.say('No');
  return replies;
}

/** Runs a request from "book" to the summary, answering every question plainly. */
async function fillRequest(chat: Conversation, opening = 'I would like to book an appointment in Bowie'): Promise<Partial<Activity>[]> {
  await chat.say(opening);
  await chat.say("Jane O'Neil");
  await chat.say('301 555 0123');
  await chat.say('jane@example.com');
  await chat.say('Weekday mornings');
  const screening = await chat.say('sciatica down my left leg when I sit');
  const consent = await answerScreeningNo(chat, screening);
  expect(lastChannelData(consent).prompt).to.equal('consent');
  return chat.say('Yes, contact me');
}

describe('the appointment request dialog', () => {
  let chat: Conversation;
  afterEach(() => chat.close());

  it('collects the request, shows a summary, and on "Send" queues it and says when staff will call', async () => {
    chat = await Conversation.start();
    const opening = await chat.say('I would like to book an appointment in Bowie');
    // The clinic named in the first message is not asked again: the next question is the name.
    expect(textOf(opening)).to.include('Forever Fit Bowie');
    expect(lastChannelData(opening).prompt).to.equal('name');

    expect(lastChannelData(await chat.say("Jane O'Neil")).prompt).to.equal('phone');
    expect(lastChannelData(await chat.say('301 555 0123')).prompt).to.equal('email');
    const times = await chat.say('jane@example.com');
    expect(lastChannelData(times).prompt).to.equal('preferredTimes');
    expect(buttonsOf(times)).to.include('Weekday mornings');
    expect(lastChannelData(await chat.say('Weekday mornings')).prompt).to.equal('reason');
    const screening = await chat.say('sciatica down my left leg when I sit');
    expect(lastChannelData(screening).prompt).to.match(/^screening/);
    expect(textOf(screening)).to.include(SCREENING_WHY);
    expect(buttonsOf(screening)).to.deep.equal(['Yes', 'No']);
    const consent = await answerScreeningNo(chat, screening);
    expect(lastChannelData(consent).prompt).to.equal('consent');

    const summary = await chat.say('Yes, contact me');
    expect(lastChannelData(summary).prompt).to.equal('confirm');
    const shown = textOf(summary);
    for (const value of ['Forever Fit Bowie', "Jane O'Neil", '(301) 555-0123', 'jane@example.com', 'Weekday mornings', 'sciatica down my left leg when I sit']) {
      expect(shown).to.include(value);
    }
    expect(buttonsOf(summary)).to.deep.equal(['Send request', 'Change something', 'Cancel']);

    const sent = await chat.say('Send request');
    const receipt = lastChannelData(sent).appointmentRequest;
    expect(receipt?.clinic).to.equal('bowie');
    expect(receipt?.status).to.equal('queued');
    expect(receipt?.id).to.match(/^FF-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(textOf(sent)).to.include(receipt?.id);
    // Tuesday 10:00 AM in Maryland: the clinic is open, so staff call today.
    expect(textOf(sent)).to.match(/call you today/);

    expect(chat.submitted).to.have.length(1);
    const { request, clinic } = chat.submitted[0] ?? {};
    expect(clinic?.id).to.equal('bowie');
    expect(request).to.deep.include({ clinicId: 'bowie', preferredTimes: 'Weekday mornings', reason: 'sciatica down my left leg when I sit', consentToContact: true });
    expect(request?.patient).to.deep.equal({ name: "Jane O'Neil", phone: '(301) 555-0123', email: 'jane@example.com' });
    expect(request?.screening.length).to.be.greaterThan(0);
    expect(request?.screening.every((answer) => answer.answer === 'no')).to.equal(true);
    expect(request?.redFlags).to.deep.equal([]);
  });

  it('after hours, names the next opening as the follow-up time', async () => {
    chat = await Conversation.start({ now: new Date('2026-11-28T01:00:00Z') }); // Friday 8:00 PM in Maryland
    await fillRequest(chat);
    const sent = await chat.say('Send request');
    expect(textOf(sent)).to.match(/call you (Monday|tomorrow) at \d{1,2}:\d{2} (AM|PM)/);
  });

  it('asks for the clinic with a button per clinic, and finds the nearest from a town or ZIP code', async () => {
    chat = await Conversation.start();
    const first = await chat.say('can I make an appointment?');
    expect(lastChannelData(first).prompt).to.equal('clinic');
    expect(buttonsOf(first)).to.have.members(['Severna Park', 'Frederick', 'Crofton', 'Bowie', 'Gaithersburg']);
    const chosen = await chat.say('21401');
    expect(textOf(chosen)).to.match(/nearest clinic to Annapolis.*Forever Fit Severna Park/);
    expect(lastChannelData(chosen).prompt).to.equal('name');
  });

  it('re-asks a wrong answer saying what was wrong, and offers the clinic phone after three tries', async () => {
    chat = await Conversation.start();
    await chat.say('book an appointment in Frederick');
    await chat.say('Sam Lee');
    const first = await chat.say('call me maybe');
    expect(lastChannelData(first).prompt).to.equal('phone');
    expect(textOf(first)).to.match(/phone number/i);
    expect(textOf(first)).not.to.include('555-0102');
    await chat.say('12345');
    const third = await chat.say('not telling');
    expect(lastChannelData(third).prompt).to.equal('phone');
    expect(textOf(third)).to.include('(301) 555-0102');
    expect(lastChannelData(await chat.say('(301) 555-0188')).prompt).to.equal('email');
  });

  it('answers a question asked in the middle and then asks its own question again', async () => {
    chat = await Conversation.start();
    await chat.say('book an appointment in Crofton');
    await chat.say('Sam Lee');
    const aside = await chat.say('how long is a session?');
    expect(aside.some((reply) => (reply.channelData as { topic?: string } | undefined)?.topic === 'session-length')).to.equal(true);
    expect(lastChannelData(aside).prompt).to.equal('phone');
    expect(lastChannelData(await chat.say('410-555-0177')).prompt).to.equal('email');
  });

  it('lets the visitor change one answer from the summary, asking only that again', async () => {
    chat = await Conversation.start();
    await fillRequest(chat);
    const which = await chat.say('Change something');
    expect(buttonsOf(which)).to.include('Phone');
    const phone = await chat.say('Phone');
    expect(lastChannelData(phone).prompt).to.equal('phone');
    const summary = await chat.say('240-555-0199');
    expect(lastChannelData(summary).prompt).to.equal('confirm');
    expect(textOf(summary)).to.include('(240) 555-0199');
    expect(textOf(summary)).to.include("Jane O'Neil");
    await chat.say('Send request');
    expect(chat.submitted[0]?.request.patient.phone).to.equal('(240) 555-0199');
  });

  it('skips the optional email and reason when the visitor says so', async () => {
    chat = await Conversation.start();
    await chat.say('schedule me at gaithersburg');
    await chat.say('Ana Ruiz');
    await chat.say('301.555.0150');
    await chat.say('skip');
    await chat.say('Saturday');
    const screening = await chat.say('Skip');
    const consent = await answerScreeningNo(chat, screening);
    const summary = await chat.say('yes');
    expect(textOf(summary)).to.match(/Email: \(not given\)/);
    await chat.say('Send request');
    expect(chat.submitted[0]?.request.patient.email).to.equal(undefined);
    expect(chat.submitted[0]?.request.reason).to.equal(undefined);
    expect(consent).to.not.equal(undefined);
  });

  it('ends on "cancel" and sends nothing', async () => {
    chat = await Conversation.start();
    await chat.say('book an appointment in Bowie');
    await chat.say('Jane Doe');
    const cancelled = await chat.say('cancel');
    expect(textOf(cancelled)).to.match(/cancelled.*Nothing was sent/s);
    expect(chat.submitted).to.have.length(0);
    // The request is over: the next message is a question again, not a phone number.
    expect(lastChannelData(await chat.say('what is sciatica')).topic).to.equal('sciatica-what-is');
  });

  it('sends nothing without consent to be contacted, and says how to reach the clinic', async () => {
    chat = await Conversation.start();
    await chat.say('book an appointment in Bowie');
    await chat.say('Jane Doe');
    await chat.say('301 555 0123');
    await chat.say('skip');
    await chat.say('Any time');
    const screening = await chat.say('skip');
    await answerScreeningNo(chat, screening);
    const declined = await chat.say('No');
    expect(textOf(declined)).to.include('(301) 555-0104');
    expect(chat.submitted).to.have.length(0);
  });

  it('does not say the request was received when it could not be stored', async () => {
    chat = await Conversation.start({ failSubmit: true });
    await fillRequest(chat);
    const failed = await chat.say('Send request');
    expect(textOf(failed)).to.match(/couldn't save your request/);
    expect(lastChannelData(failed).appointmentRequest).to.equal(undefined);
  });
});
