export const RANGE_PRESETS = ['15m', '1h', '6h', '24h', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

const PRESET_MS: Record<Exclude<RangePreset, 'custom'>, number> = { '15m': 15 * 60_000, '1h': 3_600_000, '6h': 6 * 3_600_000, '24h': 24 * 3_600_000 };

/** The form's range: a preset, or local date-times (`YYYY-MM-DDTHH:mm[:ss]`, as datetime-local inputs hold them). */
export interface RangeChoice {
  preset: RangePreset;
  from: string;
  to: string;
}

/** The range as the search takes it (RFC 3339, until left out for "now"); undefined when the custom range is incomplete or backwards. */
export function rangeInput(choice: RangeChoice, now: number): { since: string; until?: string } | undefined {
  if (choice.preset !== 'custom') return { since: new Date(now - PRESET_MS[choice.preset]).toISOString() };
  const from = Date.parse(choice.from);
  const to = choice.to ? Date.parse(choice.to) : now;
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return undefined;
  return { since: new Date(from).toISOString(), ...(choice.to ? { until: new Date(to).toISOString() } : {}) };
}

/** A local date-time for a datetime-local input. */
export function localInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
