import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ConnectionStatus } from '../../../shared/domain';
import { client } from '../../api';
import { useResilientStream } from '../../api/use-resilient-stream';
import { mergeStatuses, sortConnections } from './connection-statuses';

interface ConnectionsValue {
  /** Latest status of every connection, Docker engines first, then etcd, then Zabbix. */
  connections: ConnectionStatus[];
  /** True once the first list or stream batch has arrived. */
  received: boolean;
  /** Set while the status stream is broken and being resubscribed. */
  streamError?: string;
  /** Ids being checked right now; 'all' while everything is. */
  checking: ReadonlySet<string>;
  /** Checks one connection (or all) now; resolves with how many were checked. */
  check(id?: string): Promise<number>;
}

const ConnectionsContext = createContext<ConnectionsValue | null>(null);
const NO_INPUT = {};

/** One subscription to `connections.status` for the whole app (status bar and Connections screen). */
export function ConnectionsProvider({ children }: { children: ReactNode }) {
  const [byId, setById] = useState<Map<string, ConnectionStatus>>(() => new Map());
  const [received, setReceived] = useState(false);
  const [checking, setChecking] = useState<ReadonlySet<string>>(() => new Set());

  // The stream sends nothing when there are no connections: the list answers "none" at once.
  useEffect(() => {
    let active = true;
    client.invoke('connections.list', {}).then(
      (statuses) => {
        if (!active) return;
        setById((current) => mergeStatuses(current, statuses));
        setReceived(true);
      },
      () => undefined, // the stream (and its error) carries on regardless
    );
    return () => {
      active = false;
    };
  }, []);
  const onItems = useCallback((items: ConnectionStatus[]) => {
    setReceived(true);
    setById((current) => mergeStatuses(current, items));
  }, []);
  const { error: streamError } = useResilientStream('connections.status', NO_INPUT, onItems);

  const check = useCallback(async (id?: string) => {
    const key = id ?? 'all';
    setChecking((set) => new Set(set).add(key));
    try {
      const statuses = await client.invoke('connections.check', id ? { id } : {});
      setById((current) => mergeStatuses(current, statuses));
      return id ? 1 : statuses.length;
    } finally {
      setChecking((set) => {
        const next = new Set(set);
        next.delete(key);
        return next;
      });
    }
  }, []);

  const connections = useMemo(() => sortConnections(byId.values()), [byId]);
  const value = useMemo(
    () => ({ connections, received, streamError, checking, check }),
    [connections, received, streamError, checking, check],
  );
  return <ConnectionsContext.Provider value={value}>{children}</ConnectionsContext.Provider>;
}

export function useConnections(): ConnectionsValue {
  const value = useContext(ConnectionsContext);
  if (!value) throw new Error('useConnections() is used outside <ConnectionsProvider>');
  return value;
}
