import type { AreaHandlers } from '../../core/handlers';
import type { LogsService } from './logs-service';

export function logsHandlers(logs: LogsService): AreaHandlers<never, 'logs.tail' | 'logs.export'> {
  return {
    calls: {},
    streams: {
      'logs.tail': (input, sink) => logs.tail(input, sink),
      'logs.export': (input, sink) => logs.export(input, sink),
    },
  };
}
