import { describe, expect, it } from 'vitest';
import type { FleetContainer, RegistryView, ZabbixProblem } from '../../../shared/domain';
import { searchByKind } from '../../core/entity-search';
import { createTranslate } from '../../i18n/translate';
import { composeServiceEntities, containerEntities, problemEntities, registryEntities } from './palette-entities';
import { parseRecents, withRecent, MAX_RECENTS } from './recents';
import { selectionActions } from './selection-actions';

const t = createTranslate('en');

function container(name: string, id: string, extra: Partial<FleetContainer> = {}): FleetContainer {
  return { engine: 'lab-engine-1', id, name, image: 'lab/busybox:1', state: 'running', status: 'Up', health: 'none', createdAt: 0, labels: {}, ports: [], ...extra };
}

const containers = [
  container('prod_user_1', 'a'.repeat(64), { project: 'prod', service: 'user', environment: 'PROD' }),
  container('prod_user_2', 'b'.repeat(64), { project: 'prod', service: 'user', environment: 'PROD', engine: 'lab-engine-2' }),
  container('pre_search_1', 'c'.repeat(64), { project: 'pre', service: 'search', environment: 'PRE' }),
];

const registry: RegistryView = {
  revision: '1',
  at: 0,
  dockerReady: true,
  oddKeys: [],
  services: [
    {
      app: 'user',
      env: 'PROD',
      production: true,
      unregistered: [],
      instances: [
        { key: '/user_PROD/127.0.0.1-28001', app: 'user', env: 'PROD', ip: '127.0.0.1', port: 28001, value: '127.0.0.1:28001', lease: '1', createRevision: '1', modRevision: '1', problems: [], container: { engine: 'lab-engine-1', id: 'a'.repeat(64), name: 'prod_user_1', state: 'running' } },
      ],
    },
  ],
};

const problem: ZabbixProblem = { eventid: '42', objectid: '1', name: 'Disk is full on lab-engine-1', severity: 4, clock: 0, acknowledged: false, acknowledges: [], tags: [], hosts: [{ hostid: '1', host: 'lab-engine-1', name: 'lab-engine-1' }], engines: [], suppressed: false };

const all = [...containerEntities(containers), ...composeServiceEntities(containers, t), ...registryEntities(registry, t), ...problemEntities([problem])];

describe('palette entities', () => {
  it('opens a container at its detail and its logs with the modifier', () => {
    const [first] = searchByKind(all, 'prod_user_2', 5, 40);
    expect(first!.item.kind).toBe('container');
    expect(first!.item.href).toBe(`#/containers/lab-engine-2/${'b'.repeat(64)}`);
    expect(first!.item.logsHref).toBe(`#/logs?engine=lab-engine-2&id=${'b'.repeat(64)}`);
  });

  it('finds a container by its short id', () => {
    expect(searchByKind(all, 'cccccccc', 5, 40)[0]!.item.label).toBe('pre_search_1');
  });

  it('groups compose services with their replica count, under the service\'s one name (its compose name beside it)', () => {
    const service = composeServiceEntities(containers, t).find((e) => e.id === 'compose:prod/user')!;
    expect(service.label).toBe('user_PROD');
    expect(service.detail).toBe('prod/user · Compose service · replicas: 2 · lab-engine-1, lab-engine-2');
    expect(service.href).toBe('#/containers/service/prod/user');
    expect(service.logsHref).toBe('#/logs?project=prod&service=user');
    // The compose name is an alias: it still finds the service first among services.
    expect(searchByKind(all, 'prod/user', 5, 40).find((r) => r.item.kind === 'service')!.item.id).toBe('compose:prod/user');
  });

  it('finds an instance by ip:port and by key, opening the registry filtered to its key', () => {
    for (const query of ['127.0.0.1:28001', '/user_PROD/127.0.0.1-28001', '28001']) {
      const [first] = searchByKind(all, query, 5, 40);
      expect(first!.item.kind).toBe('instance');
      expect(first!.item.href).toBe('#/registry/services?text=%2Fuser_PROD%2F127.0.0.1-28001');
    }
    expect(searchByKind(all, 'user_PROD', 5, 40).slice(0, 2).map((r) => r.item.id).sort()).toEqual(['compose:prod/user', 'registry:user_PROD']);
  });

  it('finds a Zabbix problem by words of its name', () => {
    const [first] = searchByKind(all, 'disk is full', 5, 40);
    expect(first!.item.kind).toBe('problem');
    expect(first!.item.href).toBe('#/metrics/problems?event=42');
  });
});

describe('recents', () => {
  const [c1, c2] = containerEntities(containers);
  it('keeps the newest first, once each, at most MAX_RECENTS', () => {
    let recents = withRecent([], c1!);
    recents = withRecent(recents, c2!);
    recents = withRecent(recents, c1!);
    expect(recents.map((r) => r.label)).toEqual(['prod_user_1', 'prod_user_2']);
    for (let i = 0; i < 20; i++) recents = withRecent(recents, { ...c1!, id: `x${i}` });
    expect(recents).toHaveLength(MAX_RECENTS);
  });

  it('reads back what it wrote and drops anything unreadable or not a console link', () => {
    const text = JSON.stringify([...withRecent([], c1!), { id: 'bad', kind: 'container', label: 'x', href: 'https://elsewhere' }, 7]);
    expect(parseRecents(text).map((r) => r.id)).toEqual([c1!.id]);
    expect(parseRecents('{not json')).toEqual([]);
    expect(parseRecents(null)).toEqual([]);
  });
});

describe('selection actions', () => {
  it('offers logs, terminal, restart and scale on an open container', () => {
    const actions = selectionActions(`#/containers/lab-engine-1/${'a'.repeat(64)}`, containers, () => undefined, t);
    expect(actions.map((a) => a.label)).toEqual(['Logs of prod_user_1', 'Terminal in prod_user_1', 'Restart prod_user_1…', 'Scale user_PROD…']);
    expect(actions[2]!.href).toBe(`#/containers/lab-engine-1/${'a'.repeat(64)}?action=restart`);
    expect(actions[3]!.href).toBe('#/topology?service=user_PROD');
  });

  it('offers acknowledging a marked problem, and nothing elsewhere', () => {
    const actions = selectionActions('#/metrics/problems?event=42', [], (id) => (id === '42' ? 'Disk is full' : undefined), t);
    expect(actions.map((a) => [a.label, a.href])).toEqual([['Acknowledge “Disk is full”…', '#/metrics/problems?event=42&ack=1']]);
    expect(selectionActions('#/timeline', containers, () => undefined, t)).toEqual([]);
  });
});
