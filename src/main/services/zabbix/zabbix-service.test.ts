import { describe, expect, it } from 'vitest';
import { delaySeconds, withGaps } from './zabbix-service';

describe('history helpers', () => {
  it('reads Zabbix update intervals', () => {
    expect(delaySeconds('30s')).toBe(30);
    expect(delaySeconds('5m')).toBe(300);
    expect(delaySeconds('1h')).toBe(3600);
    expect(delaySeconds('0')).toBe(0);
    expect(delaySeconds('{$MACRO}')).toBe(60);
  });
  it('marks gaps longer than the limit with a null point', () => {
    expect(withGaps([[0, 1], [10, 2], [100, 3]], 30)).toEqual([[0, 1], [10, 2], [11, null], [100, 3]]);
  });
});
