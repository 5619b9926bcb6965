/** A timer that fires this much later than it was due means this process itself was asleep. */
export const ASLEEP_LAG_MS = 1000;

/**
 * setTimeout for a deadline on a peer's answer. When the console itself was asleep (SIGSTOP,
 * a laptop lid), its timers fire late and before the answers already waiting in its sockets
 * are read, and a laptop's network may still be coming back: a deadline that fires far past
 * its due time gives the peer its whole time again, counted from the wake (once), instead of
 * calling a healthy peer "not responding". Returns the function that cancels it.
 */
export function setDeadline(onExpire: () => void, ms: number): () => void {
  const due = Date.now() + ms;
  let timer = setTimeout(() => {
    if (Date.now() - due > ASLEEP_LAG_MS) timer = setTimeout(onExpire, ms);
    else onExpire();
  }, ms);
  return () => clearTimeout(timer);
}

/** AbortSignal.timeout with setDeadline's grace after a sleep; `clear` once the answer came. */
export function deadlineSignal(ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const clear = setDeadline(() => controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), ms);
  return { signal: controller.signal, clear };
}
