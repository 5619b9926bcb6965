import { describe, expect, it } from 'vitest';
import { layoutGraph } from './layout-graph';
import { fleet } from './test-topology';
import { appsOf, environmentsOf, listRows, replicasPerEngine, structureKey, visibleGraph } from './topology-model';

const all = { environment: '', app: '', search: '' };

describe('the topology map model', () => {
  it('shows every level for small services and all engines', () => {
    const g = visibleGraph(fleet(['search_PRE', 'search_PROD', 'order_PROD'], 2, 3), all, new Set());
    const kinds = (k: string) => g.nodes.filter((n) => n.kind === k).length;
    expect([kinds('environment'), kinds('service'), kinds('instance'), kinds('container'), kinds('engine')]).toEqual([2, 3, 6, 6, 3]);
    expect(g.edges).toContainEqual(expect.objectContaining({ source: 'service:search_PRE', target: 'instance:/search_PRE/10.0.0.1:80' }));
  });

  it('summarises a service with many replicas until it is expanded', () => {
    const view = fleet(['search_PROD'], 10, 4, (i) => (i === 3 ? 'error' : 'ok'));
    const g = visibleGraph(view, all, new Set());
    const summary = g.nodes.find((n) => n.kind === 'replicas')!;
    expect(summary).toMatchObject({ id: 'replicas:search_PROD', health: 'warning', summary: { total: 10, ok: 9, error: 1, warning: 0 } });
    expect(g.nodes.some((n) => n.kind === 'container')).toBe(false);
    expect(g.edges.filter((e) => e.source === summary.id).map((e) => e.target).sort()).toEqual(['engine:e1', 'engine:e2', 'engine:e3', 'engine:e4']);
    const open = visibleGraph(view, all, new Set(['service:search_PROD']));
    expect(open.nodes.filter((n) => n.kind === 'container')).toHaveLength(10);
  });

  it('filters by environment and app, and searches into containers and keys', () => {
    const view = fleet(['search_PRE', 'search_PROD', 'order_PROD'], 2, 2);
    expect(environmentsOf(view)).toEqual(['PRE', 'PROD']);
    expect(appsOf(view, 'PROD')).toEqual(['order', 'search']);
    const prod = visibleGraph(view, { ...all, environment: 'PROD' }, new Set());
    expect(prod.nodes.filter((n) => n.kind === 'service').map((n) => n.id).sort()).toEqual(['service:order_PROD', 'service:search_PROD']);
    const app = visibleGraph(view, { ...all, app: 'search' }, new Set());
    expect(app.nodes.filter((n) => n.kind === 'service').map((n) => n.id).sort()).toEqual(['service:search_PRE', 'service:search_PROD']);
    const found = visibleGraph(view, { ...all, search: 'prod_order_2' }, new Set());
    expect(found.nodes.filter((n) => n.kind === 'service').map((n) => n.id)).toEqual(['service:order_PROD']);
    expect(found.nodes.filter((n) => n.match).map((n) => n.label)).toEqual(['prod_order_2']);
    expect(visibleGraph(view, { ...all, search: 'nothing-like-it' }, new Set()).nodes.every((n) => n.kind === 'engine')).toBe(true);
  });

  it('keeps the layout key when only health changes', () => {
    const a = visibleGraph(fleet(['search_PRE'], 2, 2), all, new Set());
    const b = visibleGraph(fleet(['search_PRE'], 2, 2, () => 'error'), all, new Set());
    const c = visibleGraph(fleet(['search_PRE'], 3, 2), all, new Set());
    expect(structureKey(a)).toBe(structureKey(b));
    expect(structureKey(a)).not.toBe(structureKey(c));
  });

  it('lists the same nodes as a tree, engines last', () => {
    const g = visibleGraph(fleet(['search_PRE'], 2, 2), all, new Set());
    const rows = listRows(g);
    expect(rows.map((r) => [r.node.kind, r.depth])).toEqual([
      ['environment', 0], ['service', 1], ['instance', 2], ['container', 3], ['instance', 2], ['container', 3], ['engine', 0], ['engine', 0],
    ]);
  });

  it('counts replicas per engine for the scale dialog, every engine listed', () => {
    expect(replicasPerEngine(fleet(['search_PRE'], 3, 3), 'service:search_PRE')).toEqual([
      { engine: 'e1', replicas: 1, live: true }, { engine: 'e2', replicas: 1, live: true }, { engine: 'e3', replicas: 1, live: true },
    ]);
  });

  it('lays out left to right: environments first, engines last, nothing overlapping, for 20 services x 10 replicas x 8 engines', { timeout: 30_000 }, async () => {
    const names = Array.from({ length: 20 }, (_, i) => `app${i}_${i % 2 ? 'PROD' : 'PRE'}`);
    const view = fleet(names, 10, 8);
    const expanded = new Set(names.slice(0, 3).map((n) => `service:${n}`));
    const g = visibleGraph(view, all, expanded);
    const boxes = await layoutGraph(g);
    expect(boxes.size).toBe(g.nodes.length);
    const x = (kind: string) => g.nodes.filter((n) => n.kind === kind).map((n) => boxes.get(n.id)!.x);
    expect(Math.max(...x('environment'))).toBeLessThan(Math.min(...x('service')));
    expect(Math.min(...x('engine'))).toBeGreaterThan(Math.max(...x('container'), ...x('replicas')));
    const list = [...boxes.values()];
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i]!, list[j]!];
        expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
      }
  });
});
