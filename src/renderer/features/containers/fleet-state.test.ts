import { describe, expect, it } from 'vitest';
import { applyFleetEvents, EMPTY_FLEET, engineError, findContainer, fleetContainers, isStale } from './fleet-state';
import { fleetContainer } from './test-fixtures';

describe('the fleet reducer', () => {
  it('replaces all rows of an engine on a snapshot and leaves other engines alone', () => {
    let state = applyFleetEvents(EMPTY_FLEET, [
      { kind: 'snapshot', engine: 'engine-1', containers: [fleetContainer({ id: 'a' }), fleetContainer({ id: 'b' })] },
      { kind: 'snapshot', engine: 'engine-2', containers: [fleetContainer({ engine: 'engine-2', id: 'c' })] },
    ]);
    expect(fleetContainers(state)).toHaveLength(3);
    state = applyFleetEvents(state, [{ kind: 'snapshot', engine: 'engine-1', containers: [fleetContainer({ id: 'z' })] }]);
    expect(fleetContainers(state).map((c) => c.id).sort()).toEqual(['c', 'z']);
    expect(state.engines.get('engine-1')?.hasSnapshot).toBe(true);
  });

  it('marks an engine whose rows are the list only until the inspected snapshot replaces them', () => {
    const listed = applyFleetEvents(EMPTY_FLEET, [{ kind: 'snapshot', engine: 'engine-1', containers: [fleetContainer({ id: 'a' })], partial: true }]);
    expect(listed.engines.get('engine-1')?.detailsPending).toBe(true);
    expect(fleetContainers(listed)).toHaveLength(1);
    const live = applyFleetEvents(listed, [{ kind: 'engine', engine: 'engine-1', state: 'live', at: 1 }]);
    expect(live.engines.get('engine-1')?.detailsPending).toBe(true);
    const full = applyFleetEvents(live, [{ kind: 'snapshot', engine: 'engine-1', containers: [fleetContainer({ id: 'a', environment: 'PRE' })] }]);
    expect(full.engines.get('engine-1')?.detailsPending).toBe(false);
    expect(findContainer(full, 'engine-1', 'a')?.environment).toBe('PRE');
  });

  it('adds or replaces by engine and id on upsert, and removes', () => {
    const before = applyFleetEvents(EMPTY_FLEET, [{ kind: 'snapshot', engine: 'engine-1', containers: [fleetContainer({ id: 'a' })] }]);
    const after = applyFleetEvents(before, [
      { kind: 'upsert', container: fleetContainer({ id: 'a', state: 'exited' }) },
      { kind: 'upsert', container: fleetContainer({ id: 'b' }) },
      { kind: 'upsert', container: fleetContainer({ engine: 'engine-3', id: 'a' }) },
      { kind: 'remove', engine: 'engine-1', id: 'b' },
      { kind: 'remove', engine: 'engine-9', id: 'x' },
    ]);
    expect(findContainer(after, 'engine-1', 'a')?.state).toBe('exited');
    expect(findContainer(after, 'engine-1', 'b')).toBeUndefined();
    expect(findContainer(after, 'engine-3', 'a')).toBeDefined();
    // The previous state is untouched.
    expect(findContainer(before, 'engine-1', 'a')?.state).toBe('running');
  });

  it('marks an engine stale until live, and reports its error only while it is not live', () => {
    const error = { code: 'UNAVAILABLE' as const, message: 'connect ECONNREFUSED' };
    let state = applyFleetEvents(EMPTY_FLEET, [
      { kind: 'engine', engine: 'engine-1', state: 'connecting', at: 1 },
      { kind: 'snapshot', engine: 'engine-1', containers: [fleetContainer()] },
      { kind: 'engine', engine: 'engine-1', state: 'live', at: 2 },
    ]);
    expect(isStale(state.engines.get('engine-1'))).toBe(false);
    state = applyFleetEvents(state, [{ kind: 'engine', engine: 'engine-1', state: 'reconnecting', error, at: 3 }]);
    expect(isStale(state.engines.get('engine-1'))).toBe(true);
    expect(engineError(state.engines.get('engine-1'))).toEqual(error);
    // The last rows stay.
    expect(fleetContainers(state)).toHaveLength(1);
    state = applyFleetEvents(state, [{ kind: 'engine', engine: 'engine-1', state: 'live', error, at: 4 }]);
    expect(engineError(state.engines.get('engine-1'))).toBeUndefined();
  });

  it('finds a container by short id or name for hand-written links', () => {
    const state = applyFleetEvents(EMPTY_FLEET, [{ kind: 'snapshot', engine: 'engine-1', containers: [fleetContainer()] }]);
    expect(findContainer(state, 'engine-1', 'aaaa0000')?.name).toBe('pre_search_1');
    expect(findContainer(state, 'engine-1', 'pre_search_1')?.id).toBe('aaaa000000000001');
  });
});
