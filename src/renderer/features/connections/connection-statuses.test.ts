import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../shared/domain';
import { mergeStatuses, sortConnections } from './connection-statuses';

const status = (state: ConnectionStatus['state'], checkedAt?: number): ConnectionStatus => ({
  id: 'docker:a',
  kind: 'docker',
  name: 'a',
  target: 'unix:///a.sock',
  state,
  facts: {},
  checkedAt,
});

describe('merging connection statuses', () => {
  it('keeps the latest status per id and never goes back to an older one', () => {
    let map = mergeStatuses(new Map(), [status('connecting')]);
    map = mergeStatuses(map, [status('connected', 200)]);
    expect(map.get('docker:a')?.state).toBe('connected');
    map = mergeStatuses(map, [status('connecting'), status('error', 100)]);
    expect(map.get('docker:a')?.state).toBe('connected');
    map = mergeStatuses(map, [status('error', 300)]);
    expect(map.get('docker:a')?.state).toBe('error');
    expect(map.size).toBe(1);
  });
});

describe('ordering connections', () => {
  it('puts Docker engines first, then etcd, then Zabbix, by name within a kind', () => {
    const make = (kind: ConnectionStatus['kind'], name: string): ConnectionStatus => ({
      id: `${kind}:${name}`, kind, name, target: '', state: 'connected', facts: {},
    });
    const sorted = sortConnections([make('zabbix', 'z'), make('etcd', 'e'), make('docker', 'b'), make('docker', 'a')]);
    expect(sorted.map((c) => c.id)).toEqual(['docker:a', 'docker:b', 'etcd:e', 'zabbix:z']);
  });
});
