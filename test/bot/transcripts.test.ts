import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import sinon from 'sinon';
import path from 'node:path';
import { buttonsOf, channelDataOf, Conversation, lastChannelData, realData, textOf } from '../support/botHarness.js';

describe('conversations: answers, welcome, help and cancel', () => {
  let chat: Conversation;
  beforeEach(async () => {
    chat = await Conversation.start();
  });
  afterEach(() => chat.close());

  it('welcomes a visitor who opens the chat: who it is, that it is automated, what to do in an emergency, and topic buttons', async () => {
    const replies = await chat.open();
    expect(replies).to.have.length(1);
    const text = textOf(replies);
    expect(text).to.match(/assistant/i);
    expect(text).to.match(/automated/i);
    expect(text).to.match(/not a diagnosis/i);
    expect(text).to.match(/911/);
    const buttons = buttonsOf(replies);
    expect(buttons).to.include('Request an appointment');
    expect(buttons.length).to.be.within(3, 5);
  });

  it('welcomes once, not again when the same visitor is added again', async () => {
    await chat.open();
    expect(await chat.open()).to.have.length(0);
  });

  it('answers a question from the knowledge base with its sources and related topics as buttons', async () => {
    const replies = await chat.say('what is sciatica');
    expect(lastChannelData(replies).topic).to.equal('sciatica-what-is');
    const topic = realData().kb.topicsById.get('sciatica-what-is');
    expect(textOf(replies)).to.include(topic?.answer.trim().slice(0, 40));
    expect(textOf(replies)).to.match(/_Sources: .+_/);
    const related = topic?.related.map((id) => realData().kb.topicsById.get(id)?.title);
    expect(buttonsOf(replies)).to.include.members(related as string[]);
  });

  it('answers a button click (the topic title) with that topic', async () => {
    const { kb } = realData();
    for (const topic of kb.topics) {
      const replies = await chat.say(topic.title);
      expect(lastChannelData(replies).topic, topic.title).to.equal(topic.partOf ?? topic.id);
    }
  });

  it('shows an exercise as a card with the drawing and numbered steps', async () => {
    const { kb } = realData();
    const bridge = kb.topicsById.get('bridge-exercise');
    const replies = await chat.say(bridge?.title ?? '');
    expect(lastChannelData(replies).topic, 'the contract id of the exercises').to.equal('home-exercises');
    const card = replies[0]?.attachments?.[0];
    expect(card?.contentType).to.equal('application/vnd.microsoft.card.adaptive');
    const body = JSON.stringify(card?.content);
    expect(body).to.include(`/illustrations/${bridge?.exercise?.illustration}`);
    expect(body).to.include(`1. ${bridge?.exercise?.steps[0]}`);
    expect(body).to.include(bridge?.exercise?.safety);
  });

  it('gives "Tell me more" for the last topic', async () => {
    const first = await chat.say('What is sciatica?');
    expect(buttonsOf(first)).to.include('Tell me more');
    const more = await chat.say('Tell me more');
    expect(lastChannelData(more).topic).to.equal('sciatica-what-is');
    expect(textOf(more)).to.include(realData().kb.topicsById.get('sciatica-what-is')?.more?.trim().slice(0, 30));
  });

  it('answers "are you open now?" truthfully for the clinic asked about, at this moment', async () => {
    // The harness clock is Tuesday 10:00 AM in Maryland, within every clinic's hours.
    const replies = await chat.say('is the Bowie clinic open right now?');
    expect(lastChannelData(replies).topic).to.equal('clinic-hours');
    expect(textOf(replies)).to.match(/Forever Fit Bowie is open now/);
  });

  it('falls back honestly for a question it cannot answer, offering booking and the phone, and records it for staff', async () => {
    const replies = await chat.say("what's a good pizza place in Bowie?");
    expect(lastChannelData(replies).topic).to.equal('unknown');
    expect(textOf(replies)).to.match(/don't have an answer/);
    expect(textOf(replies)).to.match(/\(410\) 555-0100/);
    expect(buttonsOf(replies)).to.include('Request an appointment');
    const files = await readdir(chat.insightsDir);
    const unanswered = files.find((name) => name.startsWith('unanswered-'));
    expect(await readFile(path.join(chat.insightsDir, unanswered ?? ''), 'utf8')).to.include('pizza place in Bowie');
  });

  it('refuses medication and dosing questions and points to a doctor or pharmacist', async () => {
    const replies = await chat.say('how much ibuprofen can I take for sciatica?');
    expect(textOf(replies)).to.match(/doctor or pharmacist/);
    expect(lastChannelData(replies).topic).to.equal(undefined);
  });

  it('explains what it can do on "help"', async () => {
    const replies = await chat.say('help');
    expect(textOf(replies)).to.match(/Here is what I can do/);
    expect(buttonsOf(replies)).to.include('Request an appointment');
  });

  it('says there is nothing to cancel when nothing is going on', async () => {
    expect(textOf(await chat.say('cancel'))).to.match(/nothing to cancel/i);
  });

  it('starts over on "start over", greeting again', async () => {
    await chat.say('I want to book an appointment');
    const replies = await chat.say('start over');
    expect(textOf(replies)).to.match(/start over/i);
    expect(textOf(replies)).to.match(/assistant/i);
    // The appointment request is gone: a name is not taken as an answer to it.
    expect(lastChannelData(await chat.say('what is sciatica')).topic).to.equal('sciatica-what-is');
  });

  it('offers "Did you mean…?" choices when unsure, as buttons, and each choice answers its topic', async () => {
    const { index, kb } = realData();
    // Isolate the decision: make retrieval unsure between two topics for this message.
    const search = sinon.stub(index, 'search').callsFake((text) =>
      text === 'sciatic stuff' ? { outcome: 'clarify', topicIds: ['nerve-glides', 'lower-body-nerve-glide'] } : search.wrappedMethod.call(index, text),
    );
    try {
      const replies = await chat.say('sciatic stuff');
      // channelData names the choices by contract id: the exercise is part of home-exercises.
      expect(channelDataOf(replies[0]).clarify).to.deep.equal(['nerve-glides', 'home-exercises']);
      expect(textOf(replies)).to.match(/Did you mean/);
      const titles = ['nerve-glides', 'lower-body-nerve-glide'].map((id) => kb.topicsById.get(id)?.title ?? '');
      expect(buttonsOf(replies)).to.deep.equal(titles);
      const chosen = await chat.say(titles[1] ?? '');
      expect(lastChannelData(chosen).topic).to.equal('home-exercises');
      expect(JSON.stringify(chosen[0]?.attachments?.[0]?.content)).to.include(kb.topicsById.get('lower-body-nerve-glide')?.exercise?.illustration);
    } finally {
      search.restore();
    }
  });

  it('asks politely for a shorter message when one is very long, after screening it', async function () {
    // Screening 8,400 characters of one sentence took about 7 s alone and passed the suite's 20 s
    // limit inside the full suite (24 s); since 2026-12-08 it takes about 1.5 s alone, yet 7 s after
    // this file's other turns (README, Known limitations). The reply is what this test is about.
    this.timeout(60_000);
    const replies = await chat.say('my back hurts '.repeat(600));
    expect(textOf(replies)).to.match(/shorter questions/);
  });
});
