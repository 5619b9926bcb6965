import { describe, expect, it } from 'vitest';
import {
  brushWindow,
  defaultSnapshotWindow,
  fromLocalInput,
  MIN_SPAN_MS,
  resolveRange,
  sanitizeRange,
  timeTicks,
  toLocalInput,
  windowAround,
} from './time-range';

const NOW = Date.UTC(2026, 10, 24, 19, 0, 0);

describe('range maths', () => {
  it('slides a preset with the clock and lets a zoom win', () => {
    expect(resolveRange({ preset: '15m' }, NOW, undefined)).toEqual({ from: NOW - 15 * 60_000, to: NOW });
    expect(resolveRange({ preset: '24h' }, NOW, undefined).from).toBe(NOW - 24 * 3600_000);
    expect(resolveRange({ preset: '1h', zoom: { from: 1, to: 2 } }, NOW, undefined)).toEqual({ from: 1, to: 2 });
  });

  it('shows all from the oldest event to now, padded', () => {
    const all = resolveRange({ preset: 'all' }, NOW, NOW - 7200_000);
    expect(all.from).toBeLessThan(NOW - 7200_000);
    expect(all.to).toBeGreaterThan(NOW);
    expect(resolveRange({ preset: 'all' }, NOW, undefined).from).toBeLessThanOrEqual(NOW - 3600_000);
  });

  it('turns a brush into a window, either direction, ignoring a click', () => {
    const w = { from: 0, to: 1_000_000 };
    expect(brushWindow(w, 1000, 100, 300)).toEqual({ from: 100_000, to: 300_000 });
    expect(brushWindow(w, 1000, 300, 100)).toEqual({ from: 100_000, to: 300_000 });
    expect(brushWindow(w, 1000, 100, 101)).toBeUndefined();
    expect(brushWindow(w, 1000, -50, 2000)).toEqual(w);
    const tiny = brushWindow({ from: 0, to: 10_000 }, 1000, 100, 110)!;
    expect(tiny.to - tiny.from).toBe(MIN_SPAN_MS);
  });

  it('frames an incident with a margin', () => {
    expect(windowAround(100_000, 130_000)).toEqual({ from: 40_000, to: 190_000 });
  });

  it('puts round ticks at least the given pixels apart', () => {
    const { step, ticks } = timeTicks({ from: NOW - 3600_000, to: NOW }, 1000, 90);
    expect(step).toBe(10 * 60_000);
    expect(ticks.length).toBeGreaterThanOrEqual(5);
    for (const t of ticks) expect(t % 60_000).toBe(0);
    expect(timeTicks({ from: 0, to: 0 }, 100).ticks).toEqual([]);
  });

  it('reads back a stored range safely', () => {
    expect(sanitizeRange({ preset: 'x', zoom: { from: 5, to: 1 } })).toEqual({ preset: 'all' });
    expect(sanitizeRange({ preset: '6h', zoom: { from: 1, to: 5 } })).toEqual({ preset: '6h', zoom: { from: 1, to: 5 } });
  });

  it('starts a snapshot on the zoomed window, else the last hour', () => {
    expect(defaultSnapshotWindow({ preset: 'all' }, { from: 0, to: NOW + 5 }, NOW)).toEqual({ from: NOW - 3600_000, to: NOW });
    expect(defaultSnapshotWindow({ preset: 'all', zoom: { from: NOW - 5000, to: NOW - 1000 } }, { from: NOW - 5000, to: NOW - 1000 }, NOW)).toEqual({ from: NOW - 5000, to: NOW - 1000 });
    expect(defaultSnapshotWindow({ preset: '15m' }, { from: NOW - 900_000, to: NOW }, NOW)).toEqual({ from: NOW - 900_000, to: NOW });
  });
});


describe('datetime-local', () => {
  it('round-trips datetime-local values', () => {
    const at = new Date(2026, 10, 24, 9, 5, 7).getTime();
    expect(toLocalInput(at)).toBe('2026-11-24T09:05:07');
    expect(fromLocalInput(toLocalInput(at))).toBe(at);
    expect(fromLocalInput('2026-11-24T09:05')).toBe(new Date(2026, 10, 24, 9, 5, 0).getTime());
    expect(fromLocalInput('')).toBeUndefined();
  });
});
