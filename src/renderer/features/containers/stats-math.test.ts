import { describe, expect, it } from 'vitest';
import { appendSample, axisTicks, counterRate, memoryScale, niceBytes, niceCeil, sumPoints, toPoints, type StatsPoint } from './stats-math';
import { statsSample } from './test-fixtures';

describe('stats history', () => {
  it('keeps samples of the last five minutes, in order, without duplicates', () => {
    const history = [statsSample({ t: 0 }), statsSample({ t: 1000 })];
    appendSample(history, statsSample({ t: 1000 }));
    expect(history).toHaveLength(2);
    appendSample(history, statsSample({ t: 300_500 }));
    expect(history.map((s) => s.t)).toEqual([1000, 300_500]);
  });
});

describe('rates from cumulative counters', () => {
  it('divides the increase by the seconds between samples', () => {
    expect(counterRate(1000, 3000, 2)).toBe(1000);
    expect(counterRate(5000, 100, 1)).toBeNull();
    expect(counterRate(0, 100, 0)).toBeNull();
  });

  it('turns samples into points with network and block rates', () => {
    const points = toPoints([
      statsSample({ t: 0, netRx: 0, netTx: 0, blkRead: 0, blkWrite: 0, cpuPercent: 1 }),
      statsSample({ t: 500, netRx: 1000, netTx: 50, blkRead: 4096, blkWrite: 0, cpuPercent: 2 }),
      statsSample({ t: 1500, netRx: 0, netTx: 150, blkRead: 4096, blkWrite: 8192, cpuPercent: 3 }),
    ]);
    expect(points[0]).toMatchObject({ cpu: 1, netRx: null, netTx: null });
    expect(points[1]).toMatchObject({ cpu: 2, netRx: 2000, netTx: 100, blkRead: 8192, blkWrite: 0 });
    // The rx counter went back (restart): no rate rather than a negative one.
    expect(points[2]).toMatchObject({ netRx: null, netTx: 100, blkRead: 0, blkWrite: 8192 });
  });
});

describe('summing replicas', () => {
  const point = (t: number, cpu: number, netRx: number | null = 10): StatsPoint => ({
    t, cpu, memUsed: cpu * 100, memLimit: 1000, netRx, netTx: null, blkRead: 0, blkWrite: 0, pids: 2,
  });

  it('adds the latest point of each replica per second', () => {
    const a = [point(1000, 1), point(2000, 2), point(3000, 3)];
    const b = [point(1400, 10), point(2400, 20), point(3400, 30)];
    const sum = sumPoints([a, b]);
    expect(sum.map((p) => [p.t, p.cpu])).toEqual([
      [1000, 11],
      [2000, 22],
      [3000, 33],
    ]);
    // b's first sample came 1.5 s after a's: no partial sum of a alone at the start.
    const late = sumPoints([a, [point(2500, 20), point(3500, 30)]]);
    expect(late.map((p) => [p.t, p.cpu])).toEqual([
      [2000, 22],
      [3000, 33],
    ]);
    // A replica that appears much later joins the sum from then on.
    const joined = sumPoints([[point(1000, 1), point(9000, 1)], [point(9000, 10)]], 1000, 3000);
    expect(joined[0]).toMatchObject({ t: 1000, cpu: 1 });
    expect(sum[0]).toMatchObject({ memUsed: 1100, memLimit: 2000, pids: 4, netRx: 20, netTx: null });
  });

  it('keeps counting a replica whose sample is a little late, and drops one that stopped', () => {
    const a = [point(1000, 1), point(2000, 1), point(3000, 1), point(4000, 1), point(5000, 1), point(6000, 1)];
    const b = [point(1000, 10), point(2000, 10)];
    const sum = sumPoints([a, b]);
    expect(sum.map((p) => p.cpu)).toEqual([11, 11, 11, 11, 1, 1]);
    expect(sumPoints([])).toEqual([]);
  });

  it('leaves a rate empty when no replica has one', () => {
    expect(sumPoints([[point(0, 1, null)], [point(0, 1, null)]])[0]!.netRx).toBeNull();
    expect(sumPoints([[point(0, 1, null)], [point(0, 1, 5)]])[0]!.netRx).toBe(5);
  });
});

describe('the memory chart scale', () => {
  const p = (memUsed: number, memLimit: number): StatsPoint => ({
    t: 0, cpu: 0, memUsed, memLimit, netRx: null, netTx: null, blkRead: null, blkWrite: null, pids: 0,
  });
  it('shows the limit when it is close to the use, and not the whole host memory', () => {
    expect(memoryScale([p(100, 200)])).toEqual({ max: 256, showLimit: true });
    expect(memoryScale([p(100, 25_000_000_000)])).toEqual({ max: 128, showLimit: false });
    expect(memoryScale([p(900 * 1024, 25_000_000_000)])).toEqual({ max: 1.5 * 1024 * 1024, showLimit: false });
    expect(memoryScale([])).toEqual({ max: 1024, showLimit: false });
  });
});

describe('round axis tops', () => {
  it('rounds bytes up to a readable value in their unit', () => {
    expect(niceBytes(700)).toBe(768);
    expect(niceBytes(1.13 * 1024 * 1024)).toBe(1.5 * 1024 * 1024);
    expect(niceBytes(3.2 * 1024 ** 3)).toBe(4 * 1024 ** 3);
    expect(niceBytes(0)).toBe(1);
  });
});

describe('round numbers for axes', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceCeil(3.7)).toBe(5);
    expect(niceCeil(0.33)).toBe(0.5);
    expect(niceCeil(21)).toBe(25);
    expect(niceCeil(100)).toBe(100);
    expect(niceCeil(0)).toBe(1);
    expect(axisTicks(8)).toEqual([0, 2, 4, 6, 8]);
  });
});
