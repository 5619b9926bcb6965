import { describe, expect, it } from 'vitest';
import type { FleetContainer } from '../../../shared/domain';
import { applySnapshotEvents, assembleArchive, EMPTY_PROGRESS, preselectServices, serviceOptions } from './snapshot';
import { ev } from './test-events';

function container(partial: Partial<FleetContainer> & { id: string; engine: string }): FleetContainer {
  return { name: partial.id, image: 'img', state: 'running', status: 'Up', health: 'none', createdAt: 0, labels: {}, ports: [], ...partial } as FleetContainer;
}

const fleet = [
  container({ id: 'c1', engine: 'e1', project: 'pre', service: 'order', environment: 'PRE' }),
  container({ id: 'c2', engine: 'e2', project: 'pre', service: 'order', environment: 'PRE', state: 'exited' }),
  container({ id: 'c3', engine: 'e1', project: 'prod', service: 'user', environment: 'PROD' }),
  container({ id: 'c4', engine: 'e1', labels: { 'com.docker.compose.project': 'prod', 'com.docker.compose.service': 'search' }, environment: 'PROD' }),
  container({ id: 'c5', engine: 'e1' }),
];

describe('snapshot services', () => {
  it('lists the compose services of the fleet', () => {
    const options = serviceOptions(fleet);
    expect(options.map((o) => o.key)).toEqual(['pre/order', 'prod/search', 'prod/user']);
    expect(options[0]).toMatchObject({ replicas: 2, running: 1, engines: ['e1', 'e2'], environments: ['PRE'] });
  });

  it('preselects the services of error events, by container or by app_ENV', () => {
    const picked = preselectServices(
      [
        ev({ id: 'a', at: 1, severity: 'error', container: { engine: 'e2', id: 'c2', name: 'pre_order_2' } }),
        ev({ id: 'b', at: 2, severity: 'error', kind: 'zabbix', service: 'search_PROD' }),
        ev({ id: 'c', at: 3, severity: 'warning', service: 'user_PROD' }),
      ],
      fleet,
    );
    expect([...picked].sort()).toEqual(['pre/order', 'prod/search']);
  });
});

describe('snapshot chunks', () => {
  it('collects progress, chunks in order and the end; the blob is the archive', async () => {
    const part1 = btoa(String.fromCharCode(0x1f, 0x8b, 1, 2));
    const part2 = btoa('xyz');
    let state = applySnapshotEvents(EMPTY_PROGRESS, [{ kind: 'progress', message: 'timeline' }, { kind: 'chunk', data: part1 }]);
    state = applySnapshotEvents(state, [{ kind: 'chunk', data: part2 }, { kind: 'done', path: '/tmp/x.tar.gz', bytes: 7, files: ['a'], fileName: 'x.tar.gz' }]);
    expect(state.messages).toEqual(['timeline']);
    expect(state.received).toBe(7);
    expect(state.done?.fileName).toBe('x.tar.gz');
    const blob = assembleArchive(state.chunks);
    expect(blob.type).toBe('application/gzip');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0x1f, 0x8b, 1, 2, 120, 121, 122]);
  });
});
