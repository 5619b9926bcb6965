import type { TimelineEvent } from '../../../shared/domain';

/** How many events the renderer keeps (the backend keeps 50 000 too); the oldest go first. */
export const MAX_EVENTS = 50_000;

/** Time order, ties broken by id so the order is stable. */
export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The events of the `timeline.events` stream, upserted by id: the first batch is everything
 * known, later batches bring new events and updates of known ones (their group changes as
 * incidents get linked). `events` is a new array, oldest first, after each change.
 */
export class TimelineStore {
  private readonly byId = new Map<string, TimelineEvent>();
  private sorted: TimelineEvent[] = [];

  constructor(private readonly max = MAX_EVENTS) {}

  get events(): readonly TimelineEvent[] {
    return this.sorted;
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): TimelineEvent | undefined {
    return this.byId.get(id);
  }

  /** The latest `at` known (where a resumed stream can start from). */
  get latestAt(): number | undefined {
    return this.sorted[this.sorted.length - 1]?.at;
  }

  /** Applies one batch; returns whether anything changed. */
  apply(items: readonly TimelineEvent[]): boolean {
    if (items.length === 0) return false;
    const next = this.sorted.slice();
    let needsSort = false;
    let changed = false;
    let replaced: Map<string, TimelineEvent> | undefined;
    for (const item of items) {
      const previous = this.byId.get(item.id);
      if (previous) {
        if (sameEvent(previous, item)) continue;
        changed = true;
        this.byId.set(item.id, item);
        (replaced ??= new Map()).set(item.id, item);
        if (previous.at !== item.at) needsSort = true;
        continue;
      }
      changed = true;
      this.byId.set(item.id, item);
      const last = next[next.length - 1];
      if (last && compareEvents(last, item) > 0) needsSort = true;
      next.push(item);
    }
    if (!changed) return false;
    let result = replaced ? next.map((event) => replaced!.get(event.id) ?? event) : next;
    if (needsSort) result.sort(compareEvents);
    if (result.length > this.max) {
      const dropped = result.slice(0, result.length - this.max);
      for (const event of dropped) this.byId.delete(event.id);
      result = result.slice(result.length - this.max);
    }
    this.sorted = result;
    return true;
  }
}

function sameEvent(a: TimelineEvent, b: TimelineEvent): boolean {
  if (a === b) return true;
  if (a.at !== b.at || a.group !== b.group || a.title !== b.title || a.severity !== b.severity || a.service !== b.service) return false;
  if (a.action !== b.action || a.kind !== b.kind || a.engine !== b.engine || a.environment !== b.environment) return false;
  if (a.container?.id !== b.container?.id || a.container?.name !== b.container?.name) return false;
  const ak = Object.keys(a.details);
  const bk = Object.keys(b.details);
  return ak.length === bk.length && ak.every((key) => a.details[key] === b.details[key]);
}
