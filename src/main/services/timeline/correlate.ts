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
  const open: Array<{ id: string; service: string; at: number; containerId?: string }> = [];
  return sorted.map((event) => {
    // The console's own changes (a scale-down's stop, its deregistration) start and join nothing.
    if (!event.service || event.details.planned === 'true') return event;
    if (event.kind === 'docker' && STARTS.has(event.action)) {
      // kill and die of one container a moment apart are one start.
      const existing = open.find((o) => o.service === event.service && o.containerId === event.container?.id && event.at - o.at < 10_000);
      if (existing) return { ...event, group: existing.id };
      open.push({ id: event.id, service: event.service, at: event.at, containerId: event.container?.id });
      return { ...event, group: event.id };
    }
    const follows = (event.kind === 'registry' && (event.action === 'lease-expiry' || event.action === 'deregister')) || (event.kind === 'zabbix' && event.action === 'problem');
    if (follows) {
      const start = [...open].reverse().find((o) => o.service === event.service && event.at >= o.at && event.at - o.at <= LINK_WINDOW_MS);
      if (start) return { ...event, group: start.id };
    }
    return event;
  });
}
