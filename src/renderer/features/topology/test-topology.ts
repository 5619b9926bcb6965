import type { TopologyNode, TopologyView } from '../../../shared/domain';

/**
 * A generated topology for tests and the large-fleet screenshot: services (app_ENV) x replicas
 * spread over engines, each replica registered, drawn as buildTopology draws them.
 */
export function fleet(services: string[], replicas: number, engines: number, health: (i: number) => TopologyNode['health'] = () => 'ok'): TopologyView {
  const nodes: TopologyNode[] = [];
  const edges: TopologyView['edges'] = [];
  for (let e = 1; e <= engines; e++) nodes.push({ id: `engine:e${e}`, kind: 'engine', label: `e${e}`, engine: `e${e}`, health: 'ok', reasons: [] });
  const envs = new Set<string>();
  for (const name of services) {
    const [app, env] = name.split('_') as [string, string];
    if (!envs.has(env)) nodes.push({ id: `environment:${env}`, kind: 'environment', label: env, environment: env, health: 'ok', reasons: [] });
    envs.add(env);
    const failing = Array.from({ length: replicas }, (_, r) => health(r + 1)).filter((h) => h === 'error').length;
    const serviceHealth = failing === 0 ? 'ok' : failing === replicas ? 'error' : 'warning';
    nodes.push({ id: `service:${name}`, kind: 'service', label: name, service: name, environment: env, health: serviceHealth, reasons: failing ? [`Docker: ${failing} replicas down`] : [], project: env.toLowerCase(), composeService: app });
    edges.push({ from: `environment:${env}`, to: `service:${name}` });
    for (let r = 1; r <= replicas; r++) {
      const engine = `e${((r - 1) % engines) + 1}`;
      const container = `container:${engine}/${name}-${r}`;
      nodes.push({ id: `instance:/${name}/10.0.0.${r}:80`, kind: 'instance', label: `10.0.0.${r}:80`, key: `/${name}/10.0.0.${r}:80`, service: name, health: 'ok', reasons: [] });
      nodes.push({ id: container, kind: 'container', label: `${env.toLowerCase()}_${app}_${r}`, engine, containerId: `${name}-${r}`.padEnd(12, '0'), health: health(r), reasons: [] });
      edges.push({ from: `service:${name}`, to: `instance:/${name}/10.0.0.${r}:80` }, { from: `instance:/${name}/10.0.0.${r}:80`, to: container }, { from: container, to: `engine:${engine}` });
    }
  }
  return { at: 0, nodes, edges };
}

