import { withTimeout } from '../../core/with-timeout';

/**
 * Asks a peer one question at a time. While an earlier question is still unanswered (a
 * frozen peer keeps the request open), a new check waits on that same question instead of
 * sending another: a peer asleep for minutes gets one request, not a pile of them to answer
 * all at once when it wakes. Each wait is bounded, so the check still fails in time (and
 * not because the console itself slept: see setDeadline).
 */
export class AskOnce {
  private readonly pending = new Map<string, Promise<unknown>>();

  ask<T>(key: string, question: () => Promise<T>, timeoutMs: number, what: string): Promise<T> {
    let running = this.pending.get(key) as Promise<T> | undefined;
    if (!running) {
      const started = question();
      running = started;
      this.pending.set(key, started);
      const forget = () => {
        if (this.pending.get(key) === started) this.pending.delete(key);
      };
      started.then(forget, forget);
    }
    return withTimeout(running, timeoutMs, what);
  }

  /** Questions still open (for tests: a frozen peer has at most one per key). */
  get open(): number {
    return this.pending.size;
  }
}
