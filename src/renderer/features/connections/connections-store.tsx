import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ConnectionStatus } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
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
const RESUBSCRIBE_MS = [1000, 2000, 5000, 10_000];

/** One subscription to `connections.status` for the whole app (status bar and Connections screen). */
export function ConnectionsProvider({ children }: { children: ReactNode }) {
  const [byId, setById] = useState<Map<string, ConnectionStatus>>(() => new Map());
  const [received, setReceived] = useState(false);
  const [streamError, setStreamError] = useState<string>();
  const [generation, setGeneration] = useState(0);
  const [checking, setChecking] = useState<ReadonlySet<string>>(() => new Set());
  const failures = useRef(0);

  useEffect(() => {
    let retry: number | undefined;
    let active = true;
    // The stream sends nothing when there are no connections: the list answers "none" at once.
    client.invoke('connections.list', {}).then(
      (statuses) => {
        if (!active) return;
        setById((current) => mergeStatuses(current, statuses));
        setReceived(true);
      },
      () => undefined, // the stream (and its error) carries on regardless
    );
    const unsubscribe = client.subscribe('connections.status', {}, {
      onItems(items) {
        failures.current = 0;
        setReceived(true);
        setStreamError(undefined);
        setById((current) => mergeStatuses(current, items));
      },
      onEnd(error) {
        setStreamError(error ? errorMessage(error) : 'stream ended');
        const delay = RESUBSCRIBE_MS[Math.min(failures.current++, RESUBSCRIBE_MS.length - 1)] ?? 10_000;
        retry = window.setTimeout(() => setGeneration((g) => g + 1), delay);
      },
    });
    return () => {
      active = false;
      window.clearTimeout(retry);
      unsubscribe();
    };
  }, [generation]);

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
