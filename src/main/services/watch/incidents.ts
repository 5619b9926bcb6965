import { INCIDENT_EVIDENCE, type ContainerRefInfo, type Evidence, type Incident, type IncidentSeverity } from '../../../shared/domain';

/**
 * One thing the watch noticed, kept current: a container that died, a stale key, a Zabbix
 * problem, a lost connection. `active` while it still holds; incidents are made of signals.
 */
export interface Signal {
  /** Unique per thing watched: `death:engine/id`, `stale:/user_PROD/…`, `zabbix:123`, `connection:docker:e1`. */
  key: string;
  service?: string;
  environment?: string;
  compose?: { project: string; service: string };
  severity: IncidentSeverity;
  /** Short headline for an incident this signal leads ("user_PROD_2 crash-looping"). */
  headline: string;
  startedAt: number;
  updatedAt: number;
  active: boolean;
  resolvedAt?: number;
  evidence: Evidence;
  /** The failing container and moment, for "logs at the moment of failure". */
  focus?: { container: ContainerRefInfo; at: number };
  problem?: Incident['problem'];
  /** Evidence that joins an incident but makes none alone (a key that expired). */
  evidenceOnly?: boolean;
}

export interface Grouped {
  incident: Incident;
  signals: Signal[];
}

export interface IncidentContext {
  now: number;
  isProduction(environment: string | undefined): boolean;
  /** A running, healthy replica of a service (not the failing one), for a shell. */
  healthyReplica(service: string, not?: string): ContainerRefInfo | undefined;
}

/** Signals of one service this close in time (or while the first is still open) are one incident. */
export const LINK_WINDOW_MS = 3 * 60 * 1000;
/** Resolved incidents stay visible (greyed) this long. */
export const KEEP_RESOLVED_MS = 30 * 60 * 1000;

const RANK: Record<IncidentSeverity, number> = { critical: 3, error: 2, warning: 1 };

export function worse(a: IncidentSeverity, b: IncidentSeverity): IncidentSeverity {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * Groups signals into incidents: per service, signals that start while the group is open
 * or within the link window of its last change; a signal with no service is its own.
 * Returns open and lately resolved incidents with their signals, most urgent first: open
 * before resolved, production first, then by severity, then the latest change. A group of
 * evidence-only signals is no incident.
 */
export function buildIncidents(signals: readonly Signal[], context: IncidentContext): Grouped[] {
  const groups: Signal[][] = [];
  // Per service, its open group and when that group last changed (kept as signals join: a service
  // that keeps failing makes a group of hundreds).
  const open = new Map<string, { group: Signal[]; end: number }>();
  const endOf = (s: Signal) => (s.active ? context.now : (s.resolvedAt ?? s.updatedAt));
  for (const signal of [...signals].sort((a, b) => a.startedAt - b.startedAt || a.key.localeCompare(b.key))) {
    const current = signal.service ? open.get(signal.service) : undefined;
    if (current && signal.startedAt <= current.end + LINK_WINDOW_MS) {
      current.group.push(signal);
      current.end = Math.max(current.end, endOf(signal));
    } else {
      const group = [signal];
      groups.push(group);
      if (signal.service) open.set(signal.service, { group, end: endOf(signal) });
    }
  }
  return groups
    .filter((group) => group.some((s) => !s.evidenceOnly))
    .map((group) => ({ incident: toIncident(group, context), signals: group }))
    .filter(({ incident }) => incident.state === 'open' || context.now - (incident.resolvedAt ?? 0) <= KEEP_RESOLVED_MS)
    .sort(
      ({ incident: a }, { incident: b }) =>
        Number(b.state === 'open') - Number(a.state === 'open') ||
        Number(b.production) - Number(a.production) ||
        RANK[b.severity] - RANK[a.severity] ||
        b.updatedAt - a.updatedAt,
    );
}

function toIncident(group: Signal[], context: IncidentContext): Incident {
  const first = group[0]!;
  const active = group.filter((s) => s.active);
  const production = context.isProduction(group.find((s) => s.environment)?.environment);
  // The lead: the worst signal still active (else the worst of all), earliest among equals.
  const basis = active.length ? active : group;
  const lead = [...basis].sort((a, b) => RANK[b.severity] - RANK[a.severity] || a.startedAt - b.startedAt)[0]!;
  let severity = basis.reduce<IncidentSeverity>((s, g) => worse(s, g.severity), 'warning');
  // A production service failing on two fronts (its replicas and Zabbix or the registry) is critical.
  if (production && severity === 'error' && new Set(active.map((s) => s.evidence.source)).size >= 2) severity = 'critical';
  const service = group.find((s) => s.service)?.service;
  const focus = group.find((s) => s.focus)?.focus;
  const problem = [...group].reverse().find((s) => s.problem && s.active)?.problem ?? [...group].reverse().find((s) => s.problem)?.problem;
  const others = group.length > 1 ? ` (+${group.length - 1} related)` : '';
  return {
    id: `incident:${first.key}@${first.startedAt}`,
    state: active.length ? 'open' : 'resolved',
    severity,
    service,
    environment: group.find((s) => s.environment)?.environment,
    production,
    compose: group.find((s) => s.compose)?.compose,
    title: `${service ? `${service}: ` : ''}${lead.headline}${others}`,
    ...chain(group.map((s) => s.evidence).sort((a, b) => a.at - b.at)),
    startedAt: first.startedAt,
    updatedAt: Math.max(...group.map((s) => s.updatedAt)),
    resolvedAt: active.length ? undefined : Math.max(...group.map((s) => s.resolvedAt ?? s.updatedAt)),
    focus,
    healthyReplica: service ? context.healthyReplica(service, focus?.container.id) : undefined,
    problem,
  };
}

/**
 * A service that keeps failing for an hour links hundreds of signals into one incident: no one
 * reads them all, and every screen would hold and redraw them on each change. The chain keeps its
 * first and latest lines and says how many are left out between them.
 */
function chain(evidence: Evidence[]): { evidence: Evidence[]; evidenceOmitted?: number } {
  const { first, last } = INCIDENT_EVIDENCE;
  if (evidence.length <= first + last) return { evidence };
  return { evidence: [...evidence.slice(0, first), ...evidence.slice(-last)], evidenceOmitted: evidence.length - first - last };
}
