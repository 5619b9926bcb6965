import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../shared/domain';
import { matches, serviceLabel, sortContainers, stateTone } from './container-list';

function container(overrides: Partial<ContainerSummary>): ContainerSummary {
  return {
    engine: 'engine-1',
    id: 'abcdef0123456789',
    name: 'demo-search-1',
    image: 'demo/search:1.2',
    state: 'running',
    status: 'Up 3 minutes',
    health: 'none',
    createdAt: 0,
    labels: {},
    ...overrides,
  };
}

const all = { text: '', onlyProblems: false, engine: null };

describe('the container list', () => {
  it('labels compose services as project/service #number', () => {
    expect(serviceLabel({ project: 'demo', service: 'search', containerNumber: 2 })).toBe('demo/search #2');
    expect(serviceLabel({ service: 'search' })).toBe('search');
    expect(serviceLabel({})).toBe('');
  });

  it('filters on every word across host, name, service and image', () => {
    const c = container({ project: 'demo', service: 'search', containerNumber: 1 });
    expect(matches(c, { ...all, text: 'engine-1 search' })).toBe(true);
    expect(matches(c, { ...all, text: 'DEMO/SEARCH' })).toBe(true);
    expect(matches(c, { ...all, text: 'order' })).toBe(false);
    expect(matches(c, { ...all, engine: 'engine-2' })).toBe(false);
    expect(matches(c, { ...all, onlyProblems: true })).toBe(false);
    expect(matches(container({ health: 'unhealthy' }), { ...all, onlyProblems: true })).toBe(true);
  });

  it('sorts naturally and keeps ties ordered by host, service and name', () => {
    const rows = [container({ name: 'b-10' }), container({ name: 'b-9' }), container({ name: 'a', engine: 'engine-0' })];
    expect(sortContainers(rows, { column: 'name', descending: false }).map((c) => c.name)).toEqual(['a', 'b-9', 'b-10']);
    expect(sortContainers(rows, { column: 'engine', descending: true }).map((c) => c.name)).toEqual(['b-9', 'b-10', 'a']);
  });

  it('shows a clean exit as a warning and any other exit as an alarm', () => {
    expect(stateTone({ state: 'exited', status: 'Exited (0) 2 hours ago' })).toBe('warn');
    expect(stateTone({ state: 'exited', status: 'Exited (137) 1 minute ago' })).toBe('error');
  });
});
