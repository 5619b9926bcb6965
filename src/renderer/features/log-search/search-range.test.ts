import { describe, expect, it } from 'vitest';
import { localInputValue, rangeInput } from './search-range';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');

describe('rangeInput', () => {
  it('turns a preset into a since, with until left to the search (now)', () => {
    expect(rangeInput({ preset: '15m', from: '', to: '' }, NOW)).toEqual({ since: '2026-03-01T11:45:00.000Z' });
    expect(rangeInput({ preset: '24h', from: '', to: '' }, NOW)).toEqual({ since: '2026-02-28T12:00:00.000Z' });
  });

  it('reads a custom range in local time, and refuses one that ends before it starts', () => {
    const from = localInputValue(NOW - 3_600_000);
    const to = localInputValue(NOW);
    expect(rangeInput({ preset: 'custom', from, to: '' }, NOW)).toEqual({ since: '2026-03-01T11:00:00.000Z' });
    expect(rangeInput({ preset: 'custom', from, to }, NOW)).toEqual({ since: '2026-03-01T11:00:00.000Z', until: '2026-03-01T12:00:00.000Z' });
    expect(rangeInput({ preset: 'custom', from: to, to: from }, NOW)).toBeUndefined();
    expect(rangeInput({ preset: 'custom', from: '', to: '' }, NOW)).toBeUndefined();
  });
});
