import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { WatchView } from '../../shared/domain';
import { useResilientStream } from '../api/use-resilient-stream';

interface WatchValue {
  /** What the console's watch says now (undefined until the first view arrives). */
  view?: WatchView;
  /** Set while the stream is down (being resubscribed). */
  error?: string;
}

const WatchContext = createContext<WatchValue>({});
const NO_INPUT = {};

/** One subscription to `watch.view` for the whole window: incidents, and why containers and services are degraded. */
export function WatchProvider({ children }: { children: ReactNode }) {
  const [view, setView] = useState<WatchView>();
  const onItems = useCallback((items: WatchView[]) => setView(items[items.length - 1]), []);
  const { error } = useResilientStream('watch.view', NO_INPUT, onItems);
  const value = useMemo(() => ({ view, error }), [view, error]);
  return <WatchContext.Provider value={value}>{children}</WatchContext.Provider>;
}

export function useWatch(): WatchValue {
  return useContext(WatchContext);
}

/** Open incidents (what the status bar and the title count). */
export function useOpenIncidents(): number {
  const { view } = useWatch();
  return view?.incidents.filter((i) => i.state === 'open').length ?? 0;
}
