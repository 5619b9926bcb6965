import type { FleetContainer, HealthNote, Incident, RegistryView, TimelineEvent, WatchView, ZabbixProblem } from '../../../shared/domain';
import { isProductionEnvironment } from '../../../shared/production';
import type { Connectors } from '../../connectors/connectors';
import type { PlannedChanges } from '../audit/planned-changes';
import type { ConnectionsService } from '../connections/connections-service';
import type { FleetService } from '../fleet/fleet-service';
import { readContainerLog } from '../logs/container-log-reader';
import { normaliseTimestamp } from '../logs/log-frames';
import type { RegistryService } from '../registry/registry-service';
import type { TimelineService } from '../timeline/timeline-service';
import type { ZabbixService } from '../zabbix/zabbix-service';
import { deathSignal, recordDeath, type DeathRecord } from './container-deaths';
import { buildIncidents, LINK_WINDOW_MS, type Grouped, type Signal } from './incidents';
import { connectionObservations, healthObservations, registryEventObservation, registryObservations, zabbixObservations, type Observation } from './state-signals';

export interface WatchSources {
  connectors: Connectors;
  fleet: FleetService;
  timeline: TimelineService;
  connections: ConnectionsService;
  registry?: RegistryService;
  zabbix?: ZabbixService;
  planned: PlannedChanges;
  productionEnvironments: () => readonly string[];
  /** Alerts from log rules (source 'log'), followed while the watch runs. */
  logAlerts?: LogAlertSource;
}

/** What the watch needs of the log rules: their signals now, and a word when one fires. */
export interface LogAlertSource {
  start(): void;
  stop(): void;
  signals(now: number): Signal[];
  onChange(listener: () => void): () => void;
}

export interface WatchOptions {
  /** How much history is kept and read back at start. */
  historyMs?: number;
  /** How often time alone changes the picture (deaths growing old). */
  tickMs?: number;
}

const HISTORY_MS = 2 * 3600 * 1000;
/** Last log lines are read for deaths this recent (older ones at start are history). */
const LAST_LINES_WITHIN_MS = 2 * 60 * 1000;
/** How far back from the end of a log the lines before a death are looked for. */
const LAST_LINES_TAIL = 200;

/**
 * Watches everything, whatever screen is open: container deaths and restart loops, failing
 * health checks, registry drift, Zabbix problems and lost connections become signals, and
 * signals of one service close in time become one incident with its chain of evidence.
 * What the console did itself is planned and never an incident.
 */
export class WatchService {
  private readonly deaths = new Map<string, DeathRecord>();
  /** State-type signals (kept so that when each began and ended is known). */
  private readonly states = new Map<string, Signal>();
  /** Observations that must hold a while before they count (see Observation.confirmMs): when each was first seen. */
  private readonly unconfirmed = new Map<string, number>();
  /** Evidence-only events (a key that expired): they join an incident, never make one alone. */
  private readonly registryEvents = new Map<string, Observation>();
  private registryView?: RegistryView;
  private registryLive = false;
  private problems: ZabbixProblem[] = [];
  private zabbixLive = false;
  private readonly listeners = new Set<(view: WatchView) => void>();
  private view?: WatchView;
  private stops: Array<() => void> = [];
  private pending?: NodeJS.Timeout;
  /** How long the last evaluation took (ms): a costly one spaces the next out. */
  private evaluateMs = 0;
  /** The published view as compared (JSON), so it is not serialised twice an evaluation. */
  private signature?: string;
  private started = false;
  /** Last-line reads in flight (at most two at a time). */
  private lastLinesReads = 0;

  constructor(
    private readonly sources: WatchSources,
    private readonly options: WatchOptions = {},
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    const { fleet, timeline, connections, registry, zabbix } = this.sources;
    const since = Date.now() - (this.options.historyMs ?? HISTORY_MS);
    this.stops.push(fleet.subscribe(() => this.soon()));
    this.stops.push(timeline.subscribe(since, (events) => this.onTimeline(events)));
    this.stops.push(connections.onChange(() => this.soon()));
    if (registry) {
      this.stops.push(
        registry.watchView((view) => {
          this.registryView = view;
          this.registryLive = true;
          this.soon();
        }),
      );
      this.stops.push(
        registry.store.subscribe((event) => {
          if (event.kind === 'state') this.registryLive = event.state === 'live';
        }),
      );
    }
    if (zabbix) {
      this.stops.push(
        zabbix.watchProblems((event) => {
          this.zabbixLive = !event.error;
          // Zabbix away: keep what it last said rather than calling every problem resolved.
          if (!event.error) this.problems = event.problems;
          this.soon();
        }),
      );
    }
    if (this.sources.logAlerts) {
      const logAlerts = this.sources.logAlerts;
      this.stops.push(logAlerts.onChange(() => this.soon()));
      logAlerts.start();
      this.stops.push(() => logAlerts.stop());
    }
    const tick = setInterval(() => this.evaluate(), this.options.tickMs ?? 5000);
    tick.unref();
    this.stops.push(() => clearInterval(tick));
    this.evaluate();
  }

  stop(): void {
    for (const stop of this.stops) stop();
    this.stops = [];
    clearTimeout(this.pending);
  }

  /** The watch.view stream: the current view at once, then every change. */
  subscribe(listener: (view: WatchView) => void): () => void {
    this.start();
    if (this.view) listener(this.view);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every view from now on, without starting the watch (the notifier listens so). */
  onView(listener: (view: WatchView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How much history it holds (for diagnostics). */
  held(): Record<string, number> {
    return { 'watch deaths': this.deaths.size, 'watch registry events': this.registryEvents.size, 'watch signals': this.states.size };
  }

  current(): WatchView | undefined {
    return this.view;
  }

  private onTimeline(events: TimelineEvent[]): void {
    for (const event of events) {
      if (recordDeath(this.deaths, event)) void this.readLastLines(event);
      const observation = registryEventObservation(event);
      if (observation) this.registryEvents.set(observation.key, observation);
    }
    this.soon();
  }

  /**
   * The last lines a container wrote before it died: the why, most of the time. Read from the
   * end of its log (Docker seeks there for a tail; a since/until range would make it scan a
   * flooded log from the start), keeping the lines up to the death: a restart policy's next
   * run writes right after it. A clean exit (0) is not read: it says nothing about a failure.
   */
  private async readLastLines(event: TimelineEvent): Promise<void> {
    const container = event.container!;
    // Only fresh failures of a service: at start the history holds many deaths, and reading each
    // one's log at once would compete with everything else the console does.
    if (Date.now() - event.at > LAST_LINES_WITHIN_MS || event.details.exitCode === '0' || !event.service) return;
    const engine = this.sources.connectors.docker.find((e) => e.name === container.engine);
    if (!engine || this.lastLinesReads >= 2) return;
    this.lastLinesReads++;
    try {
      const deathTs = normaliseTimestamp(new Date(event.at).toISOString())!;
      const before: string[] = [];
      for await (const batch of readContainerLog(engine, container.id, { tail: LAST_LINES_TAIL, follow: false })) {
        for (const record of batch) if (record.ts <= deathTs) before.push(record.text);
      }
      const record = this.deaths.get(`${container.engine}/${container.id}`);
      if (record && before.length) {
        record.lastLines = before.slice(-5);
        this.soon();
      }
    } catch {
      // gone or unreachable: the death still says its exit code
    } finally {
      this.lastLinesReads--;
    }
  }

  /**
   * Evaluations coming from events are folded: at most one per 250 ms, and while an evaluation
   * is costly (hours of churn make a long history) at most one per four times its cost, so the
   * watch never takes more than a fifth of the main thread.
   */
  private soon(): void {
    this.pending ??= setTimeout(() => {
      this.pending = undefined;
      this.evaluate();
    }, Math.max(250, 4 * this.evaluateMs));
  }

  private rows(): Map<string, FleetContainer> {
    const rows = new Map<string, FleetContainer>();
    for (const engine of this.sources.connectors.docker) for (const row of this.sources.fleet.feed(engine.name)?.list() ?? []) rows.set(`${row.engine}/${row.id}`, row);
    return rows;
  }

  private evaluate(): void {
    const started = performance.now();
    try {
      this.evaluateNow();
    } finally {
      this.evaluateMs = performance.now() - started;
    }
  }

  private evaluateNow(): void {
    const now = Date.now();
    const { planned, connections } = this.sources;
    const rows = this.rows();
    const serviceOf = (row: FleetContainer) => (row.service && row.environment ? `${row.service}_${row.environment}` : undefined);
    // Each service's compose project/service, found once per evaluation (not once per signal).
    const composeByService = new Map<string, Signal['compose']>();
    for (const row of rows.values()) {
      const service = serviceOf(row);
      if (service && row.project && row.service && !composeByService.has(service)) composeByService.set(service, { project: row.project, service: row.service });
    }
    const composeOf = (service: string | undefined) => (service ? composeByService.get(service) : undefined);

    const horizon = now - (this.options.historyMs ?? HISTORY_MS);
    const signals: Signal[] = [];
    for (const [key, record] of this.deaths) {
      record.deaths = record.deaths.filter((d) => d.at >= horizon);
      if (record.deaths.length === 0) this.deaths.delete(key);
      else {
        const signal = deathSignal(record, rows.get(key), now, composeOf(record.service));
        if (signal) signals.push(signal);
      }
    }
    const observed = [
      ...healthObservations(rows.values(), serviceOf),
      ...(this.registryView ? registryObservations(this.registryView, rows, now, (engine, id) => planned.isPlanned({ engine, containerId: id }, now)) : []),
      ...zabbixObservations(this.problems),
      ...connectionObservations(connections.list()),
    ];
    signals.push(...this.track(observed, now));
    if (this.sources.logAlerts) signals.push(...this.sources.logAlerts.signals(now));
    for (const [key, event] of this.registryEvents) {
      if (event.since === undefined || event.since < horizon) this.registryEvents.delete(key);
      else signals.push({ ...event, startedAt: event.since, updatedAt: event.since, active: now - event.since < LINK_WINDOW_MS, resolvedAt: event.since + LINK_WINDOW_MS });
    }
    for (const signal of signals) signal.compose ??= composeOf(signal.service);

    const prodEnvs = this.sources.productionEnvironments();
    const grouped = buildIncidents(signals, {
      now,
      isProduction: (env) => isProductionEnvironment(env, prodEnvs),
      healthyReplica: (service, not) => {
        const row = [...rows.values()].find((r) => serviceOf(r) === service && r.state === 'running' && r.health !== 'unhealthy' && r.id !== not && !this.deaths.has(`${r.engine}/${r.id}`));
        return row && { engine: row.engine, id: row.id, name: row.name };
      },
    });
    const incidents = grouped.map((g) => g.incident);

    this.publish({
      at: now,
      incidents,
      containers: containerNotes(grouped),
      services: serviceNotes(incidents),
      watching: {
        engines: this.sources.connectors.docker.length,
        enginesUp: this.sources.connectors.docker.filter((e) => this.sources.fleet.feed(e.name)?.feedState === 'live').length,
        containers: rows.size,
        services: new Set([...rows.values()].map(serviceOf).filter(Boolean)).size,
        etcd: !this.sources.registry ? 'none' : this.registryLive ? 'live' : 'down',
        zabbix: !this.sources.zabbix ? 'none' : this.zabbixLive ? 'live' : 'down',
      },
    });
  }

  /** Keeps when each state began and ended: absent now means resolved now. */
  private track(observed: Observation[], now: number): Signal[] {
    const seen = new Set<string>();
    const waiting = new Set<string>();
    for (const o of observed) {
      const before = this.states.get(o.key);
      let firstSeen: number | undefined;
      if (o.confirmMs && !before?.active) {
        firstSeen = this.unconfirmed.get(o.key) ?? now;
        this.unconfirmed.set(o.key, firstSeen);
        waiting.add(o.key);
        if (now - firstSeen < o.confirmMs) continue;
      }
      seen.add(o.key);
      const reopened = before && !before.active && now - (before.resolvedAt ?? 0) > LINK_WINDOW_MS;
      const startedAt = before && !reopened ? before.startedAt : (o.since ?? firstSeen ?? now);
      const at = o.since ?? startedAt;
      const { confirmMs: _confirm, ...observation } = o;
      this.states.set(o.key, {
        ...observation,
        startedAt,
        updatedAt: before?.active && before.evidence.text === o.evidence.text ? before.updatedAt : now,
        active: true,
        evidence: { ...o.evidence, at },
        focus: o.focus && { ...o.focus, at },
      });
    }
    for (const key of this.unconfirmed.keys()) if (!waiting.has(key) || seen.has(key)) this.unconfirmed.delete(key);
    for (const [key, signal] of this.states) {
      if (seen.has(key)) continue;
      if (signal.active) this.states.set(key, { ...signal, active: false, resolvedAt: now, updatedAt: now });
      else if (now - (signal.resolvedAt ?? now) > (this.options.historyMs ?? HISTORY_MS)) this.states.delete(key);
    }
    return [...this.states.values()];
  }

  private publish(view: WatchView): void {
    const signature = JSON.stringify([view.incidents, view.containers, view.services, view.watching]);
    if (this.view && signature === this.signature) return;
    this.view = view;
    this.signature = signature;
    for (const listener of this.listeners) listener(view);
  }
}

/** Why each container is not all right: its worst active signal, and the incident it belongs to. */
function containerNotes(grouped: Grouped[]): Record<string, HealthNote> {
  const notes: Record<string, HealthNote> = {};
  for (const { incident, signals } of grouped) {
    for (const signal of signals) {
      const container = signal.evidence.container;
      if (!signal.active || !container) continue;
      const id = `${container.engine}/${container.id}`;
      const note: HealthNote = { level: signal.severity === 'warning' ? 'warning' : 'error', reason: signal.evidence.text, incident: incident.id };
      if (!notes[id] || (notes[id]!.level === 'warning' && note.level === 'error')) notes[id] = note;
    }
  }
  return notes;
}

function serviceNotes(incidents: Incident[]): Record<string, HealthNote> {
  const notes: Record<string, HealthNote> = {};
  for (const incident of incidents) {
    if (incident.state !== 'open' || !incident.service || notes[incident.service]) continue;
    notes[incident.service] = { level: incident.severity === 'warning' ? 'warning' : 'error', reason: incident.title, incident: incident.id };
  }
  return notes;
}
