import type { ConnectionStatus } from '../../../shared/domain';
import type { ConsoleLog } from './console-log';

/**
 * Writes every change of a connection's state (connecting -> connected -> error …) to the
 * console log, and a changed error while it stays broken; repeated identical checks are not.
 */
export function logConnectionChanges(
  onChange: (listener: (status: ConnectionStatus) => void) => () => void,
  initial: ConnectionStatus[],
  log: ConsoleLog,
): () => void {
  const last = new Map<string, string>();
  const note = (status: ConnectionStatus) => {
    const key = `${status.state}|${status.error?.code ?? ''}|${status.error?.message ?? ''}`;
    if (last.get(status.id) === key) return;
    const first = !last.has(status.id);
    last.set(status.id, key);
    const what = `connection ${status.id} (${status.target}) ${first ? 'is' : 'is now'} ${status.state}`;
    const fields = { version: status.version, latencyMs: status.latencyMs };
    if (status.state === 'error') log.error(what, status.error ?? 'unknown error', fields);
    else log.info(what, status.state === 'connected' ? fields : undefined);
  };
  for (const status of initial) note(status);
  return onChange(note);
}
