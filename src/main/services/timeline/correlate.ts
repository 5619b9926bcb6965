import type { TimelineEvent } from '../../../shared/domain';

/** How long after a replica dies its key's expiry and a problem still count as the same incident. */
export const LINK_WINDOW_MS = 3 * 60 * 1000;

const STARTS = new Set(['die', 'oom', 'kill']);

/**
 * Groups events that belong together: a container of service S dies (or is killed), then
 * within the window a key of S goes (deregister or lease expiry) and a problem of S fires.
 * Returns the events in time order with `group` set to the id of the event that started it.
 */
export function correlate(events: TimelineEvent[]): TimelineEvent[] {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  // Per service, the starts still within the window (events come in time order: older ones drop off the front).
  const open = new Map<string, Array<{ id: string; at: number; containerId?: string }>>();
  const recent = (service: string, at: number) => {
    const starts = open.get(service) ?? [];
    while (starts.length && at - starts[0]!.at > LINK_WINDOW_MS) starts.shift();
    open.set(service, starts);
    return starts;
  };
  return sorted.map((event) => {
    // The console's own changes (a scale-down's stop, its deregistration) start and join nothing.
    if (!event.service || event.details.planned === 'true') return event;
    const starts = recent(event.service, event.at);
    if (event.kind === 'docker' && STARTS.has(event.action)) {
      // kill and die of one container a moment apart are one start.
      const existing = starts.find((o) => o.containerId === event.container?.id && event.at - o.at < 10_000);
      if (existing) return { ...event, group: existing.id };
      starts.push({ id: event.id, at: event.at, containerId: event.container?.id });
      return { ...event, group: event.id };
    }
    const follows = (event.kind === 'registry' && (event.action === 'lease-expiry' || event.action === 'deregister')) || (event.kind === 'zabbix' && event.action === 'problem');
    const start = follows ? starts[starts.length - 1] : undefined;
    return start ? { ...event, group: start.id } : event;
  });
}
