import type { ConnectionKind, ConnectionStatus } from '../../../shared/domain';

export const KIND_ORDER: readonly ConnectionKind[] = ['docker', 'etcd', 'zabbix'];

/** A newer status replaces an older one; an older one (checked earlier, or never) does not win. */
export function mergeStatuses(
  current: ReadonlyMap<string, ConnectionStatus>,
  items: readonly ConnectionStatus[],
): Map<string, ConnectionStatus> {
  const next = new Map(current);
  for (const item of items) {
    const seen = next.get(item.id)?.checkedAt;
    if (seen !== undefined && (item.checkedAt === undefined || item.checkedAt < seen)) continue;
    next.set(item.id, item);
  }
  return next;
}

/** Docker engines first, then etcd, then Zabbix; by name within a kind. */
export function sortConnections(list: Iterable<ConnectionStatus>): ConnectionStatus[] {
  return [...list].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name),
  );
}
