import { describe, expect, it } from 'vitest';
import { fleetContainer } from '../containers/test-fixtures';
import { moveActive, pickContainers } from './picker';

const fleet = [
  fleetContainer({ engine: 'engine-1', id: '1', name: 'pre_search_1', project: 'pre', service: 'search', environment: 'PRE' }),
  fleetContainer({ engine: 'engine-2', id: '2', name: 'prod_search_1', project: 'prod', service: 'search', environment: 'PROD' }),
  fleetContainer({ engine: 'engine-2', id: '3', name: 'prod_order_1', project: 'prod', service: 'order', environment: 'PROD' }),
  fleetContainer({ engine: 'engine-1', id: '4', name: 'search_worker', state: 'exited' }),
  fleetContainer({ engine: 'engine-1', id: '5', name: 'loose', state: 'paused' }),
];
const names = (text: string, limit?: number) => pickContainers(fleet, text, limit).shown.map((c) => c.name);

describe('the terminal picker', () => {
  it('lists running containers only, by name', () => {
    expect(names('')).toEqual(['pre_search_1', 'prod_order_1', 'prod_search_1']);
    expect(pickContainers(fleet, '').running).toBe(3);
  });

  it('finds by part of the name, the service, the engine or the environment, every word', () => {
    expect(names('order')).toEqual(['prod_order_1']);
    expect(names('prod/search')).toEqual(['prod_search_1']);
    expect(names('engine-2')).toEqual(['prod_order_1', 'prod_search_1']);
    expect(names('search PROD')).toEqual(['prod_search_1']);
    expect(names('SEARCH')).toEqual(['pre_search_1', 'prod_search_1']);
    expect(names('worker')).toEqual([]);
  });

  it('puts names that start with what is typed first', () => {
    const rows = [fleetContainer({ id: 'a', name: 'a_web_1', service: 'web' }), fleetContainer({ id: 'b', name: 'web_2' }), fleetContainer({ id: 'c', name: 'z_1', service: 'web' })];
    expect(pickContainers(rows, 'web').shown.map((c) => c.name)).toEqual(['web_2', 'a_web_1', 'z_1']);
  });

  it('shows at most the limit and counts the rest', () => {
    const result = pickContainers(fleet, 'pr', 2);
    expect(result.shown).toHaveLength(2);
    expect(result.matched).toBe(3);
  });

  it('moves the choice with the arrows, stopping at the ends', () => {
    expect(moveActive(-1, 1, 3)).toBe(0);
    expect(moveActive(-1, -1, 3)).toBe(2);
    expect(moveActive(0, -1, 3)).toBe(0);
    expect(moveActive(1, 1, 3)).toBe(2);
    expect(moveActive(2, 1, 3)).toBe(2);
    expect(moveActive(0, 1, 0)).toBe(-1);
  });
});
