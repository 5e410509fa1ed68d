import { expect } from 'chai';
import { coalesced } from '../../storage/coalesced.js';

/** A task whose runs the test finishes by hand, recording when each began. */
function manualTask() {
  const runs: Array<{ startedAt: number; finish: (error?: Error) => void }> = [];
  let clock = 0;
  const task = () =>
    new Promise<void>((resolve, reject) => {
      runs.push({ startedAt: clock, finish: (error) => (error ? reject(error) : resolve()) });
    });
  return { runs, task, tick: () => (clock += 1) };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesced (group commit of folder fsyncs)', () => {
  it('callers arriving during a run share one next run, which begins after they called', async () => {
    const { runs, task, tick } = manualTask();
    const sync = coalesced(task);
    const first = sync();
    tick();
    const waiting = [sync(), sync(), sync()];
    let done = 0;
    for (const promise of waiting) void promise.then(() => (done += 1));
    expect(runs).to.have.length(1);

    runs[0]?.finish();
    await first;
    await settled();
    expect(done, 'not served by the run that began before they called').to.equal(0);
    expect(runs).to.have.length(2);
    expect(runs[1]?.startedAt).to.equal(1);

    runs[1]?.finish();
    await Promise.all(waiting);
    expect(runs, 'three callers, one run').to.have.length(2);
  });

  it('a caller after everything settled starts a run of its own', async () => {
    const { runs, task } = manualTask();
    const sync = coalesced(task);
    const first = sync();
    runs[0]?.finish();
    await first;
    const second = sync();
    expect(runs).to.have.length(2);
    runs[1]?.finish();
    await second;
  });

  it('a failed run fails every caller that shared it, and the next caller tries again', async () => {
    const { runs, task } = manualTask();
    const sync = coalesced(task);
    const first = sync();
    const shared = [sync(), sync()];
    runs[0]?.finish();
    await first;
    await settled();
    runs[1]?.finish(new Error('EIO'));
    for (const promise of shared) {
      const error = await promise.then(() => undefined, (e: Error) => e);
      expect(error?.message).to.equal('EIO');
    }
    const retry = sync();
    expect(runs).to.have.length(3);
    runs[2]?.finish();
    await retry;
  });
});
