import { EventEmitter } from 'node:events';
import type { ConnectionStatus } from '../../../shared/domain';
import { RpcError } from '../../../shared/errors';
import type { DockerEngine } from '../../connectors/docker/docker-engine';
import { toErrorData, toRpcError } from '../../core/errors';
import { connectionId, type Connectors } from '../../connectors/connectors';

interface Probe {
  id: string;
  base: Pick<ConnectionStatus, 'id' | 'kind' | 'name' | 'target'>;
  check(): Promise<Pick<ConnectionStatus, 'version' | 'latencyMs' | 'facts'>>;
}

/**
 * Knows the state of every connection and keeps it fresh: each one is checked on its
 * own, on a timer and on demand, so one slow or broken system never holds up the others.
 */
export class ConnectionsService {
  private readonly statuses = new Map<string, ConnectionStatus>();
  private readonly probes: Probe[] = [];
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly events = new EventEmitter();
  /** Facts known without checking (where a connection's password comes from), kept across checks. */
  private readonly notes = new Map<string, Record<string, string>>();
  private timer?: NodeJS.Timeout;

  constructor(connectors: Connectors) {
    for (const engine of connectors.docker) this.addDockerProbe(engine);
    const { etcd, zabbix } = connectors;
    if (etcd) {
      this.probes.push({
        id: connectionId('etcd', etcd.name),
        base: { id: connectionId('etcd', etcd.name), kind: 'etcd', name: etcd.name, target: etcd.target },
        check: async () => {
          const s = await etcd.status();
          return { version: s.version, latencyMs: round(s.latencyMs), facts: { leader: s.leader, members: String(s.members), revision: s.revision } };
        },
      });
    }
    if (zabbix) {
      this.probes.push({
        id: connectionId('zabbix', zabbix.name),
        base: { id: connectionId('zabbix', zabbix.name), kind: 'zabbix', name: zabbix.name, target: zabbix.target },
        check: async () => {
          const started = performance.now();
          const version = await zabbix.apiVersion();
          const latencyMs = round(performance.now() - started);
          // A call that needs authentication proves the credentials, not just the URL.
          await zabbix.call('host.get', { countOutput: true }).catch((error: unknown) => {
            throw Object.assign(toRpcError(error), { reachedVersion: version });
          });
          return { version, latencyMs, facts: { auth: zabbix.authMethod } };
        },
      });
    }
    for (const probe of this.probes) this.statuses.set(probe.id, { ...probe.base, state: 'connecting', facts: {} });
    for (const broken of connectors.broken) {
      this.statuses.set(broken.id, {
        id: broken.id,
        kind: broken.kind,
        name: broken.name,
        target: broken.target,
        state: 'error',
        error: new RpcError('BAD_REQUEST', `Configuration error: ${broken.reason}`).toData(),
        facts: {},
        checkedAt: Date.now(),
      });
    }
  }

  /** Adds an engine at run time (an imported docker context) and checks it. */
  addDocker(engine: DockerEngine): void {
    const probe = this.addDockerProbe(engine);
    this.statuses.set(probe.id, { ...probe.base, state: 'connecting', facts: {} });
    void this.runProbe(probe);
  }

  private addDockerProbe(engine: DockerEngine): Probe {
    const probe: Probe = {
      id: connectionId('docker', engine.name),
      base: { id: connectionId('docker', engine.name), kind: 'docker', name: engine.name, target: engine.target },
      check: async () => {
        const v = await engine.ping();
        return { version: v.version, latencyMs: round(v.latencyMs), facts: { api: v.apiVersion, os: `${v.os}/${v.arch}` } };
      },
    };
    this.probes.push(probe);
    return probe;
  }

  /** Checks everything now and then every intervalMs. */
  start(intervalMs = 10_000): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Sets facts that do not come from a check (never secret values), shown with every status. */
  setNotes(id: string, facts: Record<string, string>): void {
    this.notes.set(id, facts);
    const current = this.statuses.get(id);
    if (!current) return;
    const next = { ...current, facts: { ...current.facts, ...facts } };
    this.statuses.set(id, next);
    this.events.emit('change', next);
  }

  list(): ConnectionStatus[] {
    return [...this.statuses.values()];
  }

  /** Checks one connection (by id) or all, and resolves with the statuses afterwards. */
  async check(id?: string): Promise<ConnectionStatus[]> {
    const probes = id ? this.probes.filter((p) => p.id === id) : this.probes;
    if (id && probes.length === 0 && !this.statuses.has(id)) throw new RpcError('NOT_FOUND', `No connection with id ${id}`);
    await Promise.all(probes.map((probe) => this.runProbe(probe)));
    return this.list();
  }

  onChange(listener: (status: ConnectionStatus) => void): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }

  private runProbe(probe: Probe): Promise<void> {
    const running = this.inFlight.get(probe.id);
    if (running) return running;
    const run = (async () => {
      let next: ConnectionStatus;
      try {
        const result = await probe.check();
        next = { ...probe.base, state: 'connected', ...result, facts: { ...result.facts, ...this.notes.get(probe.id) }, checkedAt: Date.now() };
      } catch (error) {
        const previous = this.statuses.get(probe.id);
        // A system that answered with its version before failing (Zabbix refusing the credentials) keeps it.
        const reached = (error as { reachedVersion?: string } | undefined)?.reachedVersion;
        next = { ...probe.base, state: 'error', error: toErrorData(error), version: reached ?? previous?.version, facts: { ...this.notes.get(probe.id) }, checkedAt: Date.now() };
      }
      this.statuses.set(probe.id, next);
      this.events.emit('change', next);
    })().finally(() => this.inFlight.delete(probe.id));
    this.inFlight.set(probe.id, run);
    return run;
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
