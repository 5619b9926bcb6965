import type { AreaHandlers } from '../../core/handlers';
import type { ExecService } from './exec-service';

export function execHandlers(execs: ExecService): AreaHandlers<'exec.input' | 'exec.resize', 'exec.session'> {
  return {
    calls: {
      'exec.input': ({ session, data }) => execs.input(session, data),
      'exec.resize': ({ session, cols, rows }) => execs.resize(session, cols, rows),
    },
    streams: {
      'exec.session': (input, sink) => execs.open(input, sink),
    },
  };
}
