import type { AreaHandlers } from '../../core/handlers';
import type { WatchService } from './watch-service';

export function watchHandlers(watch: WatchService): AreaHandlers<never, 'watch.view'> {
  return {
    calls: {},
    streams: {
      'watch.view': (_input, sink) => watch.subscribe((view) => sink.push(view)),
    },
  };
}
