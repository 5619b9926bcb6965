import type { ConnectionStatus, FleetContainer, IncidentSeverity, RegistryView, TimelineEvent, ZabbixProblem } from '../../../shared/domain';
import type { Signal } from './incidents';

/** What a source says holds now; the watch keeps when each began and ended. */
export type Observation = Omit<Signal, 'startedAt' | 'updatedAt' | 'active' | 'resolvedAt'> & {
  since?: number;
  evidenceOnly?: boolean;
  /** Counts only once it has held this long: a state that a moment of catching up can show falsely. */
  confirmMs?: number;
};

/** A replica that has run this briefly may not have registered yet. */
const REGISTER_GRACE_MS = 30_000;
/**
 * A new replica often registers before the console has seen its port (ports are looked for
 * again 1 s, 2 s … after its start), so for a moment its fresh key looks served by nothing.
 * A key that is really stale stays so: the replica's own death is reported at once anyway.
 */
export const STALE_CONFIRM_MS = 8000;

export const ZABBIX_SEVERITY = ['Not classified', 'Information', 'Warning', 'Average', 'High', 'Disaster'];

export function zabbixSeverity(severity: number): IncidentSeverity {
  return severity >= 5 ? 'critical' : severity >= 3 ? 'error' : 'warning';
}

/** The platform service a problem is about: its app and env tags, else an app_ENV in its name. */
export function problemService(problem: Pick<ZabbixProblem, 'tags' | 'name'>): { service?: string; environment?: string } {
  const tags = Object.fromEntries(problem.tags.map((t) => [t.tag, t.value]));
  if (tags.app && tags.env) return { service: `${tags.app}_${tags.env}`, environment: tags.env };
  const named = /\b([a-z0-9-]+)_([A-Z][A-Z0-9]*)\b/.exec(problem.name);
  return named ? { service: `${named[1]}_${named[2]}`, environment: named[2] } : {};
}

export function zabbixObservations(problems: readonly ZabbixProblem[]): Observation[] {
  return problems
    .filter((p) => !p.suppressed)
    .map((p) => {
      const { service, environment } = problemService(p);
      const problem = { eventid: p.eventid, name: p.name, severity: p.severity, acknowledged: p.acknowledged };
      return {
        key: `zabbix:${p.eventid}`,
        service,
        environment,
        severity: zabbixSeverity(p.severity),
        headline: `Zabbix: ${p.name}`,
        since: p.clock,
        evidence: { at: p.clock, source: 'zabbix', text: `Zabbix ${ZABBIX_SEVERITY[p.severity] ?? p.severity} '${p.name}', ${p.acknowledged ? 'acknowledged' : 'not acknowledged'}`, problem },
        problem,
      };
    });
}

export function connectionObservations(statuses: readonly ConnectionStatus[]): Observation[] {
  return statuses
    .filter((s) => s.state === 'error')
    .map((s) => {
      const what = s.kind === 'docker' ? `Docker engine ${s.name}` : s.kind === 'etcd' ? `etcd ${s.name}` : `Zabbix ${s.name}`;
      return {
        key: `connection:${s.id}`,
        severity: 'error',
        headline: `${what} not reachable`,
        evidence: { at: Date.now(), source: 'connection', text: `${what} (${s.target}) not reachable: ${s.error?.message ?? 'no answer'}` },
      };
    });
}

const key = (c: { engine: string; id: string }) => `${c.engine}/${c.id}`;

/** Registry drift that matters during an incident: stale keys, unregistered replicas, services left with no live instance. */
export function registryObservations(view: RegistryView, rows: ReadonlyMap<string, FleetContainer>, now: number, isPlannedContainer: (engine: string, id: string) => boolean): Observation[] {
  if (!view.dockerReady) return [];
  const out: Observation[] = [];
  for (const service of view.services) {
    const name = `${service.app}_${service.env}`;
    const base = { service: name, environment: service.env };
    let live = 0;
    for (const instance of service.instances) {
      const stale = instance.problems.find((p) => p.kind === 'stale');
      const heartbeat = instance.problems.find((p) => p.kind === 'heartbeat-stopped');
      if (!stale && instance.container?.state === 'running') live++;
      const problem = stale ?? heartbeat;
      if (!problem) continue;
      out.push({
        ...base,
        confirmMs: stale ? STALE_CONFIRM_MS : undefined,
        key: `${problem.kind}:${instance.key}`,
        severity: stale ? 'error' : 'warning',
        headline: stale ? `stale registration ${instance.key}` : `heartbeat stopped for ${instance.key}`,
        evidence: { at: now, source: 'registry', text: `key ${instance.key}: ${problem.message}`, key: instance.key, container: instance.container && { engine: instance.container.engine, id: instance.container.id, name: instance.container.name } },
      });
    }
    for (const replica of service.unregistered) {
      const row = rows.get(key(replica));
      if (isPlannedContainer(replica.engine, replica.id) || (row?.startedAt && now - row.startedAt < REGISTER_GRACE_MS)) continue;
      out.push({
        ...base,
        key: `unregistered:${key(replica)}`,
        severity: 'warning',
        headline: `${replica.name} runs but is not registered`,
        evidence: { at: now, source: 'registry', text: `${replica.name} on ${replica.engine} runs but has no key under /${name}/`, container: { engine: replica.engine, id: replica.id, name: replica.name } },
      });
    }
    // An instance whose container's ports are still being looked for may well be live.
    const undecided = service.instances.some((i) => i.portsPending);
    if (live === 0 && !undecided && (service.instances.length > 0 || service.unregistered.length > 0)) {
      out.push({
        ...base,
        key: `no-live:${name}`,
        confirmMs: STALE_CONFIRM_MS,
        severity: 'error',
        headline: `no live instance registered`,
        evidence: { at: now, source: 'registry', text: `${name} has no live instance in etcd (consumers such as confd have nothing to route to)` },
      });
    }
  }
  return out;
}

/** A key that expired (its holder died without deregistering) or was deleted by someone else: evidence that joins an incident. */
export function registryEventObservation(event: TimelineEvent): Observation | undefined {
  if (event.kind !== 'registry' || event.details.planned === 'true') return undefined;
  if (event.action !== 'lease-expiry' && event.action !== 'deregister') return undefined;
  const key = event.details.key ?? event.title;
  const expired = event.action === 'lease-expiry';
  return {
    key: `${event.action}:${key}@${event.at}`,
    service: event.service,
    environment: event.environment,
    severity: expired ? 'error' : 'warning',
    headline: expired ? `key ${key} expired` : `key ${key} deregistered`,
    since: event.at,
    evidenceOnly: true,
    evidence: { at: event.at, source: 'registry', text: expired ? `key ${key} expired: its lease ran out (the replica died without deregistering)` : `key ${key} was deregistered (not by the console)`, key },
  };
}

/** Containers reported unhealthy by their health check. */
export function healthObservations(rows: Iterable<FleetContainer>, serviceOf: (row: FleetContainer) => string | undefined): Observation[] {
  const out: Observation[] = [];
  for (const row of rows) {
    if (row.health !== 'unhealthy' || row.state !== 'running') continue;
    const container = { engine: row.engine, id: row.id, name: row.name };
    out.push({
      key: `unhealthy:${key(row)}`,
      service: serviceOf(row),
      environment: row.environment,
      compose: row.project && row.service ? { project: row.project, service: row.service } : undefined,
      severity: 'error',
      headline: `${row.name} unhealthy`,
      evidence: { at: Date.now(), source: 'docker', text: `${row.name} on ${row.engine} fails its health check`, container },
      focus: { container, at: Date.now() },
    });
  }
  return out;
}
