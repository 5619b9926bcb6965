import type { AreaHandlers } from '../../core/handlers';
import type { ScaleService } from './scale-service';

export function scaleHandlers(scale: ScaleService): AreaHandlers<'scale.plan', 'scale.apply' | 'scale.restart'> {
  return {
    calls: {
      'scale.plan': (input) => scale.plan(input),
    },
    streams: {
      'scale.apply': (input, sink) => scale.apply(input, sink),
      'scale.restart': (input, sink) => scale.restart(input, sink),
    },
  };
}
