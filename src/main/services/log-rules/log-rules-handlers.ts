import type { AreaHandlers } from '../../core/handlers';
import type { LogRulesService } from './log-rules-service';

export function logRulesHandlers(service: LogRulesService): AreaHandlers<'logRules.list' | 'logRules.set', never> {
  return {
    calls: {
      'logRules.list': () => service.list(),
      'logRules.set': ({ rules }) => service.set(rules),
    },
    streams: {},
  };
}
