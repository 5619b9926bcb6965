import type { TimelineEvent } from '../../../shared/domain';

export type TimelineKind = TimelineEvent['kind'];

export const KINDS: readonly TimelineKind[] = ['docker', 'registry', 'zabbix', 'audit'];

/** What the user narrowed the timeline to; '' means any. Kept in sessionStorage. */
export interface TimelineFilter {
  env: string;
  service: string;
  host: string;
  kinds: TimelineKind[];
  text: string;
  /** One incident (a group id), from a group badge. */
  group: string;
}

export const EMPTY_FILTER: TimelineFilter = { env: '', service: '', host: '', kinds: [...KINDS], text: '', group: '' };

/** A filter read back from storage, with anything missing or odd replaced by the default. */
export function sanitizeFilter(value: unknown): TimelineFilter {
  const v = (value && typeof value === 'object' ? value : {}) as Partial<Record<keyof TimelineFilter, unknown>>;
  const str = (x: unknown) => (typeof x === 'string' ? x : '');
  const kinds = Array.isArray(v.kinds) ? KINDS.filter((k) => (v.kinds as unknown[]).includes(k)) : [...KINDS];
  return { env: str(v.env), service: str(v.service), host: str(v.host), kinds, text: str(v.text), group: str(v.group) };
}

/** The engine an event happened on (its own, or its container's). */
export function hostOf(event: TimelineEvent): string | undefined {
  return event.engine ?? event.container?.engine;
}

function matchesText(event: TimelineEvent, needle: string): boolean {
  if (
    event.title.toLowerCase().includes(needle) ||
    event.action.toLowerCase().includes(needle) ||
    (event.service ?? '').toLowerCase().includes(needle) ||
    (event.container?.name ?? '').toLowerCase().includes(needle) ||
    (event.container?.id ?? '').startsWith(needle) ||
    (hostOf(event) ?? '').toLowerCase().includes(needle)
  ) {
    return true;
  }
  for (const value of Object.values(event.details)) if (value.toLowerCase().includes(needle)) return true;
  return false;
}

/** A predicate for the filter (without the time range). */
export function eventMatcher(filter: TimelineFilter): (event: TimelineEvent) => boolean {
  const kinds = new Set(filter.kinds);
  const needle = filter.text.trim().toLowerCase();
  return (event) =>
    kinds.has(event.kind) &&
    (filter.group === '' || event.group === filter.group) &&
    (filter.env === '' || event.environment === filter.env) &&
    (filter.service === '' || event.service === filter.service) &&
    (filter.host === '' || hostOf(event) === filter.host) &&
    (needle === '' || matchesText(event, needle));
}

export function filterEvents(events: readonly TimelineEvent[], filter: TimelineFilter): TimelineEvent[] {
  return events.filter(eventMatcher(filter));
}

export function isFiltered(filter: TimelineFilter): boolean {
  return filter.env !== '' || filter.service !== '' || filter.host !== '' || filter.text.trim() !== '' || filter.group !== '' || filter.kinds.length !== KINDS.length;
}

export interface Facets {
  envs: string[];
  services: string[];
  hosts: string[];
  /** How many events of each kind (unfiltered). */
  kindCounts: Record<TimelineKind, number>;
}

/** The values the filter selects offer, from every known event. */
export function facets(events: readonly TimelineEvent[]): Facets {
  const envs = new Set<string>();
  const services = new Set<string>();
  const hosts = new Set<string>();
  const kindCounts: Record<TimelineKind, number> = { docker: 0, registry: 0, zabbix: 0, audit: 0 };
  for (const event of events) {
    if (event.environment) envs.add(event.environment);
    if (event.service) services.add(event.service);
    const host = hostOf(event);
    if (host) hosts.add(host);
    kindCounts[event.kind] += 1;
  }
  const sort = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
  return { envs: sort(envs), services: sort(services), hosts: sort(hosts), kindCounts };
}

/** One incident: events that share a group, at least two of them. */
export interface Incident {
  id: string;
  /** 1, 2, 3 … in order of start. */
  number: number;
  /** Which of the group colours it is drawn in (by number, so neighbours differ). */
  color: number;
  start: number;
  end: number;
  count: number;
  /** The event that started it (when still known), else the first one. */
  first: TimelineEvent;
  kinds: TimelineKind[];
  service?: string;
}

export const GROUP_COLORS = 6;

/**
 * The incidents among the events (sorted by time): a group counts once it links two or more
 * events; a replica that died with nothing following is a lone event, not an incident.
 */
export function incidents(events: readonly TimelineEvent[]): Map<string, Incident> {
  const byGroup = new Map<string, TimelineEvent[]>();
  for (const event of events) {
    if (!event.group) continue;
    const list = byGroup.get(event.group);
    if (list) list.push(event);
    else byGroup.set(event.group, [event]);
  }
  const found: Omit<Incident, 'number' | 'color'>[] = [];
  for (const [id, list] of byGroup) {
    if (list.length < 2) continue;
    let start = Infinity;
    let end = -Infinity;
    const kinds = new Set<TimelineKind>();
    for (const event of list) {
      start = Math.min(start, event.at);
      end = Math.max(end, event.at);
      kinds.add(event.kind);
    }
    const first = list.find((event) => event.id === id) ?? list.reduce((a, b) => (b.at < a.at ? b : a));
    found.push({ id, start, end, count: list.length, first, kinds: KINDS.filter((k) => kinds.has(k)), service: first.service ?? list.find((e) => e.service)?.service });
  }
  found.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  // Colours by number: incidents next to each other never share one.
  return new Map(found.map((incident, index) => [incident.id, { ...incident, number: index + 1, color: index % GROUP_COLORS }]));
}
