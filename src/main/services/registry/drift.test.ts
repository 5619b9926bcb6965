import { describe, expect, it } from 'vitest';
import type { FleetContainer, RegistryKey } from '../../../shared/domain';
import { analyseDrift } from './drift';
import { DEFAULT_INSTANCE_PATTERN } from './instance-key';

const key = (k: string, value: string, lease = '7'): RegistryKey => ({ key: k, value, valueKind: 'text', size: value.length, truncated: false, createRevision: '1', modRevision: '2', version: '1', lease });
const container = (name: string, ports: number[], extra: Partial<FleetContainer> = {}): FleetContainer => ({
  engine: 'e1', id: `id-${name}`, name, image: 'i', state: 'running', status: 'Up', health: 'none', createdAt: 0, labels: {}, ports,
  service: 'search', environment: 'PRE', ...extra,
});

function analyse(keys: RegistryKey[], containers: FleetContainer[], lease = () => ({ ttl: 9, grantedTtl: 10, refreshInterval: 3, checkedAt: 0 })) {
  return analyseDrift({ revision: '9', keys, containers, lease, pattern: new RegExp(DEFAULT_INSTANCE_PATTERN), productionEnvironments: ['PROD'], engineAddresses: () => ['127.0.0.1'], now: 0, dockerReady: true });
}

describe('analyseDrift', () => {
  it('matches a healthy instance to its container', () => {
    const view = analyse([key('/search_PRE/127.0.0.1-3000', '127.0.0.1:3000')], [container('pre_search_1', [3000])]);
    expect(view.services).toHaveLength(1);
    expect(view.services[0]!.instances[0]).toMatchObject({ app: 'search', env: 'PRE', port: 3000, container: { name: 'pre_search_1' }, problems: [] });
    expect(view.services[0]!.unregistered).toEqual([]);
  });
  it('flags stale, unregistered, duplicate, mismatched and odd values', () => {
    const view = analyse(
      [
        key('/search_PRE/127.0.0.1-3000', '127.0.0.1:3000'),
        key('/search_PRE/127.0.0.1-3001', '127.0.0.1:3000'),
        key('/search_PRE/127.0.0.1-4000', 'not an endpoint'),
        key('/search_PRE/garbage', 'x'),
      ],
      [container('pre_search_1', [3000]), container('pre_search_2', [5000])],
    );
    const [service] = view.services;
    const kinds = Object.fromEntries(service!.instances.map((i) => [i.key, i.problems.map((p) => p.kind).sort()]));
    expect(kinds['/search_PRE/127.0.0.1-3000']).toEqual(['duplicate']);
    expect(kinds['/search_PRE/127.0.0.1-3001']).toEqual(['duplicate', 'stale', 'value-mismatch']);
    expect(kinds['/search_PRE/127.0.0.1-4000']).toEqual(['odd-value', 'stale']);
    expect(service!.unregistered.map((u) => u.name)).toEqual(['pre_search_2']);
    expect(view.oddKeys.map((k) => k.key)).toEqual(['/search_PRE/garbage']);
  });
  it('names at most five of the other keys of one endpoint registered many times, and counts the rest', () => {
    // 300 services registering the same endpoint: each instance is a duplicate of 299 others.
    const keys = Array.from({ length: 300 }, (_, i) => key(`/svc${i}_PRE/127.0.0.1-3000`, '127.0.0.1:3000'));
    const view = analyse(keys, [container('pre_search_1', [3000])]);
    const problems = view.services.flatMap((s) => s.instances.flatMap((i) => i.problems.filter((p) => p.kind === 'duplicate')));
    expect(problems).toHaveLength(300);
    const [first] = view.services.find((s) => s.app === 'svc0')!.instances;
    const message = first!.problems.find((p) => p.kind === 'duplicate')!.message;
    expect(message).toBe('Same endpoint also registered as /svc1_PRE/127.0.0.1-3000, /svc2_PRE/127.0.0.1-3000, /svc3_PRE/127.0.0.1-3000, /svc4_PRE/127.0.0.1-3000, /svc5_PRE/127.0.0.1-3000 and 294 more');
  });
  it('flags a heartbeat that stopped', () => {
    const view = analyse([key('/search_PRE/127.0.0.1-3000', '127.0.0.1:3000')], [container('pre_search_1', [3000])], () => ({ ttl: 2, grantedTtl: 10, refreshInterval: 3, checkedAt: 0 }));
    expect(view.services[0]!.instances[0]!.problems.map((p) => p.kind)).toEqual(['heartbeat-stopped']);
  });
  it('calls nothing stale or unregistered because of a container whose ports are still being looked for', () => {
    const view = analyse(
      [key('/search_PRE/127.0.0.1-3000', '127.0.0.1:3000'), key('/search_PRE/127.0.0.1-3001', '127.0.0.1:3001'), key('/search_PROD/127.0.0.1-3002', '127.0.0.1:3002')],
      [container('pre_search_1', [], { portsPending: true }), container('pre_search_2', [3001])],
    );
    const instances = Object.fromEntries(view.services.flatMap((s) => s.instances).map((i) => [i.key, i]));
    // Could be served by pre_search_1 once its ports are known: undecided, not stale, no container yet.
    expect(instances['/search_PRE/127.0.0.1-3000']).toMatchObject({ portsPending: true, problems: [] });
    expect(instances['/search_PRE/127.0.0.1-3000']!.container).toBeUndefined();
    expect(instances['/search_PRE/127.0.0.1-3001']).toMatchObject({ container: { name: 'pre_search_2' }, problems: [] });
    expect(instances['/search_PRE/127.0.0.1-3001']!.portsPending).toBeUndefined();
    // No pending container of PROD could serve this one: stale as before.
    expect(instances['/search_PROD/127.0.0.1-3002']!.problems.map((p) => p.kind)).toEqual(['stale']);
    expect(view.services.flatMap((s) => s.unregistered)).toEqual([]);
    // Its ports found (none of them registered): now it is unregistered, and the key it could have served stale.
    const after = analyse([key('/search_PRE/127.0.0.1-3000', '127.0.0.1:3000')], [container('pre_search_1', [4000])]);
    expect(after.services[0]!.instances[0]!.problems.map((p) => p.kind)).toEqual(['stale']);
    expect(after.services[0]!.unregistered.map((u) => u.name)).toEqual(['pre_search_1']);
  });
  it('does not match a container of another environment', () => {
    const view = analyse([key('/search_PROD/127.0.0.1-3000', '127.0.0.1:3000')], [container('pre_search_1', [3000])]);
    expect(view.services[0]!.instances[0]!.problems.map((p) => p.kind)).toEqual(['stale']);
    expect(view.services[0]!.production).toBe(true);
  });
});
