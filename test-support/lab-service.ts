import { randomBytes } from 'node:crypto';
import { docker, type EngineRef } from './docker-cli';
import { etcdctl } from './etcdctl';
import { labProfile } from './lab';

export const LAB_IMAGE = 'lab/busybox:1';
/** Healthy when the replica's httpd answers on the port it wrote to /www/info.json. */
const HEALTH_CMD = `p=$(sed -n 's/.*"port":\\([0-9]*\\).*/\\1/p' /www/info.json) && wget -q -O /dev/null "http://127.0.0.1:$p/info.json"`;

export interface Replica {
  number: number;
  engine: EngineRef;
  id: string;
  name: string;
}

/**
 * A compose service of a test's own on the lab engines, made as the lab's demo services are
 * (the lab image's registering replica, compose labels, host network, a health check), so
 * that a test can kill, restart and scale it without touching what other tests look at.
 * `remove()` takes its containers and its etcd keys away again.
 */
export class LabService {
  readonly project: string;
  readonly app: string;
  readonly prefix: string;

  constructor(
    name: string,
    readonly environment = 'TEST',
  ) {
    const stamp = randomBytes(3).toString('hex');
    this.project = `t${stamp}`;
    // APP_NAME: no underscore (keys are /{app}_{ENV}/{ip}-{port}).
    this.app = `${name}${stamp}`;
    this.prefix = `/${this.app}_${environment}/`;
  }

  /** The platform's name of the service: app_ENV. */
  get service(): string {
    return `${this.app}_${this.environment}`;
  }

  nameOf(number: number): string {
    return `${this.project}_${this.app}_${number}`;
  }

  engines(): EngineRef[] {
    return labProfile().docker as EngineRef[];
  }

  /** Starts replica `number` on an engine (a registering replica, unless `command` replaces it). */
  create(number: number, engine: EngineRef, options: { env?: Record<string, string>; restart?: string; command?: string[] } = {}): Replica {
    const etcdEndpoints = labProfile().etcd.endpoints.map((u) => u.replace(/^https?:\/\//, '')).join(',');
    const labels = {
      'com.docker.compose.project': this.project,
      'com.docker.compose.service': this.app,
      'com.docker.compose.container-number': String(number),
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.version': '1.29.2',
      'com.docker.compose.project.working_dir': `/srv/${this.project}`,
      'lab.ops-console': 'test',
    };
    const env = { APP_NAME: this.app, ENVIRONMENT: this.environment, ETCDCTL_API: '3', ETCDCTL_ENDPOINTS: etcdEndpoints, LEASE_TTL: '10', ...options.env };
    const id = docker(
      engine,
      'run', '-d', '--name', this.nameOf(number), '--network', 'host', '--restart', options.restart ?? 'unless-stopped', '--log-opt', 'max-size=1m',
      ...(options.command ? [] : ['--health-cmd', HEALTH_CMD, '--health-interval', '1s', '--health-timeout', '3s', '--health-retries', '3']),
      ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]),
      ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
      LAB_IMAGE,
      ...(options.command ?? []),
    );
    return { number, engine, id, name: this.nameOf(number) };
  }

  /** The port the replica serves, as it says itself (/www/info.json inside the container). */
  ownPort(r: Pick<Replica, 'engine' | 'id'>): number {
    return (JSON.parse(docker(r.engine, 'exec', r.id, 'cat', '/www/info.json')) as { port: number }).port;
  }

  /** The replica's own registry key: /{app}_{ENV}/127.0.0.1-{its port}. */
  keyOf(port: number): string {
    return `${this.prefix}127.0.0.1-${port}`;
  }

  inspectState(r: Pick<Replica, 'engine' | 'id'>): { running: boolean; health: string; startedAt: string } {
    const [running = '', health = '', startedAt = ''] = docker(r.engine, 'inspect', '-f', '{{.State.Running}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}|{{.State.StartedAt}}', r.id).split('|');
    return { running: running === 'true', health, startedAt };
  }

  /** Whether the replica runs, is healthy and its own key is in etcd. */
  isRegistered(r: Pick<Replica, 'engine' | 'id'>): boolean {
    const state = this.inspectState(r);
    if (!state.running || state.health !== 'healthy') return false;
    const port = this.ownPort(r);
    return etcdctl('get', this.keyOf(port), '--print-value-only') === `127.0.0.1:${port}`;
  }

  remove(): void {
    for (const engine of this.engines()) {
      const ids = docker(engine, 'ps', '-aq', '--filter', `label=com.docker.compose.project=${this.project}`).split('\n').filter(Boolean);
      if (ids.length) docker(engine, 'rm', '-f', ...ids);
    }
    etcdctl('del', '--prefix', this.prefix);
  }
}

/** Polls until `probe` gives a value (not undefined or false), or fails saying what it waited for. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
