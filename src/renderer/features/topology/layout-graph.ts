import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { listRows, structureKey, type GraphNodeKind, type VisibleGraph } from './topology-model';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const NODE_SIZE: Record<GraphNodeKind, { width: number; height: number }> = {
  environment: { width: 150, height: 44 },
  service: { width: 210, height: 52 },
  replicas: { width: 230, height: 52 },
  instance: { width: 200, height: 36 },
  container: { width: 200, height: 36 },
  engine: { width: 190, height: 52 },
};

/*
 * elkjs runs in the page. Tried in a Web Worker (elk-api + elk-worker.min.js): a 69-box graph
 * (a generated fleet with one service expanded) took ~9 s there against < 1 s in the page, so
 * it is not used until that is understood; the cache below keeps later visits from laying out.
 */
const elk = new ELK();

/** Layouts by the graph's structure (nodes and edges): a visit to an unchanged graph draws at once. */
const cache = new Map<string, Map<string, Box>>();
const CACHED_LAYOUTS = 8;

/** The layout of a graph of this structure, if one was made (a later visit, a filter switched back). */
export function cachedLayout(key: string): Map<string, Box> | undefined {
  const boxes = cache.get(key);
  if (boxes) {
    cache.delete(key);
    cache.set(key, boxes);
  }
  return boxes;
}

/** layoutGraph, remembered by the graph's structure key. */
export async function layoutGraphCached(graph: VisibleGraph, key: string = structureKey(graph)): Promise<Map<string, Box>> {
  const known = cachedLayout(key);
  if (known) return known;
  const boxes = await layoutGraph(graph);
  cache.set(key, boxes);
  while (cache.size > CACHED_LAYOUTS) cache.delete(cache.keys().next().value!);
  return boxes;
}
/** One column per kind, whatever the boxes are linked to (a summary of replicas links straight to engines). */
const COLUMN: Record<GraphNodeKind, number> = { environment: 0, service: 1, replicas: 2, instance: 2, container: 3, engine: 4 };

/**
 * Left to right, one column each: environments, services, instances, containers, engines.
 */
export async function layoutGraph(graph: VisibleGraph): Promise<Map<string, Box>> {
  // Tree order (an environment, its services, their instances and containers, ...), then engines:
  // forcing it keeps every box where it was when a replica comes or goes elsewhere.
  const rows = listRows(graph).map((r) => r.node);
  const listed = new Set(rows.map((n) => n.id));
  const nodes = [...rows, ...graph.nodes.filter((n) => !listed.has(n.id))];
  const graphIn = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '10',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.componentComponent': '24',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.edgeRouting': 'POLYLINE',
      'elk.partitioning.activate': 'true',
    },
    children: nodes.map((n): ElkNode => ({ id: n.id, ...NODE_SIZE[n.kind], layoutOptions: { 'elk.partitioning.partition': String(COLUMN[n.kind]) } })),
    edges: [...graph.edges].sort((a, b) => a.id.localeCompare(b.id)).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const result = await elk.layout(graphIn);
  return new Map((result.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 }]));
}
