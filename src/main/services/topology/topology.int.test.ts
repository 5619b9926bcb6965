import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopologyView } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { dockerPs } from '../../../../test-support/docker-cli';
import { etcdGetPrefix } from '../../../../test-support/etcdctl';
import { labProfile } from '../../../../test-support/lab';
import { testContext } from '../../../../test-support/test-context';

describe('topology of the lab', () => {
  let context: AppContext;
  beforeAll(async () => {
    context = await testContext();
  });
  afterAll(() => context?.close());

  it('joins environments, services, instances, containers and engines from all three sources', async () => {
    let view: TopologyView | undefined;
    const cancel = context.dispatcher.subscribe('topology.view', {}, (event) => {
      if (event.type === 'data') view = event.items[event.items.length - 1] as TopologyView;
    });
    // The lab's demo registrations (their replicas listen on 30000-39999): other lanes' tests add and
    // remove keys of their own meanwhile (one such key, gone before the view converged, failed this once).
    const expectedInstances = [...etcdGetPrefix('/').keys()].filter((k) => /^\/(search|order|user)_(PRE|PROD)\/127\.0\.0\.1-3\d{4}$/.test(k));
    const demo = labProfile().docker.flatMap((e) => dockerPs(e).filter((c) => /^(pre|prod)_(search|order|user)_\d+$/.test(c.name)));
    // Converged: every instance is there, every demo container, and each live instance leads to its
    // container (a replica that has just started may not listen on its port yet).
    const complete = () =>
      (view?.nodes.filter((n) => n.kind === 'instance').length ?? 0) >= expectedInstances.length &&
      demo.every((c) => view!.nodes.some((n) => n.kind === 'container' && n.label === c.name)) &&
      view!.nodes.filter((n) => n.kind === 'instance' && n.health === 'ok').every((n) => view!.edges.some((e) => e.from === n.id));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !complete()) await new Promise((r) => setTimeout(r, 200));
    cancel();
    const nodes = view!.nodes;
    const kinds = (kind: string) => nodes.filter((n) => n.kind === kind);
    expect(kinds('environment').map((n) => n.label).sort()).toEqual(['PRE', 'PROD']);
    expect(kinds('service').map((n) => n.label)).toEqual(expect.arrayContaining(['search_PRE', 'search_PROD', 'order_PRE', 'order_PROD', 'user_PRE', 'user_PROD']));
    expect(kinds('engine').map((n) => n.label).sort()).toEqual(['lab-engine-1', 'lab-engine-2']);
    expect(kinds('instance').map((n) => n.key).sort()).toEqual(expect.arrayContaining(expectedInstances));
    for (const c of demo) expect(nodes.some((n) => n.kind === 'container' && n.label === c.name), c.name).toBe(true);
    // Every instance leads to a container that leads to an engine.
    const edges = view!.edges;
    const instance = kinds('instance').find((n) => n.health === 'ok')!;
    const container = edges.find((e) => e.from === instance.id)!.to;
    expect(edges.some((e) => e.from === container && e.to.startsWith('engine:'))).toBe(true);
    expect(nodes.find((n) => n.id === 'service:search_PROD')?.production).toBe(true);
    expect(nodes.find((n) => n.id === 'service:search_PRE')).toMatchObject({ project: 'pre', composeService: 'search' });
  });
});
