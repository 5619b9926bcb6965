import { useEffect, useMemo, useRef, useState } from 'react';
import type { FleetContainer, TimelineEvent } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { resubscribeDelay } from '../../api/use-resilient-stream';
import { TimelineStore } from './timeline-store';

/** A resumed stream starts this long before the last event, so group updates of the stretch still arrive. */
const RESUME_OVERLAP_MS = 5 * 60_000;
/** Batches are drawn at most this often (a backfill of thousands arrives in many batches). */
const RENDER_EVERY_MS = 200;

export type FeedState = 'connecting' | 'live' | 'reconnecting';

export interface TimelineFeed {
  events: readonly TimelineEvent[];
  state: FeedState;
  error?: string;
  /** True once the first batch (the backfill) has arrived. */
  loaded: boolean;
}

/**
 * The `timeline.events` stream, upserted by id into a bounded store. When the stream breaks
 * it is subscribed again from a little before the last event known; what comes twice is
 * merged by id, so nothing is lost or doubled.
 */
export function useTimelineEvents(): TimelineFeed {
  const storeRef = useRef<TimelineStore>(null);
  storeRef.current ??= new TimelineStore();
  const [events, setEvents] = useState<readonly TimelineEvent[]>(() => storeRef.current!.events);
  const [state, setState] = useState<FeedState>('connecting');
  const [error, setError] = useState<string>();
  const [loaded, setLoaded] = useState(false);
  const [generation, setGeneration] = useState(0);
  const failures = useRef(0);

  useEffect(() => {
    const store = storeRef.current!;
    let active = true;
    let retry: number | undefined;
    let flush: number | undefined;
    const publish = () => {
      flush = undefined;
      if (active) setEvents(store.events);
    };
    const latest = store.latestAt;
    const input = latest === undefined ? {} : { since: latest - RESUME_OVERLAP_MS };
    const unsubscribe = client.subscribe('timeline.events', input, {
      onItems(items) {
        if (!active) return;
        failures.current = 0;
        setState('live');
        setError(undefined);
        setLoaded(true);
        if (store.apply(items) && flush === undefined) flush = window.setTimeout(publish, RENDER_EVERY_MS);
      },
      onEnd(endError) {
        if (!active) return;
        setState('reconnecting');
        setError(endError ? errorMessage(endError) : undefined);
        retry = window.setTimeout(() => setGeneration((g) => g + 1), resubscribeDelay(failures.current++));
      },
    });
    return () => {
      active = false;
      window.clearTimeout(retry);
      window.clearTimeout(flush);
      unsubscribe();
    };
  }, [generation]);

  return { events, state, error, loaded };
}

/** The containers of every engine, from `containers.fleet`, while `enabled` (the snapshot dialog is open). */
export function useFleetContainers(enabled: boolean): { containers: FleetContainer[]; loaded: boolean; error?: string } {
  const [byEngine, setByEngine] = useState<ReadonlyMap<string, ReadonlyMap<string, FleetContainer>>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!enabled) return;
    let active = true;
    const unsubscribe = client.subscribe('containers.fleet', {}, {
      onItems(items) {
        if (!active) return;
        setByEngine((current) => {
          const next = new Map(current);
          for (const item of items) {
            if (item.kind === 'snapshot') next.set(item.engine, new Map(item.containers.map((c) => [c.id, c])));
            else if (item.kind === 'upsert') next.set(item.container.engine, new Map(next.get(item.container.engine) ?? []).set(item.container.id, item.container));
            else if (item.kind === 'remove') {
              const map = new Map(next.get(item.engine) ?? []);
              map.delete(item.id);
              next.set(item.engine, map);
            }
          }
          return next;
        });
        if (items.some((item) => item.kind === 'snapshot' && !item.partial)) setLoaded(true);
      },
      onEnd(endError) {
        if (active && endError) setError(errorMessage(endError));
      },
    });
    // Engines that are away send no snapshot; after a moment, show what there is.
    const patience = window.setTimeout(() => active && setLoaded(true), 4000);
    return () => {
      active = false;
      window.clearTimeout(patience);
      unsubscribe();
    };
  }, [enabled]);

  const containers = useMemo(() => [...byEngine.values()].flatMap((map) => [...map.values()]), [byEngine]);
  return { containers, loaded, error };
}
