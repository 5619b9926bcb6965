import { nowNano } from './docker-time';
import { eventAttributes, eventLine } from './sim-shapes';
import type { SimContainer } from './sim-container';

export interface SimEvent {
  nano: bigint;
  action: string;
  id: string;
  name: string;
  attributes: Record<string, string>;
  /** The JSON line Docker sends. */
  line: string;
}

/** Docker's event filters as the API takes them: {"type":["container"]} or {"type":{"container":true}}. */
export type EventFilters = Record<string, string[]>;

const KNOWN_FILTERS = new Set(['type', 'container', 'event', 'label', 'image']);

/** Parses `filters`; throws Docker's message for an unknown key. */
export function parseFilters(text: string | null): EventFilters {
  if (!text) return {};
  const raw = JSON.parse(text) as Record<string, string[] | Record<string, boolean>>;
  const out: EventFilters = {};
  for (const [key, value] of Object.entries(raw)) out[key] = Array.isArray(value) ? value : Object.keys(value).filter((k) => value[k]);
  return out;
}

export function checkEventFilters(filters: EventFilters): void {
  for (const key of Object.keys(filters)) if (!KNOWN_FILTERS.has(key)) throw new Error(`invalid filter '${key}'`);
}

function matches(event: SimEvent, filters: EventFilters): boolean {
  const any = (key: string, test: (value: string) => boolean) => !filters[key]?.length || filters[key]!.some(test);
  return (
    any('type', (v) => v === 'container') &&
    any('container', (v) => event.id.startsWith(v) || event.name === v) &&
    any('event', (v) => event.action === v || event.action.startsWith(`${v}:`)) &&
    any('image', (v) => event.attributes.image === v) &&
    (filters.label ?? []).every((v) => {
      const [key, value] = v.split('=', 2) as [string, string | undefined];
      return value === undefined ? key in event.attributes : event.attributes[key] === value;
    })
  );
}

/** An engine's events: the last `keep` for `since` queries, and live listeners. */
export class EventLog {
  private readonly recent: SimEvent[] = [];
  private readonly listeners = new Set<(event: SimEvent) => void>();

  constructor(private readonly keep = 1024) {}

  emit(c: SimContainer, action: string, extra: Record<string, string> = {}): SimEvent {
    const nano = nowNano();
    const event: SimEvent = { nano, action, id: c.id, name: c.name, attributes: eventAttributes(c, extra), line: eventLine(c, action, nano, extra) };
    this.recent.push(event);
    if (this.recent.length > this.keep) this.recent.shift();
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** Past events in [since, until] that pass the filters. */
  past(since: bigint, until: bigint | undefined, filters: EventFilters): SimEvent[] {
    return this.recent.filter((e) => e.nano >= since && (until === undefined || e.nano <= until) && matches(e, filters));
  }

  listen(filters: EventFilters, listener: (event: SimEvent) => void): () => void {
    const filtered = (event: SimEvent) => {
      if (matches(event, filters)) listener(event);
    };
    this.listeners.add(filtered);
    return () => this.listeners.delete(filtered);
  }
}
