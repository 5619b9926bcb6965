import { describe, expect, it } from 'vitest';
import { lastN, mergeByTime, reorderWindow } from './container-log-reader';

/** The items in batches of 1 to 7, as socket reads would cut them. */
async function* from<T>(items: T[]): AsyncGenerator<T[]> {
  for (let i = 0; i < items.length; ) {
    const size = 1 + (i % 7);
    yield items.slice(i, i + size);
    i += size;
  }
}
async function all<T>(source: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of source) out.push(...batch);
  return out;
}

describe('reorderWindow', () => {
  it('puts lines a little out of order back in order, keeping equal times in arrival order', async () => {
    const input = ['03', '01', '02', '05', '04', '04', '06'].map((ts, i) => ({ ts, i }));
    const out = await all(reorderWindow(from(input), 4));
    expect(out.map((x) => x.ts)).toEqual(['01', '02', '03', '04', '04', '05', '06']);
    expect(out.filter((x) => x.ts === '04').map((x) => x.i)).toEqual([4, 5]);
  });

  it('passes a long ordered stream through unchanged (past its internal compaction)', async () => {
    const input = Array.from({ length: 20_000 }, (_, i) => ({ ts: String(i).padStart(6, '0') }));
    const out = await all(reorderWindow(from(input), 256));
    expect(out).toEqual(input);
  });

  it('orders within the window across compactions', async () => {
    const input = Array.from({ length: 10_000 }, (_, i) => ({ ts: String(i % 2 ? i - 1 : i + 1).padStart(6, '0') }));
    const out = await all(reorderWindow(from(input), 8));
    expect(out.map((x) => x.ts)).toEqual([...input.map((x) => x.ts)].sort());
  });
});

describe('mergeByTime', () => {
  it('merges batched sources in time order, equal times in source order, whatever the batch sizes', async () => {
    const a = ['01', '03', '03', '07', '09'].map((ts) => ({ ts, src: 'a' }));
    const b = ['02', '03', '04', '08'].map((ts) => ({ ts, src: 'b' }));
    const c = Array.from({ length: 2500 }, (_, i) => ({ ts: `10${String(i).padStart(5, '0')}`, src: 'c' }));
    const out = await all(mergeByTime([from(a), from(b), from([]), from(c)], 100));
    expect(out.map((x) => x.ts)).toEqual([...a, ...b, ...c].map((x) => x.ts).sort());
    expect(out.filter((x) => x.ts === '03').map((x) => x.src)).toEqual(['a', 'a', 'b']);
  });

  it('hands over what it has merged in batches of at most the given size', async () => {
    const sizes: number[] = [];
    const many = Array.from({ length: 5000 }, (_, i) => ({ ts: String(i).padStart(5, '0') }));
    async function* oneBatch() {
      yield many;
    }
    for await (const batch of mergeByTime([oneBatch()], 1000)) sizes.push(batch.length);
    expect(sizes).toEqual([1000, 1000, 1000, 1000, 1000]);
  });
});

describe('lastN', () => {
  it('keeps the last n items of a batched stream, in order', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    expect(await all(lastN(from(items), 7))).toEqual([993, 994, 995, 996, 997, 998, 999]);
    expect(await all(lastN(from(items.slice(0, 3)), 7))).toEqual([0, 1, 2]);
    expect(await all(lastN(from(items), 0))).toEqual([]);
  });
});
