import { describe, expect, it } from 'vitest';
import { SlidingWindowCounter } from './sliding-window';

describe('SlidingWindowCounter', () => {
  it('counts the events of the last window only', () => {
    const counter = new SlidingWindowCounter(60_000);
    for (const at of [1_000, 2_000, 30_000, 61_500]) counter.add(at);
    expect(counter.count(61_500)).toBe(3); // 1 000 is older than 61 500 - 60 000
    expect(counter.count(89_000)).toBe(2);
    expect(counter.count(90_000)).toBe(1); // 30 000 is exactly a window old: out
    expect(counter.count(121_500)).toBe(0);
    expect(counter.last()).toBeUndefined();
  });

  it('says the newest event kept', () => {
    const counter = new SlidingWindowCounter(10_000);
    counter.add(5);
    counter.add(7);
    expect(counter.last()).toBe(7);
  });

  it('keeps at most cap timestamps under a flood, and still counts right after', () => {
    const counter = new SlidingWindowCounter(60_000, 100);
    for (let i = 0; i < 100_000; i++) counter.add(i / 10);
    expect(counter.count(10_000)).toBe(100);
    expect((counter as unknown as { times: number[] }).times.length).toBeLessThanOrEqual(2 * 1024 + 100);
    counter.add(200_000);
    expect(counter.count(200_000)).toBe(1);
  });
});
