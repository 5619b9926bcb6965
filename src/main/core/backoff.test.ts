import { describe, expect, it } from 'vitest';
import { backoffDelay, sleep } from './backoff';

describe('backoff', () => {
  it('doubles from the first wait up to the ceiling', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n))).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000]);
    expect(backoffDelay(1, { firstMs: 250, maxMs: 600 })).toBe(500);
    expect(backoffDelay(1000)).toBe(10_000);
  });
  it('sleep ends at once when aborted', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const pending = sleep(10_000, abort.signal);
    abort.abort();
    await pending;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
