/** The time window of the axis and list: a preset that slides with the clock, or a brushed zoom. */

export const PRESETS = ['15m', '1h', '6h', '24h', 'all'] as const;
export type Preset = (typeof PRESETS)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const PRESET_MS: Record<Exclude<Preset, 'all'>, number> = { '15m': 15 * MINUTE, '1h': HOUR, '6h': 6 * HOUR, '24h': 24 * HOUR };

/** The smallest window a brush may zoom to. */
export const MIN_SPAN_MS = 5_000;

export interface TimeWindow {
  from: number;
  to: number;
}

export interface RangeState {
  preset: Preset;
  /** A brushed window; when set it wins over the preset until reset. */
  zoom?: TimeWindow;
}

export const DEFAULT_RANGE: RangeState = { preset: 'all' };

export function sanitizeRange(value: unknown): RangeState {
  const v = (value && typeof value === 'object' ? value : {}) as { preset?: unknown; zoom?: { from?: unknown; to?: unknown } };
  const preset = (PRESETS as readonly unknown[]).includes(v.preset) ? (v.preset as Preset) : 'all';
  const zoom = v.zoom && typeof v.zoom.from === 'number' && typeof v.zoom.to === 'number' && v.zoom.to > v.zoom.from ? { from: v.zoom.from, to: v.zoom.to } : undefined;
  return zoom ? { preset, zoom } : { preset };
}

/**
 * The window to show now. A preset ends at `now`; 'all' runs from the oldest event (or an
 * hour ago when there is none) to now, with a little room on the left so the first marker is
 * not cut in half.
 */
export function resolveRange(range: RangeState, now: number, oldest: number | undefined): TimeWindow {
  if (range.zoom) return range.zoom;
  if (range.preset !== 'all') return { from: now - PRESET_MS[range.preset], to: now };
  const from = oldest === undefined ? now - HOUR : Math.min(oldest, now - MINUTE);
  const pad = Math.max(1000, (now - from) * 0.01);
  return { from: from - pad, to: now + pad };
}

/** The zoom a brush from pixel `x1` to `x2` selects in a plot `width` pixels wide showing `window`. */
export function brushWindow(window: TimeWindow, width: number, x1: number, x2: number): TimeWindow | undefined {
  if (width <= 0) return undefined;
  const left = Math.max(0, Math.min(x1, x2));
  const right = Math.min(width, Math.max(x1, x2));
  if (right - left < 3) return undefined;
  const span = window.to - window.from;
  let from = window.from + (left / width) * span;
  let to = window.from + (right / width) * span;
  if (to - from < MIN_SPAN_MS) {
    const middle = (from + to) / 2;
    from = middle - MIN_SPAN_MS / 2;
    to = middle + MIN_SPAN_MS / 2;
  }
  return { from: Math.round(from), to: Math.round(to) };
}

/** A window around an incident: its events with a margin either side (at least a minute). */
export function windowAround(start: number, end: number): TimeWindow {
  const margin = Math.max(MINUTE, (end - start) * 0.15);
  return { from: Math.round(start - margin), to: Math.round(end + margin) };
}

export function inWindow(at: number, window: TimeWindow): boolean {
  return at >= window.from && at <= window.to;
}

const TICK_STEPS = [
  1000, 2000, 5000, 10_000, 15_000, 30_000, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR,
  12 * HOUR, 24 * HOUR, 2 * 24 * HOUR, 7 * 24 * HOUR,
];

/**
 * Round times for the axis labels: the smallest step that leaves at least `minPx` between two
 * ticks. Steps of a day or less are aligned to the local clock (10:00, 10:15 …).
 */
export function timeTicks(window: TimeWindow, width: number, minPx = 90): { step: number; ticks: number[] } {
  const span = window.to - window.from;
  if (span <= 0 || width <= 0) return { step: HOUR, ticks: [] };
  const step = TICK_STEPS.find((s) => (s / span) * width >= minPx) ?? TICK_STEPS[TICK_STEPS.length - 1]!;
  const offset = new Date(window.from).getTimezoneOffset() * MINUTE;
  const first = Math.ceil((window.from - offset) / step) * step + offset;
  const ticks: number[] = [];
  for (let t = first; t <= window.to && ticks.length < 200; t += step) ticks.push(t);
  return { step, ticks };
}

/** RFC 3339 in UTC, e.g. 2026-11-24T19:00:41.000Z (what the logs stream takes). */
export function rfc3339(at: number): string {
  return new Date(at).toISOString();
}

/** The value of an <input type="datetime-local" step="1"> for a time (local clock). */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The time of a datetime-local value (local clock), or undefined when it is not one. */
export function fromLocalInput(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!m) return undefined;
  const at = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)).getTime();
  return Number.isNaN(at) ? undefined : at;
}

/** The longest window the snapshot export accepts. */
export const MAX_SNAPSHOT_MS = 7 * 24 * HOUR;

/**
 * The window the snapshot dialog starts with: what the axis shows when the user zoomed in
 * (a brush or a preset), else the last hour.
 */
export function defaultSnapshotWindow(range: RangeState, shown: TimeWindow, now: number): TimeWindow {
  if (!range.zoom && range.preset === 'all') return { from: now - HOUR, to: now };
  const to = Math.min(Math.round(shown.to), now);
  const from = Math.round(shown.from);
  return to > from ? { from, to } : { from: now - HOUR, to: now };
}

/** "1 h 5 min", "45 s": a short length of time. */
export function spanParts(ms: number): { d: number; h: number; m: number; s: number } {
  const total = Math.max(0, Math.round(ms / 1000));
  return { d: Math.floor(total / 86_400), h: Math.floor((total % 86_400) / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}
