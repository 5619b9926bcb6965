import type { TopologyView } from '../../../shared/domain';
import { useWarmStream, WarmStream } from '../../api/warm-stream';

export interface TopologyStream {
  view?: TopologyView;
  /** Set while the stream is broken and being resubscribed; the last view stays on screen. */
  streamError?: string;
}

/** The `topology.view` stream, kept subscribed after the first visit: a later one draws the last view at once. */
const topologyStream = new WarmStream({
  name: 'topology.view',
  input: {},
  initial: undefined as TopologyView | undefined,
  reduce: (view, items) => items[items.length - 1] ?? view,
});

/** The `topology.view` stream: the whole picture each time it changes. */
export function useTopology(): TopologyStream {
  const { state, error } = useWarmStream(topologyStream);
  return { view: state, streamError: error };
}
