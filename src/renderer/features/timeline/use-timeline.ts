import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
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

interface FeedSnapshot {
  events: readonly TimelineEvent[];
  state: FeedState;
  error?: string;
  loaded: boolean;
}

/**
 * The `timeline.events` stream, upserted by id into a bounded store, subscribed on the first
 * visit and kept for the life of the page: a later visit draws from memory at once. When the
 * stream breaks it is subscribed again from a little before the last event known; what comes
 * twice is merged by id, so nothing is lost or doubled.
 */
class TimelineFeedSource {
  private readonly store = new TimelineStore();
  private snapshot: FeedSnapshot = { events: this.store.events, state: 'connecting', loaded: false };
  private readonly listeners = new Set<() => void>();
  private started = false;
  private failures = 0;
  private flush: number | undefined;

  readonly get = (): FeedSnapshot => this.snapshot;

  readonly listen = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.started) {
      this.started = true;
      this.connect();
    }
    return () => this.listeners.delete(listener);
  };

  private set(next: Partial<FeedSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...next };
    for (const listener of this.listeners) listener();
  }

  private readonly publish = () => {
    this.flush = undefined;
    this.set({ events: this.store.events });
  };

  private connect(): void {
    const latest = this.store.latestAt;
    const input = latest === undefined ? {} : { since: latest - RESUME_OVERLAP_MS };
    client.subscribe('timeline.events', input, {
      onItems: (items) => {
        this.failures = 0;
        const first = !this.snapshot.loaded;
        if (this.snapshot.state !== 'live' || first || this.snapshot.error !== undefined) this.set({ state: 'live', error: undefined, loaded: true });
        if (!this.store.apply(items) || this.flush !== undefined) return;
        // The first batch is drawn at once; later ones at most every RENDER_EVERY_MS.
        if (first) this.publish();
        else this.flush = window.setTimeout(this.publish, RENDER_EVERY_MS);
      },
      onEnd: (endError) => {
        this.set({ state: 'reconnecting', error: endError ? errorMessage(endError) : undefined });
        window.setTimeout(() => this.connect(), resubscribeDelay(this.failures++));
      },
    });
  }
}

const timelineFeed = new TimelineFeedSource();

export function useTimelineEvents(): TimelineFeed {
  return useSyncExternalStore(timelineFeed.listen, timelineFeed.get);
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
