import { useMemo } from 'react';
import type { FleetContainer, FleetEvent } from '../../../shared/domain';
import { useWarmStream, WarmStream } from '../../api/warm-stream';
import { applyFleetEvents, EMPTY_FLEET, fleetContainers, type FleetState } from './fleet-state';

export interface Fleet {
  state: FleetState;
  /** Every container of every engine, last known. */
  containers: FleetContainer[];
  /** Set while the fleet stream is broken and being resubscribed. */
  streamError?: string;
}

const NO_INPUT = {};

/** Until the new snapshots arrive, every engine's rows are the last known ones. */
function reconnecting(current: FleetState): FleetState {
  return { ...current, engines: new Map([...current.engines].map(([name, feed]) => [name, { ...feed, state: 'reconnecting' as const }])) };
}

/** One subscription for every screen, kept after first use: a later visit draws the rows at once. */
const fleetStream = new WarmStream({ name: 'containers.fleet', input: NO_INPUT, initial: EMPTY_FLEET, reduce: (state: FleetState, items: FleetEvent[]) => applyFleetEvents(state, items), onEnd: reconnecting });

/**
 * The `containers.fleet` stream: a snapshot per engine, then every change. When the stream
 * ends it is subscribed again (the snapshots that follow replace the rows); the last rows stay
 * on screen meanwhile.
 */
export function useFleet(): Fleet {
  const { state, error: streamError } = useWarmStream(fleetStream);
  const containers = useMemo(() => fleetContainers(state), [state]);
  return { state, containers, streamError };
}
