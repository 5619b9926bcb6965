import { describe, expect, it } from 'vitest';
import { containerKey } from './fleet-state';
import {
  asContainerState,
  fleetItems,
  filterOptions,
  groupByService,
  matches,
  NO_FILTER,
  serviceLabel,
  sortContainers,
  stateTone,
  validSort,
} from './container-list';
import { fleetContainer as container, statsSample } from './test-fixtures';

describe('the container list', () => {
  it('labels compose services as project/service #number', () => {
    expect(serviceLabel({ project: 'demo', service: 'search', containerNumber: 2 })).toBe('demo/search #2');
    expect(serviceLabel({ service: 'search' })).toBe('search');
    expect(serviceLabel({})).toBe('');
  });

  it('filters on every word, and by host, state, service and environment', () => {
    const c = container({ project: 'demo', service: 'search', containerNumber: 1, environment: 'PROD', ports: [8080] });
    expect(matches(c, { ...NO_FILTER, text: 'engine-1 search' })).toBe(true);
    expect(matches(c, { ...NO_FILTER, text: 'DEMO/SEARCH 8080 prod' })).toBe(true);
    expect(matches(c, { ...NO_FILTER, text: 'order' })).toBe(false);
    expect(matches(c, { ...NO_FILTER, engine: 'engine-2' })).toBe(false);
    expect(matches(c, { ...NO_FILTER, state: 'exited' })).toBe(false);
    expect(matches(c, { ...NO_FILTER, service: 'demo/search' })).toBe(true);
    expect(matches(c, { ...NO_FILTER, service: 'demo/order' })).toBe(false);
    expect(matches(c, { ...NO_FILTER, environment: 'prod' })).toBe(true);
    expect(matches(c, { ...NO_FILTER, environment: 'PRE' })).toBe(false);
    expect(matches(c, { ...NO_FILTER, onlyProblems: true })).toBe(false);
    expect(matches(container({ health: 'unhealthy' }), { ...NO_FILTER, onlyProblems: true })).toBe(true);
  });

  it('offers the filter values found in the rows', () => {
    const options = filterOptions([
      container({ project: 'p', service: 'b', environment: 'PROD' }),
      container({ project: 'p', service: 'a', environment: 'PRE', state: 'exited' }),
      container({}),
    ]);
    expect(options.services).toEqual(['p/a', 'p/b']);
    expect(options.environments).toEqual(['PRE', 'PROD']);
    expect(options.states).toEqual(['exited', 'running']);
  });

  it('sorts naturally and keeps ties ordered by host, service and name', () => {
    const rows = [container({ name: 'b-10', id: '1' }), container({ name: 'b-9', id: '2' }), container({ name: 'a', engine: 'engine-0', id: '3' })];
    expect(sortContainers(rows, { column: 'name', descending: false }).map((c) => c.name)).toEqual(['a', 'b-9', 'b-10']);
    expect(sortContainers(rows, { column: 'engine', descending: true }).map((c) => c.name)).toEqual(['b-9', 'b-10', 'a']);
  });

  it('sorts by live CPU and memory, by uptime and restarts, with missing values last', () => {
    const a = container({ id: 'a', name: 'a' });
    const b = container({ id: 'b', name: 'b' });
    const stopped = container({ id: 's', name: 's', state: 'exited' });
    const stats = new Map([
      [containerKey(a), statsSample({ id: 'a', cpuPercent: 5, memUsed: 100 })],
      [containerKey(b), statsSample({ id: 'b', cpuPercent: 50, memUsed: 10 })],
    ]);
    expect(sortContainers([stopped, a, b], { column: 'cpu', descending: true }, stats).map((c) => c.id)).toEqual(['b', 'a', 's']);
    expect(sortContainers([stopped, a, b], { column: 'cpu', descending: false }, stats).map((c) => c.id)).toEqual(['a', 'b', 's']);
    expect(sortContainers([stopped, a, b], { column: 'memory', descending: true }, stats).map((c) => c.id)).toEqual(['a', 'b', 's']);

    const old = container({ id: 'old', name: 'old', startedAt: 1000, restartCount: 0 });
    const young = container({ id: 'young', name: 'young', startedAt: 9000, restartCount: 7 });
    expect(sortContainers([old, young], { column: 'uptime', descending: false }).map((c) => c.id)).toEqual(['young', 'old']);
    expect(sortContainers([old, young], { column: 'restarts', descending: true }).map((c) => c.id)).toEqual(['young', 'old']);
  });

  it('falls back to the default order for a remembered column that no longer exists', () => {
    expect(validSort({ column: 'status', descending: true })).toEqual({ column: 'engine', descending: false });
    expect(validSort({ column: 'cpu', descending: true })).toEqual({ column: 'cpu', descending: true });
    expect(validSort(null).column).toBe('engine');
  });

  it('reads Docker state texts', () => {
    expect(asContainerState('paused')).toBe('paused');
    expect(asContainerState('weird')).toBe('unknown');
    expect(asContainerState(undefined)).toBe('unknown');
  });

  it('shows a clean exit as a warning and any other exit as an alarm', () => {
    expect(stateTone({ state: 'exited', status: 'Exited (0) 2 hours ago' })).toBe('warn');
    expect(stateTone({ state: 'exited', status: 'Exited (137) 1 minute ago' })).toBe('error');
    expect(stateTone({ state: 'exited', status: '', exitCode: 1 })).toBe('error');
  });
});

describe('grouping by service', () => {
  const order = { column: 'name' as const, descending: false };
  const s1 = container({ id: '1', name: 'prod_search_1', project: 'prod', service: 'search' });
  const s2 = container({ id: '2', name: 'prod_search_2', project: 'prod', service: 'search', engine: 'engine-2' });
  const s3 = container({ id: '3', name: 'prod_search_3', project: 'prod', service: 'search', state: 'exited' });
  const o1 = container({ id: '4', name: 'prod_order_1', project: 'prod', service: 'order' });
  const loose = container({ id: '5', name: 'loose' });
  const stats = new Map([
    [containerKey(s1), statsSample({ cpuPercent: 1.5, memUsed: 100 })],
    [containerKey(s2), statsSample({ cpuPercent: 2.5, memUsed: 300 })],
    [containerKey(o1), statsSample({ cpuPercent: 9, memUsed: 50 })],
  ]);

  it('counts replicas across engines and sums CPU and memory of the running ones', () => {
    const groups = groupByService([s1, s2, s3, o1, loose], order, stats);
    expect(groups.map((g) => g.key)).toEqual(['prod/order', 'prod/search', '']);
    const search = groups[1]!;
    expect(search.containers).toHaveLength(3);
    expect(search.running).toBe(2);
    expect(search.cpu).toBe(4);
    expect(search.memory).toBe(400);
  });

  it('orders groups by summed CPU when sorting by CPU', () => {
    const groups = groupByService([s1, s2, s3, o1, loose], { column: 'cpu', descending: true }, stats);
    expect(groups.map((g) => g.key)).toEqual(['prod/order', 'prod/search', '']);
    const ascending = groupByService([s1, s2, s3, o1, loose], { column: 'cpu', descending: false }, stats);
    expect(ascending.map((g) => g.key)).toEqual(['prod/search', 'prod/order', '']);
  });

  it('lists a header before the rows of each group, and hides the rows of a collapsed group', () => {
    const items = fleetItems([s1, s2, o1], { grouped: true, collapsed: new Set(['prod/order']), order, stats });
    expect(items.map((i) => (i.kind === 'group' ? `[${i.group.key}]` : i.container.id))).toEqual(['[prod/order]', '[prod/search]', '1', '2']);
    expect(fleetItems([s1, s2], { grouped: false, collapsed: new Set(), order, stats })).toHaveLength(2);
  });
});
