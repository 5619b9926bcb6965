import { useEffect, useRef, useState } from 'react';
import type { TopologyView } from '../../../shared/domain';
import { client, errorMessage } from '../../api';

const RESUBSCRIBE_MS = [1000, 2000, 5000, 10_000];

export interface TopologyStream {
  view?: TopologyView;
  /** Set while the stream is broken and being resubscribed; the last view stays on screen. */
  streamError?: string;
}

/** The `topology.view` stream: the whole picture each time it changes. */
export function useTopology(): TopologyStream {
  const [view, setView] = useState<TopologyView>();
  const [streamError, setStreamError] = useState<string>();
  const [generation, setGeneration] = useState(0);
  const failures = useRef(0);

  useEffect(() => {
    let retry: number | undefined;
    const unsubscribe = client.subscribe('topology.view', {}, {
      onItems(items) {
        failures.current = 0;
        setStreamError(undefined);
        const last = items[items.length - 1];
        if (last) setView(last);
      },
      onEnd(error) {
        setStreamError(error ? errorMessage(error) : 'stream ended');
        const delay = RESUBSCRIBE_MS[Math.min(failures.current++, RESUBSCRIBE_MS.length - 1)] ?? 10_000;
        retry = window.setTimeout(() => setGeneration((g) => g + 1), delay);
      },
    });
    return () => {
      window.clearTimeout(retry);
      unsubscribe();
    };
  }, [generation]);

  return { view, streamError };
}
