import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineContainers } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { useOnLinkReopen } from '../../app/link-state';

export interface ContainersState {
  /** The last successful answer (kept while refreshing and when a refresh fails). */
  engines?: EngineContainers[];
  fetchedAt?: number;
  /** Why the last refresh failed, if it did. */
  error?: string;
  refreshing: boolean;
  refresh(): void;
}

/**
 * `containers.list` on mount and every `intervalMs` after the previous answer (never two at
 * once), paused while the window is hidden, and at once when asked or when the backend returns.
 */
export function useContainers(intervalMs = 5000): ContainersState {
  const [engines, setEngines] = useState<EngineContainers[]>();
  const [fetchedAt, setFetchedAt] = useState<number>();
  const [error, setError] = useState<string>();
  const [refreshing, setRefreshing] = useState(false);
  const runRef = useRef<() => void>(undefined);

  useEffect(() => {
    let cancelled = false;
    let inFlight = false;
    let timer: number | undefined;

    const schedule = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => (document.hidden ? schedule() : run()), intervalMs);
    };
    const run = () => {
      if (inFlight) return;
      inFlight = true;
      window.clearTimeout(timer);
      setRefreshing(true);
      client.invoke('containers.list', {}).then(
        (result) => {
          if (cancelled) return;
          setEngines(result);
          setFetchedAt(Date.now());
          setError(undefined);
        },
        (err: unknown) => {
          if (!cancelled) setError(errorMessage(err));
        },
      ).finally(() => {
        inFlight = false;
        if (cancelled) return;
        setRefreshing(false);
        schedule();
      });
    };
    const onVisibility = () => {
      if (!document.hidden) run();
    };

    runRef.current = run;
    run();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      runRef.current = undefined;
    };
  }, [intervalMs]);

  const refresh = useCallback(() => runRef.current?.(), []);
  useOnLinkReopen(refresh);

  return { engines, fetchedAt, error, refreshing, refresh };
}
