import type { FleetContainer, StatsSample } from '../../../shared/domain';

/** A fleet row for unit tests; override what the test is about. */
export function fleetContainer(overrides: Partial<FleetContainer> = {}): FleetContainer {
  return {
    engine: 'engine-1',
    id: 'aaaa000000000001',
    name: 'pre_search_1',
    image: 'lab/busybox:1',
    state: 'running',
    status: 'Up 3 minutes',
    health: 'none',
    createdAt: 0,
    labels: {},
    ports: [],
    ...overrides,
  };
}

/** A stats sample for unit tests. */
export function statsSample(overrides: Partial<StatsSample> = {}): StatsSample {
  return {
    engine: 'engine-1',
    id: 'aaaa000000000001',
    t: 0,
    cpuPercent: 0,
    memUsed: 0,
    memLimit: 1000,
    memPercent: 0,
    netRx: 0,
    netTx: 0,
    blkRead: 0,
    blkWrite: 0,
    pids: 1,
    ...overrides,
  };
}
