import type { AreaHandlers } from '../../core/handlers';
import type { LogSearchService } from './log-search-service';

export function logSearchHandlers(search: LogSearchService): AreaHandlers<never, 'logs.search'> {
  return {
    calls: {},
    streams: {
      'logs.search': (input, sink) => search.search(input, sink),
    },
  };
}
