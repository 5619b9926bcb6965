import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../shared/wire';
import { StreamBatcher } from './stream-batcher';

describe('StreamBatcher', () => {
  it('sends a full batch at once and the rest after the interval', async () => {
    const events: StreamEvent[] = [];
    const batcher = new StreamBatcher((e) => events.push(e), () => true, { intervalMs: 10, maxItems: 3, highWater: 100 });
    for (let i = 0; i < 4; i++) batcher.push(i);
    expect(events).toEqual([{ type: 'data', items: [0, 1, 2] }]);
    await new Promise((r) => setTimeout(r, 30));
    expect(events).toEqual([{ type: 'data', items: [0, 1, 2] }, { type: 'data', items: [3] }]);
  });

  it('holds items while the transport is full, tells the producer to wait, and loses nothing', async () => {
    const events: StreamEvent[] = [];
    let open = false;
    const batcher = new StreamBatcher((e) => events.push(e), () => open, { intervalMs: 5, maxItems: 10, highWater: 20 });
    let accepted = true;
    for (let i = 0; i < 25; i++) accepted = batcher.push(i);
    expect(accepted).toBe(false);
    expect(events).toEqual([]);
    let drained = false;
    void batcher.drain().then(() => (drained = true));
    open = true;
    await new Promise((r) => setTimeout(r, 40));
    expect(drained).toBe(true);
    const items = events.flatMap((e) => (e.type === 'data' ? e.items : []));
    expect(items).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('weighs a chunk as the items it stands for, in batches and back-pressure', () => {
    const events: StreamEvent[] = [];
    const batcher = new StreamBatcher((e) => events.push(e), () => false, { intervalMs: 10, maxItems: 100, highWater: 250 });
    expect(batcher.push('a', 60)).toBe(true);
    expect(batcher.push('b', 60)).toBe(true);
    expect(batcher.push('c', 200)).toBe(false);
    expect(batcher.queued).toBe(320);
    batcher.end();
    // Batches of at most 100 in weight, and an item heavier than that on its own.
    expect(events).toEqual([{ type: 'data', items: ['a'] }, { type: 'data', items: ['b'] }, { type: 'data', items: ['c'] }, { type: 'end' }]);
  });

  it('flushes what is queued before the end event', () => {
    const events: StreamEvent[] = [];
    const batcher = new StreamBatcher((e) => events.push(e), () => true, { intervalMs: 1000, maxItems: 10, highWater: 100 });
    batcher.push('a');
    batcher.end({ code: 'UNAVAILABLE', message: 'engine gone' });
    expect(events).toEqual([{ type: 'data', items: ['a'] }, { type: 'end', error: { code: 'UNAVAILABLE', message: 'engine gone' } }]);
    expect(batcher.push('b')).toBe(false);
  });

  it('sends a trickle at once and batches a flood per interval', async () => {
    const events: StreamEvent[] = [];
    const batcher = new StreamBatcher((e) => events.push(e), () => true, { intervalMs: 40, maxItems: 200, highWater: 10_000 });
    const tick = () => new Promise((r) => setImmediate(r));
    batcher.push('key');
    await tick();
    expect(events).toEqual([{ type: 'data', items: ['key'] }]); // an echo does not wait for the window
    batcher.push('next');
    await tick();
    expect(events).toHaveLength(2); // still a trickle: at once again
    for (let i = 0; i < 100; i++) batcher.push(i); // a burst: sent as one batch
    await tick();
    expect(events).toHaveLength(3);
    batcher.push('after a big batch');
    await tick();
    expect(events).toHaveLength(3); // a flood: waits for the interval
    await new Promise((r) => setTimeout(r, 80));
    expect(events).toHaveLength(4);
  });
});
