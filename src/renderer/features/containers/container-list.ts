import type { ContainerState, FleetContainer, Health, StatsSample, HealthNote } from '../../../shared/domain';
import { serviceAliases, serviceDisplayName } from '../../../shared/service-name';
import type { DotTone } from '../../components/StatusDot';
import { containerKey } from './fleet-state';

export const SORT_COLUMNS = [
  'engine',
  'name',
  'service',
  'image',
  'state',
  'uptime',
  'restarts',
  'cpu',
  'memory',
  'ports',
  'environment',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export interface SortOrder {
  column: SortColumn;
  descending: boolean;
}

export const DEFAULT_SORT: SortOrder = { column: 'engine', descending: false };

/** A remembered sort order from an older version may name a column that is gone. */
export function validSort(value: unknown): SortOrder {
  const order = value as Partial<SortOrder> | null;
  return order && (SORT_COLUMNS as readonly string[]).includes(order.column ?? '')
    ? { column: order.column!, descending: Boolean(order.descending) }
    : DEFAULT_SORT;
}

const CONTAINER_STATES: readonly string[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead', 'unknown'];

/** Docker's state text as one of the known states ('unknown' otherwise). */
export function asContainerState(value: string | undefined): ContainerState {
  return value && CONTAINER_STATES.includes(value) ? (value as ContainerState) : 'unknown';
}

export interface FleetQuery {
  text: string;
  onlyProblems: boolean;
  /** Each filter: null shows all. */
  engine: string | null;
  state: ContainerState | null;
  /** A service key, see serviceKey(). */
  service: string | null;
  environment: string | null;
}

export const NO_FILTER: FleetQuery = { text: '', onlyProblems: false, engine: null, state: null, service: null, environment: null };

/** Latest stats sample per container, keyed by containerKey(). */
export type StatsByContainer = ReadonlyMap<string, StatsSample>;

/** "user_PROD #2" (the service's one name, see shared/service-name), "project/service #2" without an environment; '' outside compose. */
export function serviceLabel(c: Pick<FleetContainer, 'project' | 'service' | 'environment' | 'containerNumber'>): string {
  const base = serviceDisplayName(c);
  if (!base) return '';
  return c.containerNumber !== undefined ? `${base} #${c.containerNumber}` : base;
}

/** "project/service" (the replicas of one service share it); '' outside compose. */
export function serviceKey(c: Pick<FleetContainer, 'project' | 'service'>): string {
  if (!c.service) return '';
  return c.project ? `${c.project}/${c.service}` : c.service;
}

/** Not running, unhealthy, or degraded by the watch (a restart loop, a recent non-zero exit …). */
export function isProblem(c: Pick<FleetContainer, 'state' | 'health' | 'engine' | 'id'>, notes?: Readonly<Record<string, HealthNote>>): boolean {
  return c.state !== 'running' || c.health === 'unhealthy' || !!notes?.[`${c.engine}/${c.id}`];
}

export function stateTone(c: Pick<FleetContainer, 'state' | 'status'> & { exitCode?: number }): DotTone {
  switch (c.state) {
    case 'running':
      return 'ok';
    case 'created':
    case 'paused':
    case 'restarting':
    case 'removing':
      return 'warn';
    case 'exited':
      // Stopped cleanly (exit 0) is worth a look; any other exit code is an alarm.
      if (c.exitCode !== undefined) return c.exitCode === 0 ? 'warn' : 'error';
      return /\(0\)/.test(c.status) ? 'warn' : 'error';
    case 'dead':
      return 'error';
    default:
      return 'muted';
  }
}

export function healthTone(health: Health): DotTone {
  if (health === 'healthy') return 'ok';
  if (health === 'unhealthy') return 'error';
  if (health === 'starting') return 'warn';
  return 'muted';
}

export function matches(c: FleetContainer, query: FleetQuery, notes?: Readonly<Record<string, HealthNote>>): boolean {
  if (query.engine !== null && c.engine !== query.engine) return false;
  if (query.state !== null && c.state !== query.state) return false;
  if (query.service !== null && serviceKey(c) !== query.service) return false;
  if (query.environment !== null && (c.environment ?? '').toLowerCase() !== query.environment.toLowerCase()) return false;
  if (query.onlyProblems && !isProblem(c, notes)) return false;
  const words = query.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [
    c.engine,
    c.name,
    c.id.slice(0, 12),
    c.image,
    c.state,
    c.status,
    c.health,
    serviceLabel(c),
    ...serviceAliases(c),
    c.environment ?? '',
    c.ports.join(' '),
  ]
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** The values a filter can take, from the rows themselves. */
export function filterOptions(rows: readonly FleetContainer[]) {
  const services = new Set<string>();
  const environments = new Set<string>();
  const states = new Set<ContainerState>();
  for (const c of rows) {
    const key = serviceKey(c);
    if (key) services.add(key);
    if (c.environment) environments.add(c.environment);
    states.add(c.state);
  }
  return {
    services: [...services].sort(collator.compare),
    environments: [...environments].sort(collator.compare),
    states: [...states].sort(collator.compare),
  };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

type SortValue = string | number | undefined;

function sortValue(c: FleetContainer, column: SortColumn, stats: StatsByContainer): SortValue {
  switch (column) {
    case 'engine':
      return c.engine;
    case 'name':
      return c.name;
    case 'service':
      return serviceLabel(c) || undefined;
    case 'image':
      return c.image;
    case 'state':
      return `${c.state} ${c.health}`;
    case 'uptime':
      // Ascending = shortest uptime first (the most recent start first); stopped ones after.
      return c.state === 'running' && c.startedAt !== undefined ? -c.startedAt : undefined;
    case 'restarts':
      return c.restartCount;
    case 'cpu':
      return c.state === 'running' ? stats.get(containerKey(c))?.cpuPercent : undefined;
    case 'memory':
      return c.state === 'running' ? stats.get(containerKey(c))?.memUsed : undefined;
    case 'ports':
      return c.ports[0];
    case 'environment':
      return c.environment || undefined;
  }
}

/** Missing values go last whatever the direction. */
function compareValues(a: SortValue, b: SortValue, descending: boolean): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  const primary = typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
  return descending ? -primary : primary;
}

const TIE_BREAK: readonly SortColumn[] = ['engine', 'service', 'name'];

/** Sorted by the chosen column, then host, service and name so equal rows keep a stable order. */
export function sortContainers(
  list: readonly FleetContainer[],
  order: SortOrder,
  stats: StatsByContainer = new Map(),
): FleetContainer[] {
  return [...list].sort((a, b) => {
    const primary = compareValues(sortValue(a, order.column, stats), sortValue(b, order.column, stats), order.descending);
    if (primary !== 0) return primary;
    for (const column of TIE_BREAK) {
      const next = compareValues(sortValue(a, column, stats), sortValue(b, column, stats), false);
      if (next !== 0) return next;
    }
    return collator.compare(a.id, b.id);
  });
}

export interface ServiceGroup {
  /** serviceKey(); '' for the containers outside compose. */
  key: string;
  /** The service's one name (user_PROD) and its compose alias (prod/user) when that differs. */
  name: string;
  alias?: string;
  project?: string;
  service?: string;
  containers: FleetContainer[];
  running: number;
  /** Sums over the running replicas that have a sample. */
  cpu: number;
  memory: number;
  sampled: number;
}

/** Groups sorted rows by service; the rows keep their order inside a group. */
export function groupByService(sorted: readonly FleetContainer[], order: SortOrder, stats: StatsByContainer): ServiceGroup[] {
  const groups = new Map<string, ServiceGroup>();
  for (const c of sorted) {
    const key = serviceKey(c);
    let group = groups.get(key);
    if (!group) {
      const name = serviceDisplayName(c);
      group = { key, name, alias: key !== name ? key : undefined, project: c.project, service: c.service, containers: [], running: 0, cpu: 0, memory: 0, sampled: 0 };
      groups.set(key, group);
    }
    group.containers.push(c);
    if (c.state !== 'running') continue;
    group.running++;
    const sample = stats.get(containerKey(c));
    if (sample) {
      group.cpu += sample.cpuPercent;
      group.memory += sample.memUsed;
      group.sampled++;
    }
  }
  const byName = (a: ServiceGroup, b: ServiceGroup) =>
    a.key === '' ? 1 : b.key === '' ? -1 : collator.compare(a.key, b.key) * (order.column === 'service' && order.descending ? -1 : 1);
  const list = [...groups.values()];
  if (order.column === 'cpu' || order.column === 'memory') {
    const value = (g: ServiceGroup) => (g.sampled > 0 ? (order.column === 'cpu' ? g.cpu : g.memory) : undefined);
    return list.sort((a, b) => compareValues(value(a), value(b), order.descending) || byName(a, b));
  }
  return list.sort(byName);
}

export type FleetItem =
  | { kind: 'group'; key: string; group: ServiceGroup; collapsed: boolean }
  | { kind: 'row'; key: string; container: FleetContainer; group?: string };

/** What the table renders, in order: rows, or group headers each followed by its rows unless collapsed. */
export function fleetItems(
  sorted: readonly FleetContainer[],
  options: { grouped: boolean; collapsed: ReadonlySet<string>; order: SortOrder; stats: StatsByContainer },
): FleetItem[] {
  if (!options.grouped) return sorted.map((container) => ({ kind: 'row', key: containerKey(container), container }));
  const items: FleetItem[] = [];
  for (const group of groupByService(sorted, options.order, options.stats)) {
    const collapsed = options.collapsed.has(group.key);
    items.push({ kind: 'group', key: `group:${group.key}`, group, collapsed });
    if (collapsed) continue;
    for (const container of group.containers) items.push({ kind: 'row', key: containerKey(container), container, group: group.key });
  }
  return items;
}
