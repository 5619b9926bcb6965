import type { ConnectionKind, ConnectionPart, ConnectionStatus } from '../../../shared/domain';
import type { RpcErrorData } from '../../../shared/errors';

/** Whether a peer answers, and if not since when; what screens need to mark its data stale. */
export interface PeerHealth {
  id: string;
  kind: ConnectionKind;
  name: string;
  /** Its checks fail: data shown from it is as of `asOf`. */
  down: boolean;
  /** It does not answer at all (a timeout: asleep, frozen, cut off) rather than refusing. */
  notResponding: boolean;
  downSince?: number;
  /** The last time it answered. */
  asOf?: number;
  error?: RpcErrorData;
  /** Members or pieces that do not answer while the connection as a whole does. */
  downParts: ConnectionPart[];
}

export function peerHealth(status: ConnectionStatus): PeerHealth {
  const down = status.state === 'error' && status.downSince !== undefined;
  return {
    id: status.id,
    kind: status.kind,
    name: status.name,
    down,
    notResponding: down && status.error?.code === 'TIMEOUT',
    downSince: down ? status.downSince : undefined,
    asOf: status.respondedAt,
    error: down ? status.error : undefined,
    downParts: (status.parts ?? []).filter((part) => !part.responding),
  };
}

/** Health of the peers of one kind (or one of them by name). */
export function healthOf(statuses: readonly ConnectionStatus[], kind: ConnectionKind, name?: string): PeerHealth[] {
  return statuses.filter((s) => s.kind === kind && (name === undefined || s.name === name)).map(peerHealth);
}
