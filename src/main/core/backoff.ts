/** How long to wait before reconnect attempt n (0-based): doubling from a first wait up to a ceiling. */
export interface Backoff {
  firstMs: number;
  maxMs: number;
}

/** The console's one reconnect pace: 0.25 s, 0.5 s, 1 s ... at most 10 s. */
export const RECONNECT: Backoff = { firstMs: 250, maxMs: 10_000 };

export function backoffDelay(attempt: number, backoff: Backoff = RECONNECT): number {
  return Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.min(attempt, 30));
}

/** Resolves after ms, or at once when the signal aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
