import { describe, expect, it } from 'vitest';
import { runPerEngine } from './per-engine-pool';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('runPerEngine', () => {
  it('runs every item, never more than the limit per engine, engines side by side', async () => {
    const items = [...Array.from({ length: 7 }, (_, i) => ({ engine: 'a', i })), ...Array.from({ length: 4 }, (_, i) => ({ engine: 'b', i }))];
    const running = new Map<string, number>();
    const peak = new Map<string, number>();
    const done: string[] = [];
    let bothAtOnce = false;
    await runPerEngine(items, 3, async (item) => {
      running.set(item.engine, (running.get(item.engine) ?? 0) + 1);
      peak.set(item.engine, Math.max(peak.get(item.engine) ?? 0, running.get(item.engine)!));
      if ((running.get('a') ?? 0) > 0 && (running.get('b') ?? 0) > 0) bothAtOnce = true;
      await tick();
      running.set(item.engine, running.get(item.engine)! - 1);
      done.push(`${item.engine}${item.i}`);
    });
    expect(done).toHaveLength(11);
    expect(peak.get('a')).toBe(3);
    expect(peak.get('b')).toBe(3);
    expect(bothAtOnce).toBe(true);
  });

  it('starts nothing new once aborted', async () => {
    const abort = new AbortController();
    let started = 0;
    await runPerEngine(Array.from({ length: 10 }, () => ({ engine: 'a' })), 2, async () => {
      started++;
      await tick();
      abort.abort();
    }, abort.signal);
    expect(started).toBe(2);
  });
});
