import { describe, expect, it } from 'vitest';
import { formatValue, mergeSeries } from './metrics-format';

describe('metrics formatting', () => {
  it('formats units', () => {
    expect(formatValue(1536, 'B')).toBe('1.5 KiB');
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
});
