import type { TimelineEvent } from '../../../shared/domain';
import { KINDS, type TimelineKind } from './timeline-filter';
import type { TimeWindow } from './time-range';

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 } as const;

/** One dot on the axis: one event, or several that would sit on the same pixels. */
export interface Marker {
  key: string;
  x: number;
  lane: number;
  kind: TimelineKind;
  severity: TimelineEvent['severity'];
  /** The event shown for the dot (the first of those it stands for). */
  event: TimelineEvent;
  /** How many events it stands for. */
  count: number;
  group?: string;
}

/** The drawing of one incident: a band over its time span and a line through its markers. */
export interface GroupLink {
  group: string;
  x1: number;
  x2: number;
  /** Markers in time order: [x, lane]. */
  points: Array<[number, number]>;
}

export interface AxisLayout {
  markers: Marker[];
  links: GroupLink[];
  /** Events inside the window (before merging). */
  shown: number;
}

/** Events closer than this many pixels on one lane, of one severity and group, share a dot. */
export const MERGE_PX = 3;

export function laneOf(kind: TimelineKind): number {
  return KINDS.indexOf(kind);
}

/**
 * Places the events (time order) of `window` on a plot `width` pixels wide: one marker per
 * lane, severity and group every few pixels, so thousands of events stay a few hundred dots;
 * errors are drawn last (on top). Groups in `linked` (incidents) with two or more markers get a
 * band and a connecting line.
 */
export function layoutAxis(events: readonly TimelineEvent[], window: TimeWindow, width: number, linked: ReadonlySet<string>): AxisLayout {
  const span = window.to - window.from;
  if (span <= 0 || width <= 0) return { markers: [], links: [], shown: 0 };
  const scale = width / span;
  const byKey = new Map<string, Marker>();
  const groups = new Map<string, Array<[number, number, number]>>();
  let shown = 0;
  for (const event of events) {
    if (event.at < window.from || event.at > window.to) continue;
    shown += 1;
    const x = (event.at - window.from) * scale;
    const lane = laneOf(event.kind);
    const group = event.group && linked.has(event.group) ? event.group : undefined;
    const key = `${lane}|${Math.round(x / MERGE_PX)}|${event.severity}|${group ?? ''}`;
    const existing = byKey.get(key);
    if (existing) existing.count += 1;
    else byKey.set(key, { key, x, lane, kind: event.kind, severity: event.severity, event, count: 1, group });
    if (group) {
      const list = groups.get(group) ?? [];
      list.push([event.at, x, lane]);
      groups.set(group, list);
    }
  }
  const markers = [...byKey.values()].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.x - b.x);
  const links: GroupLink[] = [];
  for (const [group, list] of groups) {
    if (list.length < 2) continue;
    list.sort((a, b) => a[0] - b[0]);
    const points: Array<[number, number]> = [];
    for (const [, x, lane] of list) {
      const last = points[points.length - 1];
      if (last && Math.abs(last[0] - x) < 0.5 && last[1] === lane) continue;
      points.push([x, lane]);
    }
    links.push({ group, x1: list[0]![1], x2: list[list.length - 1]![1], points });
  }
  return { markers, links, shown };
}
