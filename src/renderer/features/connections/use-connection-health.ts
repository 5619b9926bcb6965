import { useCallback, useMemo } from 'react';
import type { ConnectionKind } from '../../../shared/domain';
import { healthOf, peerHealth, type PeerHealth } from './connection-health';
import { useConnections } from './connections-store';

export interface ConnectionHealth {
  peers: PeerHealth[];
  /** The peers of a kind (or the one named) that do not answer. */
  down(kind: ConnectionKind, name?: string): PeerHealth[];
  /** The peers of a kind (or the one named) with members or pieces that do not answer. */
  degraded(kind: ConnectionKind, name?: string): PeerHealth[];
}

/** One place for every screen to learn which peers are not answering, to mark their data stale. */
export function useConnectionHealth(): ConnectionHealth {
  const { connections } = useConnections();
  const peers = useMemo(() => connections.map(peerHealth), [connections]);
  const down = useCallback((kind: ConnectionKind, name?: string) => healthOf(connections, kind, name).filter((h) => h.down), [connections]);
  const degraded = useCallback((kind: ConnectionKind, name?: string) => healthOf(connections, kind, name).filter((h) => !h.down && h.downParts.length > 0), [connections]);
  return useMemo(() => ({ peers, down, degraded }), [peers, down, degraded]);
}
