import type { ContainerSummary, EngineContainers, Health } from '../../../shared/domain';
import type { DotTone } from '../../components/StatusDot';

export type SortColumn = 'engine' | 'name' | 'service' | 'image' | 'state' | 'status';
export interface SortOrder {
  column: SortColumn;
  descending: boolean;
}

export interface ContainerQuery {
  text: string;
  onlyProblems: boolean;
  /** Show one engine only; null for all. */
  engine: string | null;
}

/** "project/service #2", or the service alone; '' when the container is not from compose. */
export function serviceLabel(c: Pick<ContainerSummary, 'project' | 'service' | 'containerNumber'>): string {
  if (!c.service) return '';
  const base = c.project ? `${c.project}/${c.service}` : c.service;
  return c.containerNumber !== undefined ? `${base} #${c.containerNumber}` : base;
}

export function isProblem(c: ContainerSummary): boolean {
  return c.state !== 'running' || c.health === 'unhealthy';
}

export function stateTone(c: Pick<ContainerSummary, 'state' | 'status'>): DotTone {
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

export function allContainers(engines: readonly EngineContainers[]): ContainerSummary[] {
  return engines.flatMap((e) => (e.ok ? e.containers : []));
}

export function matches(c: ContainerSummary, query: ContainerQuery): boolean {
  if (query.engine !== null && c.engine !== query.engine) return false;
  if (query.onlyProblems && !isProblem(c)) return false;
  const words = query.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [c.engine, c.name, c.id.slice(0, 12), c.image, c.state, c.status, c.health, serviceLabel(c)]
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function sortValue(c: ContainerSummary, column: SortColumn): string {
  switch (column) {
    case 'engine':
      return c.engine;
    case 'name':
      return c.name;
    case 'service':
      return serviceLabel(c) || '\uffff';
    case 'image':
      return c.image;
    case 'state':
      return c.state;
    case 'status':
      return c.status;
  }
}

/** Sorted by the chosen column, then host, service and name so equal rows keep a stable order. */
export function sortContainers(list: readonly ContainerSummary[], order: SortOrder): ContainerSummary[] {
  const tieBreak: SortColumn[] = ['engine', 'service', 'name'];
  return [...list].sort((a, b) => {
    const primary = collator.compare(sortValue(a, order.column), sortValue(b, order.column));
    if (primary !== 0) return order.descending ? -primary : primary;
    for (const column of tieBreak) {
      const next = collator.compare(sortValue(a, column), sortValue(b, column));
      if (next !== 0) return next;
    }
    return 0;
  });
}
