import { describe, expect, it } from 'vitest';
import type { FleetItem } from './container-list';
import { containerKey } from './fleet-state';
import { coversVisible, statsTargets } from './stats-targets';
import { fleetContainer } from './test-fixtures';

const rows = (count: number, stoppedEvery = 0): FleetItem[] =>
  Array.from({ length: count }, (_, i) => {
    const container = fleetContainer({ id: `c${i}`, state: stoppedEvery && i % stoppedEvery === 0 ? 'exited' : 'running' });
    return { kind: 'row', key: containerKey(container), container };
  });

describe('choosing the containers that get live stats', () => {
  it('takes every running container when there are few', () => {
    const keys = statsTargets(rows(10, 3), { start: 0, end: 5 }, 100);
    expect(keys).toHaveLength(6);
  });

  it('takes the rows in view and their neighbours when there are many', () => {
    const items = rows(1600);
    const keys = statsTargets(items, { start: 800, end: 830 }, 100);
    expect(keys).toHaveLength(100);
    const indexes = keys.map((k) => Number(k.split('c').pop()));
    for (let i = 800; i <= 830; i++) expect(indexes).toContain(i);
    expect(Math.min(...indexes)).toBeGreaterThan(740);
    expect(Math.max(...indexes)).toBeLessThan(890);
  });

  it('keeps the current set while it covers what is in view', () => {
    const items = rows(1600);
    const current = new Set(statsTargets(items, { start: 800, end: 830 }, 100));
    expect(coversVisible(current, items, { start: 810, end: 840 })).toBe(true);
    expect(coversVisible(current, items, { start: 1000, end: 1030 })).toBe(false);
  });
});
