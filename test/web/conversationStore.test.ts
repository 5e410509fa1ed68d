import { expect } from 'chai';
import type { ChannelActivity } from '../../web/directLine/activities.js';
import { ConversationStore, type ActivityGroup, type ConversationLimits } from '../../web/directLine/conversationStore.js';

const HOUR = 3_600_000;

function store(limits: Partial<ConversationLimits> = {}, clock = { now: 0 }) {
  return new ConversationStore({ maxConversations: 3, maxActivities: 5, idleMs: 24 * HOUR, maxStreams: 2, ...limits }, () => clock.now);
}

const message = (text: string): ChannelActivity => ({ type: 'message', text });

function recorder() {
  const frames: ActivityGroup[] = [];
  let ended = false;
  return {
    frames,
    get ended() {
      return ended;
    },
    subscriber: { send: (group: ActivityGroup) => frames.push(group), end: () => (ended = true) },
  };
}

describe('ConversationStore', () => {
  it('numbers activities as <conversation>|<sequence> and hands back those after a watermark', () => {
    const conversations = store();
    conversations.open('conv1', 'dl_user');
    const first = conversations.append('conv1', message('one'));
    conversations.append('conv1', message('two'));
    expect(first?.id).to.equal('conv1|0000001');
    expect(conversations.since('conv1', '')).to.deep.include({ watermark: '2' });
    expect(conversations.since('conv1', '')?.activities.map((a) => a.text)).to.deep.equal(['one', 'two']);
    expect(conversations.since('conv1', '1')?.activities.map((a) => a.text)).to.deep.equal(['two']);
    expect(conversations.since('conv1', '2')?.activities).to.deep.equal([]);
  });

  it('replaces an id the activity came with', () => {
    const conversations = store();
    conversations.open('conv1', 'dl_user');
    expect(conversations.append('conv1', { ...message('x'), id: 'chosen-by-someone' })?.id).to.equal('conv1|0000001');
  });

  it('opens a conversation once and remembers whose it is', () => {
    const conversations = store();
    expect(conversations.open('conv1', 'dl_user')).to.equal(true);
    expect(conversations.open('conv1', 'dl_other')).to.equal(false);
    expect(conversations.userOf('conv1')).to.equal('dl_user');
    expect(conversations.userOf('nope')).to.equal(undefined);
  });

  it('pushes new activities to open streams with their watermark, and typing without one', () => {
    const conversations = store();
    conversations.open('conv1', 'dl_user');
    const stream = recorder();
    conversations.subscribe('conv1', stream.subscriber);
    conversations.append('conv1', message('hi'));
    conversations.pushEphemeral('conv1', { type: 'typing' });
    expect(stream.frames.map((f) => [f.activities[0]?.type, f.watermark])).to.deep.equal([
      ['message', '1'],
      ['typing', undefined],
    ]);
    expect(conversations.since('conv1', '')?.activities).to.have.length(1);
  });

  it('keeps at most maxActivities per conversation, dropping the oldest; watermarks keep counting', () => {
    const conversations = store({ maxActivities: 5 });
    conversations.open('conv1', 'dl_user');
    for (let i = 1; i <= 8; i++) conversations.append('conv1', message(`m${i}`));
    const all = conversations.since('conv1', '');
    expect(all?.activities.map((a) => a.text)).to.deep.equal(['m4', 'm5', 'm6', 'm7', 'm8']);
    expect(all?.watermark).to.equal('8');
    expect(conversations.since('conv1', '6')?.activities.map((a) => a.text)).to.deep.equal(['m7', 'm8']);
  });

  it('keeps at most maxConversations, dropping the least recently active and closing its streams', () => {
    const clock = { now: 0 };
    const conversations = store({ maxConversations: 3 }, clock);
    for (const id of ['a', 'b', 'c']) {
      conversations.open(id, 'dl_user');
      clock.now += 1000;
    }
    conversations.append('a', message('a is still talking'));
    const streamOfB = recorder();
    conversations.subscribe('b', streamOfB.subscriber);
    conversations.open('d', 'dl_user');
    expect(conversations.has('b')).to.equal(false);
    expect(streamOfB.ended).to.equal(true);
    expect(['a', 'c', 'd'].every((id) => conversations.has(id))).to.equal(true);
    expect(conversations.size).to.equal(3);
  });

  it('forgets a conversation idle for longer than idleMs', () => {
    const clock = { now: 0 };
    const conversations = store({ idleMs: 24 * HOUR }, clock);
    conversations.open('old', 'dl_user');
    clock.now = 20 * HOUR;
    conversations.open('recent', 'dl_user');
    clock.now = 24 * HOUR;
    expect(conversations.has('old')).to.equal(false);
    expect(conversations.has('recent')).to.equal(true);
  });

  it('sweeps idle conversations, closing their streams', () => {
    const clock = { now: 0 };
    const conversations = store({ idleMs: HOUR }, clock);
    conversations.open('idle', 'dl_user');
    const stream = recorder();
    conversations.subscribe('idle', stream.subscriber);
    clock.now = HOUR / 2;
    conversations.open('busy', 'dl_user');
    clock.now = HOUR + 1;
    expect(conversations.sweep()).to.equal(1);
    expect(stream.ended).to.equal(true);
    expect(conversations.has('busy')).to.equal(true);
  });

  it('closes the oldest stream of a conversation beyond maxStreams', () => {
    const conversations = store({ maxStreams: 2 });
    conversations.open('conv1', 'dl_user');
    const streams = [recorder(), recorder(), recorder()];
    for (const stream of streams) conversations.subscribe('conv1', stream.subscriber);
    expect(streams.map((s) => s.ended)).to.deep.equal([true, false, false]);
    conversations.append('conv1', message('hi'));
    expect(streams.map((s) => s.frames.length)).to.deep.equal([0, 1, 1]);
  });

  it('stops pushing to a stream that unsubscribed', () => {
    const conversations = store();
    conversations.open('conv1', 'dl_user');
    const stream = recorder();
    const unsubscribe = conversations.subscribe('conv1', stream.subscriber);
    unsubscribe?.();
    conversations.append('conv1', message('hi'));
    expect(stream.frames).to.deep.equal([]);
  });

  it('answers undefined for a conversation it does not hold', () => {
    const conversations = store();
    expect(conversations.append('nope', message('x'))).to.equal(undefined);
    expect(conversations.since('nope', '')).to.equal(undefined);
    expect(conversations.subscribe('nope', recorder().subscriber)).to.equal(undefined);
    expect(conversations.pushEphemeral('nope', { type: 'typing' })).to.equal(false);
  });
});
