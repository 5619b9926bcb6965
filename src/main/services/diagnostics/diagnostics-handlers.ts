import type { AreaHandlers } from '../../core/handlers';
import type { DiagnosticsService } from './diagnostics-service';

export function diagnosticsHandlers(diagnostics: DiagnosticsService): AreaHandlers<'diagnostics.get', never> {
  return { calls: { 'diagnostics.get': () => diagnostics.get() }, streams: {} };
}
