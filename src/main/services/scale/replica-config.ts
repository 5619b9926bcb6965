import type { ContainerCreateSpec, ContainerInspect, HealthcheckSpec } from '../../connectors/docker/docker-engine';

const PORT_VARIABLE = /^([A-Z0-9_]*_)?PORT$/;

/** Variables that carry the port a replica listens on (PORT, SERVER_PORT, HTTP_PORT ...). */
export function portVariables(env: string[]): Array<{ name: string; value: number }> {
  return env
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const)
    .filter(([name, value]) => PORT_VARIABLE.test(name) && /^\d{2,5}$/.test(value))
    .map(([name, value]) => ({ name, value: Number(value) }));
}

/** A free port in the range, avoiding the ones in use on the engine's host. */
export function pickFreePort(used: Set<number>, random: () => number = Math.random, from = 30000, to = 39999): number {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const port = from + Math.floor(random() * (to - from + 1));
    if (!used.has(port)) return port;
  }
  for (let port = from; port <= to; port++) if (!used.has(port)) return port;
  throw new Error(`No free port between ${from} and ${to}`);
}

/**
 * A new replica's create options, cloned from an existing one as rancher-compose scale
 * did: same image, command, env, labels, host network, restart policy and limits; the
 * next container number and name; a new port where the service takes one from env.
 */
export function cloneReplicaConfig(
  source: ContainerInspect,
  name: string,
  number: number,
  port?: number,
): ContainerCreateSpec {
  const env = (source.Config.Env ?? []).map((line) => {
    const name = line.slice(0, line.indexOf('='));
    return port !== undefined && PORT_VARIABLE.test(name) && /^\d{2,5}$/.test(line.slice(line.indexOf('=') + 1)) ? `${name}=${port}` : line;
  });
  const host = source.HostConfig;
  return {
    name,
    Image: source.Config.Image,
    Cmd: source.Config.Cmd ?? undefined,
    Entrypoint: source.Config.Entrypoint ?? undefined,
    Env: env,
    WorkingDir: source.Config.WorkingDir || undefined,
    User: source.Config.User || undefined,
    Labels: { ...(source.Config.Labels ?? {}), 'com.docker.compose.container-number': String(number) },
    StopSignal: (source.Config as { StopSignal?: string }).StopSignal,
    Healthcheck: (source.Config as { Healthcheck?: HealthcheckSpec }).Healthcheck,
    HostConfig: {
      NetworkMode: host.NetworkMode,
      RestartPolicy: host.RestartPolicy,
      Memory: host.Memory || undefined,
      NanoCpus: host.NanoCpus || undefined,
      CpuShares: host.CpuShares || undefined,
      PidsLimit: host.PidsLimit ?? undefined,
      Binds: host.Binds ?? undefined,
      LogConfig: host.LogConfig,
      ExtraHosts: host.ExtraHosts ?? undefined,
      Ulimits: host.Ulimits ?? undefined,
    },
  };
}
