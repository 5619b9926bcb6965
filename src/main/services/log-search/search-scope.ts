import type { LogSearchScope } from '../../../shared/domain';
import type { RpcErrorData } from '../../../shared/errors';
import { engineNamed, type Connectors } from '../../connectors/connectors';
import type { ContainerListEntry, DockerEngine } from '../../connectors/docker/docker-engine';
import { toErrorData } from '../../core/errors';
import { environmentOf } from '../containers/container-environment';
import type { FleetService } from '../fleet/fleet-service';

/** A container whose log a search reads. */
export interface SearchTarget {
  engine: string;
  docker: DockerEngine;
  id: string;
  name: string;
  project?: string;
  service?: string;
}

export interface ResolvedScope {
  targets: SearchTarget[];
  /** Engines that could not list their containers. */
  failures: Array<{ engine: string; error: RpcErrorData }>;
}

const COMPOSE_PROJECT = 'com.docker.compose.project';
const COMPOSE_SERVICE = 'com.docker.compose.service';

/**
 * The containers of a scope, as Docker lists them now (stopped ones too: their logs stay),
 * leaving out those created after the range. An environment is read from the container's
 * labels, else from the fleet's row (its inspect data), else from an inspect of its own.
 */
export async function resolveScope(connectors: Connectors, fleet: FleetService, scope: LogSearchScope, untilMs: number): Promise<ResolvedScope> {
  const engines = scope.kind === 'engine' ? [engineNamed(connectors, scope.engine)] : connectors.docker;
  const listed = await Promise.allSettled(
    engines.map(async (docker) => {
      const infos = scope.kind === 'service' ? await docker.listServiceContainers(scope.project, scope.service) : await docker.listContainers(true);
      const inScope = scope.kind === 'environment' ? await inEnvironment(docker, fleet, infos, scope.environment) : infos;
      return inScope.filter((info) => info.Created * 1000 <= untilMs).map((info) => toTarget(docker, info));
    }),
  );
  const targets: SearchTarget[] = [];
  const failures: ResolvedScope['failures'] = [];
  listed.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') targets.push(...outcome.value.sort((a, b) => a.name.localeCompare(b.name)));
    else failures.push({ engine: engines[i]!.name, error: toErrorData(outcome.reason) });
  });
  return { targets, failures };
}

function toTarget(docker: DockerEngine, info: ContainerListEntry): SearchTarget {
  return {
    engine: docker.name,
    docker,
    id: info.Id,
    name: (info.Names[0] ?? info.Id).replace(/^\//, ''),
    project: info.Labels?.[COMPOSE_PROJECT],
    service: info.Labels?.[COMPOSE_SERVICE],
  };
}

async function inEnvironment(docker: DockerEngine, fleet: FleetService, infos: ContainerListEntry[], environment: string): Promise<ContainerListEntry[]> {
  const rows = new Map((fleet.feed(docker.name)?.list() ?? []).map((row) => [row.id, row]));
  const kept: ContainerListEntry[] = [];
  for (const info of infos) {
    let env = environmentOf(undefined, info.Labels);
    if (!env && rows.has(info.Id)) env = rows.get(info.Id)!.environment;
    else if (!env) env = await docker.inspect(info.Id).then((inspect) => environmentOf(inspect.Config.Env, info.Labels)).catch(() => undefined);
    if (env === environment) kept.push(info);
  }
  return kept;
}
