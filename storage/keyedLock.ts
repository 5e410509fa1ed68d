/**
 * Runs tasks one at a time per key, in the order they arrive; different keys run concurrently.
 * Used to process one conversation's turns in order (botbuilder saves state last-writer-wins)
 * and to make a storage read-check-write atomic within this process.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Number of keys with work queued or running. */
  get activeKeys(): number {
    return this.tails.size;
  }
}
