import type { ContainerInspect } from '../../connectors/docker/docker-engine';
import type { ContainerDetail } from '../../../shared/domain';
import { isProductionEnvironment } from '../../../shared/production';
import { environmentOf, looksSecret } from './container-environment';

/** Inspect data made readable; env values of secret-looking names are flagged for masking. */
export function toContainerDetail(engine: string, info: ContainerInspect, productionEnvironments: readonly string[]): ContainerDetail {
  const environment = environmentOf(info.Config.Env, info.Config.Labels);
  const health = (info.State as { Health?: { Status: string; FailingStreak: number; Log?: Array<{ Start: string; End: string; ExitCode: number; Output: string }> } }).Health;
  const entrypoint = info.Config.Entrypoint;
  return {
    engine,
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    image: info.Config.Image,
    imageId: info.Image,
    created: info.Created,
    path: info.Path,
    args: info.Args ?? [],
    entrypoint: Array.isArray(entrypoint) ? entrypoint : entrypoint ? [entrypoint] : [],
    cmd: info.Config.Cmd ?? [],
    env: (info.Config.Env ?? []).map((line) => {
      const eq = line.indexOf('=');
      const name = eq >= 0 ? line.slice(0, eq) : line;
      return { name, value: eq >= 0 ? line.slice(eq + 1) : '', secret: looksSecret(name) };
    }),
    labels: info.Config.Labels ?? {},
    mounts: (info.Mounts ?? []).map((m) => ({ type: m.Type ?? '', source: m.Source ?? '', destination: m.Destination, mode: m.Mode ?? '', rw: m.RW })),
    restartPolicy: { name: info.HostConfig.RestartPolicy?.Name || 'no', maximumRetryCount: info.HostConfig.RestartPolicy?.MaximumRetryCount ?? 0 },
    networkMode: info.HostConfig.NetworkMode ?? '',
    hostname: info.Config.Hostname,
    user: info.Config.User ?? '',
    workingDir: info.Config.WorkingDir ?? '',
    restartCount: info.RestartCount,
    state: {
      status: info.State.Status,
      pid: info.State.Pid,
      exitCode: info.State.ExitCode,
      error: info.State.Error ?? '',
      oomKilled: info.State.OOMKilled,
      startedAt: info.State.StartedAt,
      finishedAt: info.State.FinishedAt,
      health: health
        ? {
            status: health.Status,
            failingStreak: health.FailingStreak,
            log: (health.Log ?? []).map((l) => ({ start: l.Start, end: l.End, exitCode: l.ExitCode, output: l.Output.slice(0, 4096) })),
          }
        : undefined,
    },
    limits: {
      memory: info.HostConfig.Memory ?? 0,
      nanoCpus: info.HostConfig.NanoCpus ?? 0,
      cpuShares: info.HostConfig.CpuShares ?? 0,
      pidsLimit: info.HostConfig.PidsLimit ?? null,
    },
    environment,
    production: isProductionEnvironment(environment, productionEnvironments),
  };
}
