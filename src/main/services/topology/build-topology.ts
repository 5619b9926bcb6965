import { isProductionEnvironment } from '../../../shared/production';
import type { EngineFeedState, FleetContainer, HealthLevel, HealthNote, RegistryView, TopologyNode, TopologyView, ZabbixProblem } from '../../../shared/domain';
import { problemService } from '../watch/state-signals';

export interface TopologyInput {
  containers: FleetContainer[];
  engines: Array<{ name: string; state: EngineFeedState | 'unknown'; error?: string }>;
  registry?: RegistryView;
  problems: ZabbixProblem[];
  productionEnvironments: readonly string[];
  now: number;
  /** What the watch says is degraded and why (restart loops, recent deaths), by container `engine/id` and service. */
  notes?: { containers: Readonly<Record<string, HealthNote>>; services: Readonly<Record<string, HealthNote>> };
}

const worst = (levels: HealthLevel[]): HealthLevel =>
  levels.includes('error') ? 'error' : levels.includes('warning') ? 'warning' : levels.includes('unknown') && !levels.includes('ok') ? 'unknown' : 'ok';
const problemLevel = (p: ZabbixProblem): HealthLevel => (p.severity >= 3 ? 'error' : 'warning');
const serviceOfProblem = (p: ZabbixProblem): string | undefined => problemService(p).service;

/**
 * The picture of the platform: environments -> services -> instances (registry) ->
 * containers -> engines, with problems attached where they belong. Each node's health
 * takes the worst of what Docker, the registry and Zabbix say about it.
 */
export function buildTopology(input: TopologyInput): TopologyView {
  const nodes = new Map<string, TopologyNode>();
  const edges = new Set<string>();
  const link = (from: string, to: string) => edges.add(`${from}\u0000${to}`);
  const isProd = (env: string) => isProductionEnvironment(env, input.productionEnvironments);

  for (const engine of input.engines) {
    const problems = input.problems.filter((p) => p.engines.includes(engine.name));
    const reasons = [
      ...(engine.state !== 'live' ? [`Docker: ${engine.state}${engine.error ? ` (${engine.error})` : ''}`] : []),
      ...problems.map((p) => `Zabbix: ${p.name}`),
    ];
    nodes.set(`engine:${engine.name}`, {
      id: `engine:${engine.name}`,
      kind: 'engine',
      label: engine.name,
      engine: engine.name,
      health: worst([engine.state === 'live' ? 'ok' : engine.state === 'unknown' ? 'unknown' : 'error', ...problems.map(problemLevel)]),
      reasons,
    });
  }

  const serviceNode = (app: string, env: string): TopologyNode => {
    const id = `service:${app}_${env}`;
    let node = nodes.get(id);
    if (!node) {
      node = { id, kind: 'service', label: `${app}_${env}`, service: `${app}_${env}`, environment: env, production: isProd(env), health: 'ok', reasons: [] };
      nodes.set(id, node);
      const envId = `environment:${env}`;
      if (!nodes.has(envId)) nodes.set(envId, { id: envId, kind: 'environment', label: env, environment: env, production: isProd(env), health: 'ok', reasons: [] });
      link(envId, id);
    }
    return node;
  };

  const noteCompose = (svc: TopologyNode, c: FleetContainer) => {
    if (svc.project || !c.project || !c.service) return;
    svc.project = c.project;
    svc.composeService = c.service;
  };

  const containerNode = (c: FleetContainer): TopologyNode => {
    const id = `container:${c.engine}/${c.id}`;
    let node = nodes.get(id);
    if (!node) {
      const reasons: string[] = [];
      let health: HealthLevel = 'ok';
      if (c.state !== 'running') {
        health = c.state === 'paused' || c.state === 'created' ? 'warning' : 'error';
        reasons.push(`Docker: ${c.state}${c.exitCode ? ` (exit ${c.exitCode})` : ''}`);
      } else if (c.health === 'unhealthy') {
        health = 'error';
        reasons.push('Docker: health check failing');
      } else if (c.health === 'starting') health = 'warning';
      const note = input.notes?.containers[`${c.engine}/${c.id}`];
      if (note) {
        health = worst([health, note.level]);
        reasons.unshift(note.reason);
      }
      if ((c.restartCount ?? 0) > 0 && c.state === 'running') reasons.push(`Docker: restarted ${c.restartCount} times`);
      node = { id, kind: 'container', label: c.name, engine: c.engine, containerId: c.id, environment: c.environment, service: c.service && c.environment ? `${c.service}_${c.environment}` : undefined, health, reasons };
      nodes.set(id, node);
      if (nodes.has(`engine:${c.engine}`)) link(id, `engine:${c.engine}`);
    }
    return node;
  };

  for (const service of input.registry?.services ?? []) {
    const svc = serviceNode(service.app, service.env);
    for (const instance of service.instances) {
      const id = `instance:${instance.key}`;
      const reasons = instance.problems.map((p) => `Registry: ${p.message}`);
      const health = worst([
        ...instance.problems.map((p): HealthLevel => (p.kind === 'stale' || p.kind === 'heartbeat-stopped' ? 'error' : 'warning')),
        'ok',
      ]);
      nodes.set(id, { id, kind: 'instance', label: `${instance.ip}:${instance.port}`, key: instance.key, service: svc.service, environment: service.env, health, reasons });
      link(svc.id, id);
      const container = instance.container && input.containers.find((c) => c.id === instance.container!.id && c.engine === instance.container!.engine);
      if (container) {
        link(id, containerNode(container).id);
        noteCompose(svc, container);
      }
    }
    for (const unregistered of service.unregistered) {
      const container = input.containers.find((c) => c.id === unregistered.id && c.engine === unregistered.engine);
      if (!container) continue;
      const node = containerNode(container);
      noteCompose(svc, container);
      node.reasons.push('Registry: running but not registered');
      node.health = worst([node.health, 'warning']);
      link(svc.id, node.id);
    }
  }
  // Replicas of services the registry does not know (or when there is no registry).
  for (const c of input.containers) {
    if (!c.service || !c.environment) continue;
    const svc = serviceNode(c.service, c.environment);
    noteCompose(svc, c);
    const node = containerNode(c);
    if (![...edges].some((e) => e.endsWith(`\u0000${node.id}`))) link(svc.id, node.id);
  }

  // Roll health up: a service is as bad as its instances and replicas, plus its problems and emptiness.
  const children = (id: string) => [...edges].filter((e) => e.startsWith(`${id}\u0000`)).map((e) => nodes.get(e.split('\u0000')[1]!)!).filter(Boolean);
  for (const node of nodes.values()) {
    if (node.kind !== 'service') continue;
    const kids = children(node.id);
    const containers = new Set([...kids.filter((k) => k.kind === 'container'), ...kids.filter((k) => k.kind === 'instance').flatMap((k) => children(k.id))]);
    const running = [...containers].filter((k) => k.health !== 'error').length;
    const problems = input.problems.filter((p) => serviceOfProblem(p) === node.service);
    node.reasons.push(...problems.map((p) => `Zabbix: ${p.name}`));
    if (running === 0) node.reasons.push('No live replica');
    const note = node.service ? input.notes?.services[node.service] : undefined;
    if (note) node.reasons.unshift(note.reason);
    node.health = worst([...kids.map((k) => (k.health === 'error' && running > 0 ? 'warning' : k.health)), ...problems.map(problemLevel), running === 0 ? 'error' : 'ok', note ? 'warning' : 'ok']);
  }
  for (const node of nodes.values()) {
    if (node.kind === 'environment') node.health = worst(children(node.id).map((k) => k.health));
  }

  return {
    at: input.now,
    nodes: [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)),
    edges: [...edges].map((e) => {
      const [from, to] = e.split('\u0000');
      return { from: from!, to: to! };
    }),
  };
}
