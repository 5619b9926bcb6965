import { RpcError } from '../../../shared/errors';

/** A wait that ends this much later than it was due means this process itself was asleep. */
const ASLEEP_LAG_MS = 1000;

/**
 * Asks a peer one question at a time. While an earlier question is still unanswered (a
 * frozen peer keeps the request open), a new check waits on that same question instead of
 * sending another: a peer asleep for minutes gets one request, not a pile of them to answer
 * all at once when it wakes. Each wait is bounded, so the check still fails in time.
 *
 * When the console itself was asleep (SIGSTOP, a laptop lid), its timers fire late and
 * before the answers already in its sockets are read, and a laptop's network may still be
 * coming back: a wait that ends far past its due time gives the peer its whole time again,
 * counted from the wake, instead of calling a healthy peer "not responding".
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
    return boundedWait(running, timeoutMs, what);
  }

  /** Questions still open (for tests: a frozen peer has at most one per key). */
  get open(): number {
    return this.pending.size;
  }
}

function boundedWait<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const due = Date.now() + timeoutMs;
    let timer = setTimeout(function expire(graced = false) {
      if (!graced && Date.now() - due > ASLEEP_LAG_MS) {
        timer = setTimeout(() => expire(true), timeoutMs);
        return;
      }
      reject(new RpcError('TIMEOUT', `${what} did not answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
