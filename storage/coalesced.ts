/**
 * Group commit: wraps a task (an fsync of a folder) so that callers arriving while it runs share
 * one next run instead of queueing a run each, and every caller's promise settles with a run that
 * began after the call. One fsync of a folder makes durable every rename done in it before the
 * fsync began, so a caller waiting for that next run gets exactly the guarantee of its own fsync.
 * A failed run fails every caller that shares it.
 */
export function coalesced(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const run = task().finally(() => {
      if (running === run) running = undefined;
    });
    running = run;
    return run;
  };
  return () => {
    if (running === undefined) return start();
    queued ??= running.then(ignore, ignore).then(() => {
      queued = undefined;
      return start();
    });
    return queued;
  };
}

function ignore(): void {}
