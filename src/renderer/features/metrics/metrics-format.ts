import { formatBytes, formatRate } from '../../core/bytes';
import type { ContainerStatsSeries, ZabbixProblem, ZabbixSeries } from '../../../shared/domain';

/** Zabbix severities, with Zabbix's own colours. */
export const SEVERITY = [
  { name: 'Not classified', colour: '#97aab3' },
  { name: 'Information', colour: '#7499ff' },
  { name: 'Warning', colour: '#ffc859' },
  { name: 'Average', colour: '#ffa059' },
  { name: 'High', colour: '#e97659' },
  { name: 'Disaster', colour: '#e45959' },
];

/** A value with its unit: bytes as KiB/MiB/GiB, big plain numbers with k/M. */
export function formatValue(value: number, units: string): string {
  if (!Number.isFinite(value)) return '—';
  if (units === 'B') return formatBytes(value);
  if (units === 'Bps') return formatRate(value);
  const rounded = Math.abs(value) >= 1e6 ? `${(value / 1e6).toFixed(1)}M` : Math.abs(value) >= 1e4 ? `${(value / 1e3).toFixed(1)}k` : `${Math.round(value * 100) / 100}`;
  return units ? `${rounded} ${units}` : rounded;
}

/** Several series onto one time axis for the chart: a row per timestamp, a column per item; nulls stay gaps. */
export function mergeSeries(series: ZabbixSeries[]): Array<Record<string, number | null>> {
  const rows = new Map<number, Record<string, number | null>>();
  for (const s of series) {
    for (const [t, v] of s.points) {
      const row = rows.get(t) ?? { t };
      row[s.itemid] = v;
      rows.set(t, row);
    }
  }
  return [...rows.values()].sort((a, b) => (a.t as number) - (b.t as number));
}

/** The environment a problem concerns: its env tag, else the ENV of an app_ENV service named in it. */
export function problemEnvironment(problem: Pick<ZabbixProblem, 'tags' | 'name'>): string | undefined {
  const tag = problem.tags.find((t) => t.tag === 'env' || t.tag === 'environment')?.value;
  return tag || /\b[a-z0-9-]+_([A-Z][A-Z0-9]*)\b/.exec(problem.name)?.[1];
}

/** Recorded container stats onto one time axis: a row per sample time, a column per container. */
export function mergeContainerStats(containers: ContainerStatsSeries[], value: 'cpuPercent' | 'memUsed'): Array<Record<string, number>> {
  const rows = new Map<number, Record<string, number>>();
  for (const c of containers) {
    for (const s of c.samples) {
      // Samples of different containers a moment apart share a row (to the second).
      const t = Math.round(s.t / 1000) * 1000;
      const row = rows.get(t) ?? { t };
      row[c.id] = s[value];
      rows.set(t, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.t! - b.t!);
}
