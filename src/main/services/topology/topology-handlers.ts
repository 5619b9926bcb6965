import type { AreaHandlers } from '../../core/handlers';
import { watchTopology, type TopologySources } from './topology-service';

export function topologyHandlers(sources: TopologySources): AreaHandlers<never, 'topology.view'> {
  return {
    calls: {},
    streams: {
      'topology.view': (_input, sink) => watchTopology(sources, (view) => sink.push(view)),
    },
  };
}
