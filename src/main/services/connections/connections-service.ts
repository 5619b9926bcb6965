import { EventEmitter } from 'node:events';
import type { ConnectionStatus } from '../../../shared/domain';
import { RpcError } from '../../../shared/errors';
import type { DockerEngine } from '../../connectors/docker/docker-engine';
import { toErrorData, toRpcError } from '../../core/errors';
import { connectionId, type Connectors } from '../../connectors/connectors';
import { AskOnce } from './ask-once';
import { checkParts, type PartCheck } from './connection-parts';

type ProbeResult = Pick<ConnectionStatus, 'version' | 'latencyMs' | 'facts'>;

interface Probe {
  id: string;
  base: Pick<ConnectionStatus, 'id' | 'kind' | 'name' | 'target'>;
  check(): Promise<ProbeResult>;
  /** Pieces checked one by one beside the main check (etcd members, the Zabbix server). */
  parts?: PartCheck[];
}

/**
 * How long a liveness check waits for an answer: a frozen peer is "not responding" after this
 * (plus at most one check interval: within 7 s), while a slow link (3 s away) is not.
 */
export const LIVENESS_TIMEOUT_MS = 5000;
/** A peer's own request timeout for a liveness question (the wait is bounded by LIVENESS_TIMEOUT_MS). */
const QUESTION_TIMEOUT_MS = 60_000;

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
  private readonly asks = new AskOnce();

  constructor(connectors: Connectors) {
    for (const engine of connectors.docker) this.addDockerProbe(engine);
    const { etcd, zabbix } = connectors;
    if (etcd) {
      const id = connectionId('etcd', etcd.name);
      // Each member on its own: one frozen member (even the leader) shows as such while the
      // cluster, answering through the others, stays connected.
      const members = etcd.endpoints.map((endpoint) => ({
        name: endpoint,
        target: endpoint,
        check: () => this.asks.ask(`${id} ${endpoint}`, () => etcd.memberPing(endpoint), LIVENESS_TIMEOUT_MS, `etcd member ${endpoint}`),
      }));
      this.probes.push({
        id,
        base: { id, kind: 'etcd', name: etcd.name, target: etcd.target },
        parts: members,
        check: async (): Promise<ProbeResult> => {
          // The cluster answers when any member does (the client moves on from a frozen one).
          const first = await Promise.any(members.map((m) => m.check())).catch((error: unknown) => {
            throw error instanceof AggregateError ? error.errors[0] : error;
          });
          // A status the cluster is not allowed to give is no failure; one it does not answer in time is
          // (every member froze right after the pings).
          const s = await this.asks.ask(`${id} status`, () => etcd.status(), LIVENESS_TIMEOUT_MS, `etcd ${etcd.name}`).catch((error: unknown) => {
            if (error instanceof RpcError && error.code === 'TIMEOUT') throw error;
            return undefined;
          });
          if (!s) return { version: first.version, latencyMs: round(first.latencyMs), facts: { revision: first.revision } };
          return { version: s.version, latencyMs: round(s.latencyMs), facts: { leader: s.leader, members: String(s.members), revision: s.revision } };
        },
      });
    }
    if (zabbix) {
      const id = connectionId('zabbix', zabbix.name);
      const server = zabbix.config.server;
      this.probes.push({
        id,
        base: { id, kind: 'zabbix', name: zabbix.name, target: zabbix.target },
        // The API (the PHP frontend) is the main check; zabbix_server behind it can freeze on its own.
        parts: server ? [{ name: 'server', target: server, check: () => zabbix.serverPing(LIVENESS_TIMEOUT_MS) }] : undefined,
        check: async () => {
          const started = performance.now();
          const version = await this.asks.ask(id, () => zabbix.apiVersion(), LIVENESS_TIMEOUT_MS, `Zabbix API ${zabbix.target}`);
          const latencyMs = round(performance.now() - started);
          // A call that needs authentication proves the credentials, not just the URL.
          await this.asks.ask(`${id} auth`, () => zabbix.call('host.get', { countOutput: true }), LIVENESS_TIMEOUT_MS, `Zabbix API ${zabbix.target}`).catch((error: unknown) => {
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
        const v = await this.asks.ask(probe.id, () => engine.ping(QUESTION_TIMEOUT_MS), LIVENESS_TIMEOUT_MS, `Docker engine ${engine.name}`);
        return { version: v.version, latencyMs: round(v.latencyMs), facts: { api: v.apiVersion, os: `${v.os}/${v.arch}` } };
      },
    };
    this.probes.push(probe);
    return probe;
  }

  /** Checks everything now and then every intervalMs (often enough that a frozen peer shows within 10 s). */
  start(intervalMs = 2000): void {
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
      const startedAt = Date.now();
      const previous = this.statuses.get(probe.id);
      const [main, parts] = await Promise.all([
        probe.check().then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        ),
        probe.parts ? checkParts(probe.parts, previous?.parts, startedAt) : undefined,
      ]);
      const checkedAt = Date.now();
      if ('result' in main) {
        const { result } = main;
        next = { ...probe.base, state: 'connected', ...result, facts: { ...result.facts, ...this.notes.get(probe.id) }, checkedAt, respondedAt: checkedAt, parts };
      } else {
        next = {
          ...probe.base,
          state: 'error',
          error: toErrorData(main.error),
          // A system that answered with its version before failing (Zabbix refusing the credentials) keeps it.
          version: (main.error as { reachedVersion?: string } | undefined)?.reachedVersion ?? previous?.version,
          facts: { ...this.notes.get(probe.id) },
          checkedAt,
          respondedAt: previous?.respondedAt,
          downSince: previous?.state === 'error' ? (previous.downSince ?? startedAt) : startedAt,
          parts,
        };
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
