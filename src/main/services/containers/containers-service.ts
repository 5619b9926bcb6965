import type { ContainerListEntry } from '../../connectors/docker/docker-engine';
import type { ContainerState, ContainerSummary, EngineContainers, Health } from '../../../shared/domain';
import { RpcError } from '../../../shared/errors';
import { toErrorData } from '../../core/errors';
import type { Connectors } from '../../connectors/connectors';

export const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

export function healthFromStatus(status: string): Health {
  if (status.includes('(healthy)')) return 'healthy';
  if (status.includes('(unhealthy)')) return 'unhealthy';
  if (status.includes('(health: starting)')) return 'starting';
  return 'none';
}

export function toContainerSummary(engine: string, info: ContainerListEntry): ContainerSummary {
  const labels = info.Labels ?? {};
  const number = Number(labels['com.docker.compose.container-number']);
  const state = STATES.includes(info.State as ContainerState) ? (info.State as ContainerState) : 'unknown';
  return {
    engine,
    id: info.Id,
    name: (info.Names?.[0] ?? info.Id.slice(0, 12)).replace(/^\//, ''),
    image: info.Image,
    state,
    status: info.Status ?? '',
    health: healthFromStatus(info.Status ?? ''),
    createdAt: info.Created * 1000,
    project: labels['com.docker.compose.project'],
    service: labels['com.docker.compose.service'],
    containerNumber: Number.isFinite(number) && number > 0 ? number : undefined,
    labels,
  };
}

/** Lists containers across every engine at once; an engine that fails is reported, not fatal. */
export class ContainersService {
  constructor(private readonly connectors: Connectors) {}

  async list(engines?: string[], all = true): Promise<EngineContainers[]> {
    const known = new Set([...this.connectors.docker.map((e) => e.name), ...this.connectors.broken.filter((b) => b.kind === 'docker').map((b) => b.name)]);
    const unknown = engines?.filter((name) => !known.has(name)) ?? [];
    if (unknown.length) throw new RpcError('NOT_FOUND', `Unknown Docker engine: ${unknown.join(', ')}`);
    const wanted = (name: string) => !engines || engines.includes(name);
    const results = this.connectors.docker.filter((e) => wanted(e.name)).map(async (engine): Promise<EngineContainers> => {
      try {
        const infos = await engine.listContainers(all);
        return { engine: engine.name, ok: true, containers: infos.map((info) => toContainerSummary(engine.name, info)) };
      } catch (error) {
        return { engine: engine.name, ok: false, error: toErrorData(error) };
      }
    });
    const broken = this.connectors.broken
      .filter((b) => b.kind === 'docker' && wanted(b.name))
      .map((b): EngineContainers => ({ engine: b.name, ok: false, error: { code: 'BAD_REQUEST', message: `Configuration error: ${b.reason}` } }));
    return [...(await Promise.all(results)), ...broken];
  }
}
