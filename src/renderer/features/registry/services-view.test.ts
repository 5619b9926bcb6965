import { describe, expect, it } from 'vitest';
import type { InstanceView, RegistryServiceView } from '../../../shared/domain';
import { defaultPreviewService, filterServices, instanceState, keysOfLease, NO_FILTER, problemKinds, problemTone, summarize, ttlFraction, ttlTone } from './services-view';

function instance(key: string, problems: InstanceView['problems'] = [], extra: Partial<InstanceView> = {}): InstanceView {
  const [, app = '', env = '', ip = '', port = '0'] = /^\/([^_]+)_([^/]+)\/(.+)-(\d+)$/.exec(key) ?? [];
  return { key, app, env, ip, port: Number(port), value: `${ip}:${port}`, lease: '7', createRevision: '1', modRevision: '2', problems, ...extra };
}

const SERVICES: RegistryServiceView[] = [
  {
    app: 'search',
    env: 'PRE',
    production: false,
    instances: [
      instance('/search_PRE/127.0.0.1-1', [{ kind: 'stale', message: 'Nothing running serves 127.0.0.1:1' }, { kind: 'heartbeat-stopped', message: 'Lease expired' }]),
      instance('/search_PRE/127.0.0.1-2', [], { container: { engine: 'e1', id: 'a', name: 'search_app_1', state: 'running' } }),
      instance('/search_PRE/127.0.0.1-3', [{ kind: 'duplicate', message: 'x' }, { kind: 'duplicate', message: 'y' }], { lease: '9' }),
    ],
    unregistered: [{ engine: 'e2', id: 'b', name: 'search_app_2', ports: [4000] }],
  },
  {
    app: 'order',
    env: 'PROD',
    production: true,
    instances: [instance('/order_PROD/127.0.0.1-5', [{ kind: 'odd-value', message: 'Value is not ip:port' }], { lease: '0' })],
    unregistered: [],
  },
  { app: 'user', env: 'PRE', production: false, instances: [instance('/user_PRE/127.0.0.1-6')], unregistered: [] },
];

describe('the services view', () => {
  it('counts services, instances and problems by kind (each kind once per instance)', () => {
    const summary = summarize(SERVICES, 2);
    expect(summary).toEqual({
      services: 3,
      instances: 5,
      withProblems: 3,
      byKind: { stale: 1, 'heartbeat-stopped': 1, duplicate: 1, 'value-mismatch': 0, 'odd-value': 1, unregistered: 1 },
      oddKeys: 2,
    });
  });

  it('gives each instance a state and each problem its colour', () => {
    const [stale, ok, dup] = SERVICES[0]!.instances;
    expect(instanceState(stale!)).toBe('stale');
    expect(instanceState(ok!)).toBe('ok');
    expect(instanceState(dup!)).toBe('problem');
    expect(problemKinds(dup!)).toEqual(['duplicate']);
    expect(problemKinds(stale!)).toEqual(['stale', 'heartbeat-stopped']);
    expect(problemTone('stale')).toBe('error');
    expect(problemTone('heartbeat-stopped')).toBe('orange');
    expect(problemTone('value-mismatch')).toBe('warn');
  });

  it('filters by text, environment, problems and kind', () => {
    expect(filterServices(SERVICES, NO_FILTER)).toEqual(SERVICES);
    expect(filterServices(SERVICES, { ...NO_FILTER, env: 'prod' }).map((s) => s.app)).toEqual(['order']);
    const onlyProblems = filterServices(SERVICES, { ...NO_FILTER, onlyProblems: true });
    expect(onlyProblems.map((s) => [s.app, s.instances.length, s.unregistered.length])).toEqual([
      ['search', 2, 1],
      ['order', 1, 0],
    ]);
    expect(filterServices(SERVICES, { ...NO_FILTER, kind: 'stale' }).map((s) => s.instances.map((i) => i.key))).toEqual([['/search_PRE/127.0.0.1-1']]);
    expect(filterServices(SERVICES, { ...NO_FILTER, kind: 'unregistered' }).map((s) => [s.app, s.instances.length, s.unregistered.length])).toEqual([['search', 0, 1]]);
    // The service name keeps every instance; otherwise instances match on their own text.
    expect(filterServices(SERVICES, { ...NO_FILTER, text: 'search_pre' })[0]!.instances).toHaveLength(3);
    expect(filterServices(SERVICES, { ...NO_FILTER, text: 'search_app_1' }).map((s) => s.instances.map((i) => i.key))).toEqual([['/search_PRE/127.0.0.1-2']]);
    expect(filterServices(SERVICES, { ...NO_FILTER, text: 'nothing-like-this' })).toEqual([]);
  });

  it('opens the confd preview on the first service with a healthy instance', () => {
    expect(defaultPreviewService(SERVICES)).toBe('search_PRE');
    expect(defaultPreviewService(SERVICES.slice(1))).toBe('user_PRE');
    expect(defaultPreviewService(SERVICES.slice(1, 2))).toBe('order_PROD');
    expect(defaultPreviewService([])).toBeUndefined();
  });

  it('finds the keys of a lease and measures the TTL left', () => {
    const view = { revision: '1', at: 0, dockerReady: true, services: SERVICES, oddKeys: [] };
    expect(keysOfLease(view, '7')).toEqual(['/search_PRE/127.0.0.1-1', '/search_PRE/127.0.0.1-2', '/user_PRE/127.0.0.1-6']);
    expect(keysOfLease(view, '0')).toEqual([]);
    expect(ttlFraction(15, 30)).toBe(0.5);
    expect(ttlFraction(40, 30)).toBe(1);
    expect(ttlFraction(undefined, 30)).toBe(0);
    expect(ttlTone(20, 30)).toBe('ok');
    expect(ttlTone(5, 30)).toBe('warn');
    expect(ttlTone(0, 30)).toBe('error');
  });
});
