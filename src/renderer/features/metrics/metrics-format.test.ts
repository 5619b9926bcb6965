import { describe, expect, it } from 'vitest';
import { formatValue, mergeContainerStats, mergeSeries, problemEnvironment } from './metrics-format';

describe('metrics formatting', () => {
  it('formats units', () => {
    expect(formatValue(1536, 'B')).toBe('1.50 KiB');
    expect(formatValue(2048, 'Bps')).toBe('2.00 KiB/s');
    expect(formatValue(12, '')).toBe('12');
    expect(formatValue(25000, 'ms')).toBe('25.0k ms');
  });
  it('merges series onto one axis, keeping gaps', () => {
    const rows = mergeSeries([
      { itemid: 'a', name: 'A', units: '', source: 'history', points: [[1, 1], [2, null], [3, 3]] },
      { itemid: 'b', name: 'B', units: '', source: 'history', points: [[1, 5], [3, 6]] },
    ]);
    expect(rows).toEqual([{ t: 1, a: 1, b: 5 }, { t: 2, a: null }, { t: 3, a: 3, b: 6 }]);
  });
  it('tells the environment of a problem from its tag or the service it names', () => {
    expect(problemEnvironment({ name: 'No live replica of order_PRE', tags: [] })).toBe('PRE');
    expect(problemEnvironment({ name: 'Disk full', tags: [{ tag: 'env', value: 'PROD' }] })).toBe('PROD');
    expect(problemEnvironment({ name: 'Disk full on lab-engine-1', tags: [] })).toBeUndefined();
  });
  it('puts recorded container stats on one axis, to the second', () => {
    const rows = mergeContainerStats(
      [
        { engine: 'e', id: 'a', name: 'A', samples: [{ t: 1000, cpuPercent: 5, memUsed: 1 }, { t: 11_020, cpuPercent: 7, memUsed: 1 }] },
        { engine: 'e', id: 'b', name: 'B', samples: [{ t: 1200, cpuPercent: 50, memUsed: 2 }] },
      ],
      'cpuPercent',
    );
    expect(rows).toEqual([{ t: 1000, a: 5, b: 50 }, { t: 11_000, a: 7 }]);
  });
});
