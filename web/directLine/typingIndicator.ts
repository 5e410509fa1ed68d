/**
 * Keeps a typing indicator on screen while the bot works on a turn: the first one after
 * `delayMs` (a quick reply shows none, so the dots do not flicker), then every `everyMs`
 * (Web Chat hides one after 5 s). A message from the bot restarts the wait, because Web Chat
 * hides the dots when that message arrives.
 */
export class TypingIndicator {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly show: () => void,
    private readonly delayMs: number,
    private readonly everyMs: number,
  ) {
    this.schedule(delayMs);
  }

  /** The bot just sent a message: wait again before showing the dots. */
  botSpoke(): void {
    if (!this.stopped) this.schedule(this.everyMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.stopped) return;
      this.show();
      this.schedule(this.everyMs);
    }, ms);
    this.timer.unref();
  }
}
