import Dockerode from 'dockerode';
import type { DockerHostConfig } from '../../config/profile-schema';
import { withTimeout } from '../../rpc/errors';
import { dockerOptions } from './docker-options';

export interface EngineVersion {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  latencyMs: number;
}

/** One Docker engine: a thin typed client over dockerode with bounded waits. */
export class DockerEngine {
  readonly name: string;
  readonly target: string;
  readonly api: Dockerode;

  constructor(
    readonly config: DockerHostConfig,
    readonly timeoutMs = 8000,
  ) {
    this.name = config.name;
    this.target = config.host;
    this.api = new Dockerode(dockerOptions(config));
  }

  async ping(): Promise<EngineVersion> {
    const started = performance.now();
    await withTimeout(this.api.ping(), this.timeoutMs, `Docker engine ${this.name}`);
    const latencyMs = performance.now() - started;
    const version = await withTimeout(this.api.version(), this.timeoutMs, `Docker engine ${this.name}`);
    return {
      version: version.Version,
      apiVersion: version.ApiVersion,
      os: version.Os,
      arch: version.Arch,
      latencyMs,
    };
  }

  listContainers(all = true): Promise<Dockerode.ContainerInfo[]> {
    return withTimeout(this.api.listContainers({ all }), this.timeoutMs, `Docker engine ${this.name}`);
  }
}
