import type { ConnectionState } from '../../../shared/domain';
import type { DotTone } from '../../components/StatusDot';

export function connectionTone(state: ConnectionState): DotTone {
  if (state === 'connected') return 'ok';
  if (state === 'connecting') return 'warn';
  return 'error';
}
