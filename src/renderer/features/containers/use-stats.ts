import { useEffect, useRef, useState } from 'react';
import type { StatsSample } from '../../../shared/domain';
import { client } from '../../api';
import { containerKey } from './fleet-state';
import type { StatsByContainer } from './container-list';
import { appendSample, HISTORY_MS } from './stats-math';

export interface ContainerRef {
  engine: string;
  id: string;
}

/** The most containers one screen asks stats for at once. */
export const MAX_STATS_CONTAINERS = 100;
const FLUSH_MS = 1000;
const RESUBSCRIBE_MS = 3000;

function refKey(ref: ContainerRef): string {
  return JSON.stringify([ref.engine, ref.id]);
}

/**
 * Subscribes to `containers.stats` for the given containers, one stream per container: when
 * the set changes only the containers that came or went are (un)subscribed, so the others keep
 * their samples flowing (a fleet of hundreds changes often). A stream that ends is retried.
 */
function useStatsStream(refs: readonly ContainerRef[], onSamples: (samples: StatsSample[]) => void): void {
  const callback = useRef(onSamples);
  useEffect(() => {
    callback.current = onSamples;
  });
  const streams = useRef(new Map<string, { stop(): void }>());

  const wanted = new Set(refs.slice(0, MAX_STATS_CONTAINERS).map(refKey));
  const key = [...wanted].sort().join('\n');

  useEffect(() => {
    const current = streams.current;
    const keep = new Set(key ? key.split('\n') : []);
    for (const [k, stream] of current) {
      if (keep.has(k)) continue;
      stream.stop();
      current.delete(k);
    }
    for (const k of keep) {
      if (current.has(k)) continue;
      const [engine, id] = JSON.parse(k) as [string, string];
      current.set(k, startStream({ engine, id }, (samples) => callback.current(samples)));
    }
  }, [key]);

  useEffect(() => {
    const current = streams.current;
    return () => {
      for (const stream of current.values()) stream.stop();
      current.clear();
    };
  }, []);
}

function startStream(ref: ContainerRef, onSamples: (samples: StatsSample[]) => void): { stop(): void } {
  let active = true;
  let retry: number | undefined;
  let unsubscribe: (() => void) | undefined;
  const start = () => {
    unsubscribe = client.subscribe('containers.stats', { containers: [ref] }, {
      onItems: onSamples,
      onEnd: () => {
        if (active) retry = window.setTimeout(start, RESUBSCRIBE_MS);
      },
    });
  };
  start();
  return {
    stop() {
      active = false;
      window.clearTimeout(retry);
      unsubscribe?.();
    },
  };
}

/** Forgets containers no longer asked for: a churning fleet would otherwise fill the map for ever. */
function forgetGone(map: Map<string, unknown>, refs: readonly ContainerRef[]): void {
  if (map.size <= refs.length) return;
  const wanted = new Set(refs.map(containerKey));
  for (const key of map.keys()) if (!wanted.has(key)) map.delete(key);
}

/** The latest sample of each container, refreshed once a second. */
export function useLatestStats(refs: readonly ContainerRef[]): StatsByContainer {
  const latest = useRef(new Map<string, StatsSample>());
  const dirty = useRef(false);
  const asked = useRef(refs);
  asked.current = refs;
  const [snapshot, setSnapshot] = useState<StatsByContainer>(() => new Map());

  useStatsStream(refs, (samples) => {
    for (const sample of samples) {
      const key = containerKey(sample);
      const previous = latest.current.get(key);
      if (!previous || previous.t < sample.t) latest.current.set(key, sample);
    }
    dirty.current = true;
  });

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (!dirty.current) return;
      dirty.current = false;
      forgetGone(latest.current, asked.current);
      setSnapshot(new Map(latest.current));
    }, FLUSH_MS);
    return () => window.clearInterval(timer);
  }, []);

  return snapshot;
}

export interface StatsHistory {
  /** Samples of the last five minutes per container (containerKey()), oldest first. */
  samples: ReadonlyMap<string, readonly StatsSample[]>;
  /** Changes each time new samples are shown (for memoising derived series). */
  version: number;
}

/** Every sample of the last five minutes for each container, kept while the view is open. */
export function useStatsHistory(refs: readonly ContainerRef[], windowMs = HISTORY_MS): StatsHistory {
  const histories = useRef(new Map<string, StatsSample[]>());
  const dirty = useRef(false);
  const [version, setVersion] = useState(0);
  const asked = useRef(refs);
  asked.current = refs;

  useStatsStream(refs, (samples) => {
    for (const sample of samples) {
      const key = containerKey(sample);
      let history = histories.current.get(key);
      if (!history) histories.current.set(key, (history = []));
      appendSample(history, sample, windowMs);
    }
    dirty.current = true;
  });

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (!dirty.current) return;
      dirty.current = false;
      forgetGone(histories.current, asked.current);
      setVersion((v) => v + 1);
    }, FLUSH_MS);
    return () => window.clearInterval(timer);
  }, []);

  return { samples: histories.current, version };
}
