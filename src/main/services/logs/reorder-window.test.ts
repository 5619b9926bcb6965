import { describe, expect, it } from 'vitest';
import { reorderWindow } from './container-log-reader';

async function* from<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}
async function all<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
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
