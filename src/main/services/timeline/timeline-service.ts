import type { DockerEngine } from '../../connectors/docker/docker-engine';
import type { AuditEntry, TimelineEvent } from '../../../shared/domain';
import type { ZabbixClient } from '../../connectors/zabbix/zabbix-client';
import type { AuditLog } from '../audit/audit-log';
import { PlannedChanges } from '../audit/planned-changes';
import type { Connectors } from '../../connectors/connectors';
import type { DockerEvent } from '../fleet/engine-feed';
import type { FleetService } from '../fleet/fleet-service';
import { readJsonLines } from '../fleet/json-lines';
import { DEFAULT_INSTANCE_PATTERN, parseInstanceKey } from '../registry/instance-key';
import type { RegistryService } from '../registry/registry-service';
import { environmentOf } from '../containers/container-environment';
import { correlate, LINK_WINDOW_MS } from './correlate';
import { backoffDelay, sleep } from '../../core/backoff';

const DOCKER_ACTIONS: Record<string, TimelineEvent['severity']> = {
  create: 'info', start: 'info', restart: 'warning', stop: 'info', die: 'error', oom: 'error', kill: 'warning', destroy: 'info', pause: 'info', unpause: 'info',
};
const MAX_EVENTS = 50_000;

/**
 * One copy of each of the few strings that repeat on thousands of events (services,
 * environments, images, engines): a long shift keeps tens of thousands of events.
 */
const common = new Map<string, string>();
function shared<T extends string | undefined>(text: T): T {
  if (text === undefined) return text;
  const known = common.get(text);
  if (known !== undefined) return known as T;
  if (common.size < 5000) common.set(text, text);
  return text;
}

export interface TimelineOptions {
  backfillMs?: number;
  zabbixIntervalMs?: number;
  instancePattern?: string;
  /** What the console changes itself (its stops and deregistrations are marked planned, never an incident). */
  planned?: PlannedChanges;
}

/** One time axis for Docker events, registry changes, Zabbix problems and the console's own actions. */
export class TimelineService {
  private events = new Map<string, TimelineEvent>();
  private readonly listeners = new Set<(events: TimelineEvent[]) => void>();
  private started = false;
  private stops: Array<() => void> = [];
  private readonly stopping = new AbortController();
  private readonly pattern: RegExp;
  private readonly planned: PlannedChanges;

  constructor(
    private readonly connectors: Connectors,
    private readonly fleet: FleetService,
    private readonly registry: RegistryService | undefined,
    private readonly zabbix: ZabbixClient | undefined,
    private readonly audit: AuditLog,
    private readonly options: TimelineOptions = {},
  ) {
    this.pattern = new RegExp(options.instancePattern ?? DEFAULT_INSTANCE_PATTERN);
    this.planned = options.planned ?? new PlannedChanges();
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    const since = Date.now() - (this.options.backfillMs ?? 2 * 3600 * 1000);
    this.fleet.start();
    this.stops.push(this.fleet.onDockerEvent((engine, event) => this.add([this.fromDocker(engine, event)])));
    // The audit log first: what the console did itself before it was restarted is planned, too.
    const audited = this.audit
      .list(2000)
      .then((entries) => {
        const recent = entries.filter((e) => Date.parse(e.time) >= since);
        for (const entry of recent) this.planned.noteAudit(entry);
        this.add(recent.map((e) => this.fromAudit(e)));
      })
      .catch(() => undefined);
    for (const engine of this.connectors.docker) void audited.then(() => this.backfillDocker(engine, since));
    if (this.registry) {
      const store = this.registry.store;
      this.stops.push(
        store.subscribe((event) => {
          if (event.kind === 'put') this.add([this.fromRegistry(event.key.key, event.key.version === '1' ? 'register' : 'value-change', Date.now(), { value: event.key.value.slice(0, 200), revision: event.revision })]);
          if (event.kind === 'delete') void this.onRegistryDelete(event.key, event.lease, event.revision);
        }),
      );
    }
    if (this.zabbix) this.pollZabbix(since);
    this.stops.push(
      this.audit.onRecord((entry) => {
        this.planned.noteAudit(entry);
        this.add([this.fromAudit(entry)]);
      }),
    );
  }

  stop(): void {
    this.stopping.abort();
    for (const stop of this.stops) stop();
  }

  /** All events (from `since`) now, then new and regrouped events as they come. */
  subscribe(since: number | undefined, listener: (events: TimelineEvent[]) => void): () => void {
    this.start();
    listener([...this.events.values()].filter((e) => since === undefined || e.at >= since).sort((a, b) => a.at - b.at));
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How many events it holds (for diagnostics). */
  get size(): number {
    return this.events.size;
  }

  list(): TimelineEvent[] {
    return [...this.events.values()].sort((a, b) => a.at - b.at);
  }

  private add(incoming: TimelineEvent[]): void {
    const fresh = incoming.filter((e) => !this.events.has(e.id));
    if (fresh.length === 0) return;
    for (const event of fresh) this.events.set(event.id, event);
    if (this.events.size > MAX_EVENTS) {
      // Trimmed to 90 % of the bound at once, so that a full timeline is not sorted on every new event.
      const oldest = this.list().slice(0, this.events.size - Math.floor(MAX_EVENTS * 0.9));
      for (const event of oldest) this.events.delete(event.id);
    }
    // Regroup the stretch of time the new events can link into (sorting only that stretch: the
    // whole history is tens of thousands of events after a long shift, and events come many a second).
    const from = Math.min(...fresh.map((e) => e.at)) - LINK_WINDOW_MS;
    const window = [...this.events.values()].filter((e) => e.at >= from).sort((a, b) => a.at - b.at);
    const changed: TimelineEvent[] = [];
    for (const event of correlate(window)) {
      const before = this.events.get(event.id);
      if (!before || before.group !== event.group || fresh.includes(before)) changed.push(event);
      this.events.set(event.id, event);
    }
    for (const listener of this.listeners) listener(changed);
  }

  private serviceOf(engine: string, containerId: string, labels: Record<string, string> = {}): { service?: string; environment?: string; name?: string; compose?: string } {
    const rows = this.fleet.feed(engine)?.list() ?? [];
    const row = rows.find((c) => c.id === containerId);
    const app = labels['com.docker.compose.service'] ?? row?.service;
    const project = labels['com.docker.compose.project'] ?? row?.project;
    // A container gone since (backfilled events): its labels, else a sibling of the same compose service.
    const environment =
      row?.environment ?? environmentOf(undefined, labels) ?? rows.find((c) => c.project === project && c.service === app && c.environment)?.environment;
    return { service: shared(app && environment ? `${app}_${environment}` : undefined), environment: shared(environment), name: row?.name ?? labels.name, compose: project && app ? `${project}/${app}` : undefined };
  }

  private fromDocker(engine: string, event: DockerEvent): TimelineEvent {
    const attributes = event.Actor.Attributes ?? {};
    const action = event.Action.startsWith('health_status') ? 'health' : event.Action;
    const { service, environment, name, compose } = this.serviceOf(engine, event.Actor.ID, attributes);
    const containerName = attributes.name ?? name ?? event.Actor.ID.slice(0, 12);
    const health = event.Action.startsWith('health_status') ? event.Action.split(':')[1]?.trim() : undefined;
    const exitCode = attributes.exitCode;
    const title =
      action === 'die' ? `${containerName} died${exitCode !== undefined ? ` (exit ${exitCode})` : ''}`
      : action === 'kill' ? `${containerName} was sent ${attributes.signal ? `signal ${attributes.signal}` : 'a kill'}`
      : action === 'health' ? `${containerName} is ${health}`
      : `${containerName}: ${action}`;
    const details: Record<string, string> = { image: shared(attributes.image ?? '') };
    if (exitCode !== undefined) details.exitCode = exitCode;
    if (attributes.signal) details.signal = attributes.signal;
    const at = Math.floor(event.timeNano / 1e6) || event.time * 1000;
    const planned = this.planned.isPlanned({ engine, containerId: event.Actor.ID, containerName, compose }, at);
    if (planned) details.planned = 'true';
    return {
      id: `docker:${engine}:${event.timeNano}:${event.Actor.ID}:${event.Action}`,
      at,
      kind: 'docker',
      action: shared(action),
      title,
      engine: shared(engine),
      container: { engine: shared(engine), id: event.Actor.ID, name: containerName },
      service,
      environment,
      severity: planned ? 'info' : health === 'unhealthy' ? 'error' : (DOCKER_ACTIONS[action] ?? 'info'),
      details,
    };
  }

  /**
   * The engine's history since `since` (Docker keeps its last 256 events). An engine that does not
   * answer (away, frozen, slow to wake) is asked again once its feed is live again: the events
   * before this timeline started reach it only this way.
   */
  private async backfillDocker(docker: DockerEngine, since: number): Promise<void> {
    const engine = docker.name;
    for (let attempt = 0; !this.stopping.signal.aborted; attempt++) {
      const feed = () => this.fleet.feed(engine);
      // The fleet tells which service and environment a container belongs to: first wait (10 s at most)
      // for its first snapshot; after a failed ask, for the engine to answer again.
      const waiting = attempt === 0 ? (i: number) => i < 100 && !feed()?.settled : () => feed()?.feedState !== 'live';
      for (let i = 0; waiting(i); i++) {
        await sleep(100 * Math.min(10, 1 + attempt), this.stopping.signal);
        if (this.stopping.signal.aborted) return;
      }
      try {
        const stream = await docker.events({ since: Math.floor(since / 1000), until: Math.floor(Date.now() / 1000) });
        const found: TimelineEvent[] = [];
        await readJsonLines(stream, (item) => {
          const event = item as DockerEvent;
          if (event.Type === 'container' && (DOCKER_ACTIONS[event.Action] || event.Action.startsWith('health_status'))) found.push(this.fromDocker(engine, event));
        });
        this.add(found);
        return;
      } catch {
        await sleep(backoffDelay(attempt), this.stopping.signal);
      }
    }
  }

  private fromRegistry(key: string, action: string, at: number, details: Record<string, string>): TimelineEvent {
    const parsed = parseInstanceKey(key, this.pattern);
    const service = parsed ? `${parsed.app}_${parsed.env}` : undefined;
    const verb: Record<string, string> = { register: 'registered', deregister: 'deregistered', 'lease-expiry': 'expired (lease ran out)', 'value-change': 'changed' };
    const planned = action === 'deregister' && this.planned.isPlanned({ key }, at);
    return {
      id: `registry:${details.revision}:${key}:${action}`,
      at,
      kind: 'registry',
      action,
      title: `${key} ${verb[action] ?? action}${planned ? ' by the console' : ''}`,
      service: shared(service),
      environment: shared(parsed?.env),
      severity: planned ? 'info' : action === 'lease-expiry' ? 'error' : action === 'deregister' ? 'warning' : 'info',
      details: { key, ...details, ...(planned ? { planned: 'true' } : {}) },
    };
  }

  /** A key that went with its lease gone expired; one whose lease lives on was deleted on purpose. */
  private async onRegistryDelete(key: string, lease: string, revision: string): Promise<void> {
    const seenAt = Date.now();
    // Read before the lease's tracking is dropped: a key that expired while the console slept expired then, not now.
    const expiredAt = lease !== '0' ? this.registry?.leaseExpiredAt(lease, seenAt) : undefined;
    let at = seenAt;
    let action = 'deregister';
    if (lease !== '0' && this.registry) {
      const ttl = await this.registry.leaseTtl(lease).catch(() => undefined);
      if (ttl !== undefined && ttl < 0) {
        action = 'lease-expiry';
        at = expiredAt ?? seenAt;
      }
    }
    this.add([this.fromRegistry(key, action, at, { revision, lease })]);
  }

  private pollZabbix(since: number): void {
    const zabbix = this.zabbix!;
    let from = Math.floor(since / 1000);
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const poll = async () => {
      try {
        const events = await zabbix.call<Array<{ eventid: string; clock: string; ns: string; name: string; value: string; severity: string; tags?: Array<{ tag: string; value: string }>; acknowledges?: Array<{ acknowledgeid: string; clock: string; message: string; username?: string }> }>>('event.get', {
          source: 0,
          object: 0,
          time_from: from - 300,
          output: ['eventid', 'clock', 'ns', 'name', 'value', 'severity'],
          selectTags: 'extend',
          select_acknowledges: 'extend',
          sortfield: ['clock'],
          sortorder: 'ASC',
        });
        const found: TimelineEvent[] = [];
        for (const e of events) {
          const tags = Object.fromEntries((e.tags ?? []).map((t) => [t.tag, t.value]));
          const service = tags.app && tags.env ? `${tags.app}_${tags.env}` : /\b([a-z0-9-]+_[A-Z]+)\b/.exec(e.name)?.[1];
          const problem = e.value === '1';
          found.push({
            id: `zabbix:${e.eventid}`,
            at: Number(e.clock) * 1000 + Math.floor(Number(e.ns) / 1e6),
            kind: 'zabbix',
            action: problem ? 'problem' : 'recovery',
            title: problem ? `Problem: ${e.name}` : `Resolved: ${e.name}`,
            service,
            environment: tags.env,
            severity: problem ? (Number(e.severity) >= 3 ? 'error' : 'warning') : 'info',
            details: { eventid: e.eventid, severity: e.severity },
          });
          for (const ack of e.acknowledges ?? []) {
            found.push({
              id: `zabbix-ack:${ack.acknowledgeid}`,
              at: Number(ack.clock) * 1000,
              kind: 'zabbix',
              action: 'acknowledge',
              title: `Acknowledged: ${e.name}${ack.message ? ` (${ack.message})` : ''}`,
              service,
              environment: tags.env,
              severity: 'info',
              details: { eventid: e.eventid, user: ack.username ?? '' },
            });
          }
          from = Math.max(from, Number(e.clock));
        }
        this.add(found);
      } catch {
        // Zabbix away: the Connections screen says so; the timeline catches up when it is back
      }
      if (!stopped) timer = setTimeout(() => void poll(), this.options.zabbixIntervalMs ?? 5000);
    };
    void poll();
    this.stops.push(() => {
      stopped = true;
      clearTimeout(timer);
    });
  }

  private fromAudit(entry: AuditEntry): TimelineEvent {
    const parsed = parseInstanceKey(entry.target, this.pattern);
    const environment = typeof entry.params.environment === 'string' ? entry.params.environment : parsed?.env;
    return {
      id: `audit:${entry.time}:${entry.action}:${entry.target}`,
      at: Date.parse(entry.time),
      kind: 'audit',
      action: entry.action,
      title: `${entry.user} ${entry.action} ${entry.target}${entry.result === 'error' ? ' (failed)' : ''}`,
      engine: entry.engine,
      service: parsed ? `${parsed.app}_${parsed.env}` : undefined,
      environment,
      severity: entry.result === 'error' ? 'warning' : 'info',
      details: { user: entry.user, result: entry.result, ...(entry.message ? { message: entry.message } : {}) },
    };
  }
}
