import Dockerode from 'dockerode';
import { PassThrough, type Duplex, type Readable } from 'node:stream';
import type { DockerHostConfig } from '../../config/profile-schema';
import { withTimeout } from '../../core/with-timeout';
import { RpcError } from '../../../shared/errors';
import { dockerError } from './docker-errors';
import { EngineHttp } from './engine-http';
import { dockerOptions, rawTarget, sshEndpoint, type SshEndpoint } from './docker-options';
import { openRawHttpStream, type RawTarget } from './raw-http-stream';

/** Docker's own shapes, named here so that services never import dockerode. */
export type ContainerListEntry = Dockerode.ContainerInfo;
export type ContainerInspect = Dockerode.ContainerInspectInfo;
export type ContainerCreateSpec = Dockerode.ContainerCreateOptions;
export type HealthcheckSpec = Dockerode.HealthConfig;

export interface EngineVersion {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  latencyMs: number;
}

/** One layer of `docker history`, newest first. */
export interface ImageHistoryEntry {
  Id: string;
  Created: number;
  CreatedBy: string;
  Size: number;
  Comment: string;
}

export interface ContainerFilters {
  label?: string[];
  id?: string[];
}

export interface LogStreamOptions {
  follow: boolean;
  /** Docker time (seconds[.nanoseconds]): lines at or after it. */
  since?: string;
  /** Docker time: lines before it (never with follow). */
  until?: string;
  tail?: number;
  signal?: AbortSignal;
}

/** An interactive process started in a container (docker exec -it). */
export interface ExecSession {
  stream: Duplex;
  resize(cols: number, rows: number): Promise<void>;
  /** Whether it still runs and its exit code once it ended (null while unknown). */
  status(): Promise<{ running: boolean; exitCode: number | null }>;
}

export type ContainerAction = 'start' | 'stop' | 'restart' | 'kill' | 'pause' | 'unpause' | 'remove';
export interface ActionOptions {
  /** Seconds to wait for the process to stop before SIGKILL (stop, restart). */
  timeoutSeconds?: number;
  signal?: string;
  force?: boolean;
}

/**
 * One Docker engine: the only place that talks to it. Every answer comes back typed and
 * every failure as the console's error (Docker's HTTP statuses mapped); short calls are
 * bounded by the engine's timeout, so a frozen engine cannot hang a screen.
 */
export class DockerEngine {
  readonly name: string;
  readonly target: string;
  private readonly api: Dockerode;
  /** Where logs are read with our own HTTP request (not over ssh: that goes through dockerode's tunnel). */
  private readonly raw?: RawTarget;
  /** The per-container JSON calls (list, inspect) without docker-modem, where the engine is reached over a socket, TCP or TLS. */
  private readonly http?: EngineHttp;
  /** For an ssh:// engine: where and with what it connects (named in its errors). */
  private readonly ssh?: SshEndpoint;

  constructor(
    readonly config: DockerHostConfig,
    readonly timeoutMs = 8000,
    /** Where HOME (for ~/.ssh/config and ~ in key paths) and SSH_AUTH_SOCK come from. */
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.name = config.name;
    this.target = config.host;
    const options = dockerOptions(config, env);
    this.api = new Dockerode(options);
    this.raw = rawTarget(options, config.tlsSkipVerify);
    this.http = this.raw && new EngineHttp(this.raw);
    this.ssh = config.host.startsWith('ssh:') ? sshEndpoint(config, env) : undefined;
  }

  /** A short call: bounded, and its failure mapped. */
  private async call<T>(promise: Promise<T>, timeoutMs: number | undefined = this.timeoutMs): Promise<T> {
    try {
      return timeoutMs === undefined ? await promise : await withTimeout(promise, timeoutMs, `Docker engine ${this.name}`);
    } catch (error) {
      throw dockerError(error, this.ssh);
    }
  }

  /** Ping and version; timeoutMs bounds each of the two (a liveness check passes a longer one and bounds the wait itself). */
  async ping(timeoutMs = this.timeoutMs): Promise<EngineVersion> {
    const started = performance.now();
    // Both at once: on a slow link the check takes one round trip, not two.
    const [latencyMs, version] = await Promise.all([this.call(this.api.ping(), timeoutMs).then(() => performance.now() - started), this.call(this.api.version(), timeoutMs)]);
    return { version: version.Version, apiVersion: version.ApiVersion, os: version.Os, arch: version.Arch, latencyMs };
  }

  listContainers(all = true, filters?: ContainerFilters): Promise<ContainerListEntry[]> {
    if (!this.http) return this.call(this.api.listContainers(filters ? { all, filters: filters as Record<string, string[]> } : { all }));
    return this.call(this.http.getJson(`/containers/json?all=${all ? 1 : 0}${filters ? `&filters=${encodeURIComponent(JSON.stringify(filters))}` : ''}`));
  }

  /** The containers of one compose service (every state). */
  listServiceContainers(project: string, service: string): Promise<ContainerListEntry[]> {
    return this.listContainers(true, { label: [`com.docker.compose.project=${project}`, `com.docker.compose.service=${service}`] });
  }

  inspect(id: string): Promise<ContainerInspect> {
    return this.call(this.http ? this.http.getJson(`/containers/${encodeURIComponent(id)}/json`) : this.api.getContainer(id).inspect());
  }

  /** Closes the engine's kept-alive connections (dockerode's are Node's global agent's). */
  close(): void {
    this.http?.close();
  }

  async top(id: string): Promise<{ titles: string[]; processes: string[][] }> {
    const top = (await this.call(this.api.getContainer(id).top({ ps_args: 'aux' }))) as { Titles?: string[]; Processes?: string[][] };
    return { titles: top.Titles ?? [], processes: top.Processes ?? [] };
  }

  imageHistory(image: string): Promise<ImageHistoryEntry[]> {
    return this.call(this.api.getImage(image).history() as Promise<ImageHistoryEntry[]>);
  }

  /** Container events as JSON lines, from `since` (seconds) on; with `until`, a finite range. */
  events(options: { since?: number; until?: number }): Promise<Readable> {
    const opening = this.api.getEvents({ ...options, filters: { type: ['container'] } }) as unknown as Promise<Readable>;
    return this.call(opening).catch((error: unknown) => {
      // A frozen engine answers this request when it wakes: that late stream is closed, not leaked.
      opening.then((late) => late.destroy(), () => undefined);
      throw error;
    });
  }

  /** Live stats as JSON lines, one per second (`docker stats`). */
  stats(id: string): Promise<Readable> {
    return this.call(this.api.getContainer(id).stats({ stream: true }) as unknown as Promise<Readable>);
  }

  /**
   * A container's log as Docker's raw stream (multiplexed frames unless the container has a
   * TTY), with timestamps. Always a stream, also for a finite range: dockerode would buffer
   * a range in memory.
   */
  logStream(id: string, options: LogStreamOptions): Promise<Readable> {
    if (this.raw) {
      const query = new URLSearchParams({ follow: String(options.follow), stdout: 'true', stderr: 'true', timestamps: 'true' });
      if (options.since !== undefined) query.set('since', String(options.since));
      if (options.until !== undefined) query.set('until', String(options.until));
      if (options.tail !== undefined) query.set('tail', String(options.tail));
      return this.call(openRawHttpStream(this.raw, `/containers/${encodeURIComponent(id)}/logs?${query}`, options.signal), undefined);
    }
    const stream = new Promise<Readable>((resolve, reject) => {
      this.api.modem.dial(
        {
          path: `/containers/${id}/logs?`,
          method: 'GET',
          isStream: true,
          abortSignal: options.signal,
          statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
          options: { follow: options.follow, stdout: true, stderr: true, timestamps: true, since: options.since, until: options.until, tail: options.tail },
        },
        (error: unknown, data: unknown) => (error ? reject(error) : resolve(data as Readable)),
      );
    });
    return this.call(stream, undefined);
  }

  async act(id: string, action: ContainerAction, options: ActionOptions = {}): Promise<void> {
    const container = this.api.getContainer(id);
    const t = options.timeoutSeconds ?? 10;
    const calls: Record<ContainerAction, () => Promise<unknown>> = {
      start: () => container.start(),
      stop: () => container.stop({ t }),
      restart: () => container.restart({ t }),
      kill: () => container.kill({ signal: options.signal ?? 'SIGKILL' }),
      pause: () => container.pause(),
      unpause: () => container.unpause(),
      remove: () => container.remove({ force: options.force ?? false }),
    };
    await this.call(calls[action](), undefined);
  }

  /** Creates a container (not started) and returns its id. */
  async create(spec: ContainerCreateSpec): Promise<string> {
    return (await this.call(this.api.createContainer(spec))).id;
  }

  /** An interactive TTY process in a running container. */
  async execInteractive(id: string, command: string[]): Promise<ExecSession> {
    const exec = await this.call(
      this.api.getContainer(id).exec({ Cmd: command, AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true, Env: ['TERM=xterm-256color'] }),
    );
    const stream = (await this.call(exec.start({ hijack: true, stdin: true, Tty: true } as never))) as unknown as Duplex;
    return {
      stream,
      resize: async (cols, rows) => void (await this.call(exec.resize({ h: rows, w: cols }))),
      status: async () => {
        const info = await this.call(exec.inspect());
        return { running: info.Running, exitCode: info.ExitCode ?? null };
      },
    };
  }

  /** Runs a command to its end without a TTY; its stdout (up to maxBytes) and exit code. */
  async execCaptured(id: string, command: string[], maxBytes = 2_000_000): Promise<{ stdout: string; exitCode: number | null }> {
    const exec = await this.call(this.api.getContainer(id).exec({ Cmd: command, AttachStdout: true, AttachStderr: true }));
    const stream = await this.call(exec.start({ hijack: true, stdin: false }));
    const stdout = new PassThrough();
    let output = '';
    stdout.on('data', (chunk: Buffer) => {
      if (output.length < maxBytes) output += chunk.toString('utf8');
    });
    const stderr = new PassThrough();
    stderr.resume();
    this.api.modem.demuxStream(stream, stdout, stderr);
    // Bounded: a command that never ends (or an engine that stops answering mid-stream) must
    // not keep its connection open for ever; the stream is closed with the error.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        stream.destroy();
        reject(new RpcError('TIMEOUT', `exec in ${id.slice(0, 12)} on Docker engine ${this.name} did not end within ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      stream.on('end', () => settle());
      stream.on('close', () => settle());
      stream.on('error', settle);
    });
    const info = await this.call(exec.inspect());
    return { stdout: output, exitCode: info.ExitCode ?? null };
  }
}
