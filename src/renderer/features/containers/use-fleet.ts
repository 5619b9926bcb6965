import { useEffect, useMemo, useRef, useState } from 'react';
import type { FleetContainer } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { applyFleetEvents, EMPTY_FLEET, fleetContainers, type FleetState } from './fleet-state';

export interface Fleet {
  state: FleetState;
  /** Every container of every engine, last known. */
  containers: FleetContainer[];
  /** Set while the fleet stream is broken and being resubscribed. */
  streamError?: string;
}

const RESUBSCRIBE_MS = [1000, 2000, 5000, 10_000];

/**
 * The `containers.fleet` stream: a snapshot per engine, then every change. When the stream
 * ends it is subscribed again (the snapshots that follow replace the rows); the last rows stay
 * on screen meanwhile.
 */
export function useFleet(): Fleet {
  const [state, setState] = useState<FleetState>(EMPTY_FLEET);
  const [streamError, setStreamError] = useState<string>();
  const [generation, setGeneration] = useState(0);
  const failures = useRef(0);

  useEffect(() => {
    let retry: number | undefined;
    const unsubscribe = client.subscribe('containers.fleet', {}, {
      onItems(items) {
        failures.current = 0;
        setStreamError(undefined);
        setState((current) => applyFleetEvents(current, items));
      },
      onEnd(error) {
        setStreamError(error ? errorMessage(error) : 'stream ended');
        // Until the new snapshots arrive, every engine's rows are the last known ones.
        setState((current) => ({
          ...current,
          engines: new Map([...current.engines].map(([name, feed]) => [name, { ...feed, state: 'reconnecting' as const }])),
        }));
        const delay = RESUBSCRIBE_MS[Math.min(failures.current++, RESUBSCRIBE_MS.length - 1)] ?? 10_000;
        retry = window.setTimeout(() => setGeneration((g) => g + 1), delay);
      },
    });
    return () => {
      window.clearTimeout(retry);
      unsubscribe();
    };
  }, [generation]);

  const containers = useMemo(() => fleetContainers(state), [state]);
  return { state, containers, streamError };
}
