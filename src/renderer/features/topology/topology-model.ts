import type { HealthLevel, TopologyNode, TopologyView } from '../../../shared/domain';

export interface TopologyFilter {
  /** '' for all. */
  environment: string;
  /** The app part of a service (search for search_PROD); '' for all. */
  app: string;
  search: string;
}

export type GraphNodeKind = TopologyNode['kind'] | 'replicas';

export interface ReplicaSummary {
  total: number;
  ok: number;
  warning: number;
  error: number;
}

/** A box on the map: a topology node, or the summary of a collapsed service's replicas. */
export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  label: string;
  health: HealthLevel;
  /** The topology node it shows (for a summary: its service). */
  node: TopologyNode;
  summary?: ReplicaSummary;
  /** It matches the search term. */
  match: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
}

export interface VisibleGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Services with more replicas than this are drawn as one summary box until expanded. */
export const COLLAPSE_AT = 6;

export const replicasId = (serviceId: string) => `replicas:${serviceId.slice('service:'.length)}`;

/** search for search_PROD: the platform names services app_ENV. */
export function appOf(node: TopologyNode): string {
  const name = node.service ?? node.label;
  const env = node.environment;
  return env && name.endsWith(`_${env}`) ? name.slice(0, -(env.length + 1)) : name;
}

export function environmentsOf(view: TopologyView): string[] {
  return [...new Set(view.nodes.filter((n) => n.kind === 'environment').map((n) => n.label))].sort();
}

export function appsOf(view: TopologyView, environment = ''): string[] {
  return [...new Set(view.nodes.filter((n) => n.kind === 'service' && (!environment || n.environment === environment)).map(appOf))].sort();
}

function matches(node: TopologyNode, term: string): boolean {
  if (!term) return false;
  return [node.label, node.containerId?.slice(0, 12), node.key, node.engine].some((text) => text?.toLowerCase().includes(term));
}

/** A set of replicas: failing when none is left, degraded when some are not ok. */
const healthOfReplicas = (levels: HealthLevel[]): HealthLevel =>
  levels.length > 0 && levels.every((l) => l === 'error')
    ? 'error'
    : levels.some((l) => l === 'error' || l === 'warning')
      ? 'warning'
      : levels.length > 0 && levels.every((l) => l === 'unknown')
        ? 'unknown'
        : 'ok';

/**
 * What the map shows for a filter: the matching services with their instances, containers
 * and the engines they run on (every engine is always shown: an engine's problems matter
 * even when it runs nothing). A service with many replicas is one summary box unless it is
 * in `expanded`.
 */
export function visibleGraph(view: TopologyView, filter: TopologyFilter, expanded: ReadonlySet<string>, collapseAt = COLLAPSE_AT): VisibleGraph {
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  const children = new Map<string, string[]>();
  for (const e of view.edges) children.set(e.from, [...(children.get(e.from) ?? []), e.to]);
  const kids = (id: string) => (children.get(id) ?? []).map((k) => byId.get(k)).filter((n): n is TopologyNode => n !== undefined);
  const term = filter.search.trim().toLowerCase();

  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const addNode = (node: TopologyNode, extra: Partial<GraphNode> = {}) => {
    if (!nodes.has(node.id)) nodes.set(node.id, { id: node.id, kind: node.kind, label: node.label, health: node.health, node, match: matches(node, term), ...extra });
  };
  const addEdge = (source: string, target: string) => edges.set(`${source}->${target}`, { id: `${source}->${target}`, source, target });

  for (const service of view.nodes.filter((n) => n.kind === 'service')) {
    if (filter.environment && service.environment !== filter.environment) continue;
    if (filter.app && appOf(service) !== filter.app) continue;
    const instances = kids(service.id).filter((k) => k.kind === 'instance');
    const containers = [...kids(service.id).filter((k) => k.kind === 'container'), ...instances.flatMap((i) => kids(i.id).filter((k) => k.kind === 'container'))];
    const engineOf = (c: TopologyNode) => kids(c.id).find((k) => k.kind === 'engine');
    const subtree = [service, ...instances, ...containers, ...containers.map(engineOf).filter((e): e is TopologyNode => e !== undefined)];
    if (term && !subtree.some((n) => matches(n, term))) continue;

    const environment = service.environment ? byId.get(`environment:${service.environment}`) : undefined;
    if (environment) {
      addNode(environment);
      addEdge(environment.id, service.id);
    }
    addNode(service);
    const replicaCount = Math.max(instances.length, new Set(containers.map((c) => c.id)).size);
    if (replicaCount > collapseAt && !expanded.has(service.id)) {
      const members = [...instances, ...containers];
      const healths = containers.length > 0 ? containers.map((c) => c.health) : instances.map((i) => i.health);
      const summary: ReplicaSummary = {
        total: replicaCount,
        ok: healths.filter((h) => h === 'ok').length,
        warning: healths.filter((h) => h === 'warning').length,
        error: healths.filter((h) => h === 'error').length,
      };
      const id = replicasId(service.id);
      nodes.set(id, { id, kind: 'replicas', label: `${replicaCount}`, health: healthOfReplicas(healths), node: service, summary, match: members.some((m) => matches(m, term)) });
      addEdge(service.id, id);
      for (const c of containers) {
        const engine = engineOf(c);
        if (engine) addEdge(id, engine.id);
      }
      continue;
    }
    for (const instance of instances) {
      addNode(instance);
      addEdge(service.id, instance.id);
      for (const c of kids(instance.id).filter((k) => k.kind === 'container')) addEdge(instance.id, c.id);
    }
    for (const c of containers) {
      addNode(c);
      if (!instances.some((i) => children.get(i.id)?.includes(c.id))) addEdge(service.id, c.id);
      const engine = engineOf(c);
      if (engine) addEdge(c.id, engine.id);
    }
  }
  for (const engine of view.nodes.filter((n) => n.kind === 'engine')) addNode(engine);
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** Changes when boxes or lines come or go, not when only health changes: the layout is redone only then. */
export function structureKey(graph: VisibleGraph): string {
  return JSON.stringify([graph.nodes.map((n) => `${n.kind}|${n.id}`).sort(), graph.edges.map((e) => e.id).sort()]);
}

/** Rows of the list view: environment > service > instances and replicas, engines last. */
export interface ListRow {
  node: GraphNode;
  depth: number;
}

export function listRows(graph: VisibleGraph): ListRow[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const out = new Map<string, string[]>();
  for (const e of graph.edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const rows: ListRow[] = [];
  const seen = new Set<string>();
  const visit = (id: string, depth: number) => {
    const node = byId.get(id);
    if (!node || seen.has(id) || node.kind === 'engine') return;
    seen.add(id);
    rows.push({ node, depth });
    for (const next of (out.get(id) ?? []).slice().sort()) visit(next, depth + 1);
  };
  for (const env of graph.nodes.filter((n) => n.kind === 'environment').sort((a, b) => a.label.localeCompare(b.label))) visit(env.id, 0);
  for (const service of graph.nodes.filter((n) => n.kind === 'service' && !seen.has(n.id))) visit(service.id, 0);
  for (const engine of graph.nodes.filter((n) => n.kind === 'engine').sort((a, b) => a.label.localeCompare(b.label))) rows.push({ node: engine, depth: 0 });
  return rows;
}

/** The topology nodes one step below a node. */
export function childrenOf(view: TopologyView, id: string): TopologyNode[] {
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  return view.edges.filter((e) => e.from === id).map((e) => byId.get(e.to)).filter((n): n is TopologyNode => n !== undefined);
}

/** A service's registry instances and its containers (directly or through an instance). */
export function membersOf(view: TopologyView, serviceId: string): { instances: TopologyNode[]; containers: TopologyNode[] } {
  const direct = childrenOf(view, serviceId);
  const instances = direct.filter((n) => n.kind === 'instance');
  const containers = new Map<string, TopologyNode>();
  for (const c of [...direct, ...instances.flatMap((i) => childrenOf(view, i.id))]) if (c.kind === 'container') containers.set(c.id, c);
  return { instances, containers: [...containers.values()] };
}

/** Replicas per engine now, stopped ones included as compose counts them, for every engine (0 where the service runs none). */
export function replicasPerEngine(view: TopologyView, serviceId: string): Array<{ engine: string; replicas: number; live: boolean }> {
  const { containers } = membersOf(view, serviceId);
  return view.nodes
    .filter((n) => n.kind === 'engine')
    .map((e) => ({
      engine: e.label,
      replicas: containers.filter((c) => c.engine === e.label).length,
      live: !e.reasons.some((r) => r.startsWith('Docker:')),
    }));
}
