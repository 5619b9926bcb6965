import { useState } from 'react';
import type { TopologyView } from '../../../shared/domain';
import { useResilientStream } from '../../api/use-resilient-stream';

export interface TopologyStream {
  view?: TopologyView;
  /** Set while the stream is broken and being resubscribed; the last view stays on screen. */
  streamError?: string;
}

const NO_INPUT = {};

/** The `topology.view` stream: the whole picture each time it changes. */
export function useTopology(): TopologyStream {
  const [view, setView] = useState<TopologyView>();
  const { error } = useResilientStream('topology.view', NO_INPUT, (items) => {
    const last = items[items.length - 1];
    if (last) setView(last);
  });
  return { view, streamError: error };
}
