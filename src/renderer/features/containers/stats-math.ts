import type { StatsSample } from '../../../shared/domain';

/** One point of a chart: CPU and memory as sampled, counters turned into per-second rates. */
export interface StatsPoint {
  t: number;
  cpu: number;
  memUsed: number;
  memLimit: number;
  /** Bytes per second; null where no rate can be told (first sample, counter reset). */
  netRx: number | null;
  netTx: number | null;
  blkRead: number | null;
  blkWrite: number | null;
  pids: number;
}

export const HISTORY_MS = 5 * 60_000;

/** Adds a sample to a container's history (kept in time order) and drops what is older than the window. */
export function appendSample(history: StatsSample[], sample: StatsSample, windowMs = HISTORY_MS): StatsSample[] {
  const last = history[history.length - 1];
  if (last && sample.t <= last.t) return history;
  history.push(sample);
  const cutoff = sample.t - windowMs;
  let drop = 0;
  while (drop < history.length && history[drop]!.t < cutoff) drop++;
  if (drop > 0) history.splice(0, drop);
  return history;
}

/** The rate of a cumulative counter between two samples; null when it went backwards (container restarted). */
export function counterRate(previous: number, current: number, seconds: number): number | null {
  if (seconds <= 0) return null;
  const delta = current - previous;
  return delta < 0 ? null : delta / seconds;
}

/** A container's samples as chart points. */
export function toPoints(samples: readonly StatsSample[]): StatsPoint[] {
  const points: StatsPoint[] = [];
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    const p = i > 0 ? samples[i - 1]! : undefined;
    const seconds = p ? (s.t - p.t) / 1000 : 0;
    points.push({
      t: s.t,
      cpu: s.cpuPercent,
      memUsed: s.memUsed,
      memLimit: s.memLimit,
      netRx: p ? counterRate(p.netRx, s.netRx, seconds) : null,
      netTx: p ? counterRate(p.netTx, s.netTx, seconds) : null,
      blkRead: p ? counterRate(p.blkRead, s.blkRead, seconds) : null,
      blkWrite: p ? counterRate(p.blkWrite, s.blkWrite, seconds) : null,
      pids: s.pids,
    });
  }
  return points;
}

const RATE_FIELDS = ['netRx', 'netTx', 'blkRead', 'blkWrite'] as const;

/**
 * The sum over several containers (a service's replicas), one point per `bucketMs`. Each
 * container counts with its latest point in or before the bucket, if not older than
 * `maxAgeMs`, so samples that arrive a little apart do not make the sum jump up and down.
 */
export function sumPoints(series: readonly (readonly StatsPoint[])[], bucketMs = 1000, maxAgeMs = 3000): StatsPoint[] {
  const nonEmpty = series.filter((s) => s.length > 0);
  if (nonEmpty.length === 0) return [];
  const first = Math.min(...nonEmpty.map((s) => s[0]!.t));
  const last = Math.max(...nonEmpty.map((s) => s[s.length - 1]!.t));
  // Replicas subscribed together start a second or two apart: no partial sums before they all report.
  const allStarted = Math.max(...nonEmpty.map((s) => s[0]!.t).filter((t) => t - first <= maxAgeMs));
  const cursors = nonEmpty.map(() => -1);
  const result: StatsPoint[] = [];
  for (let start = Math.floor(first / bucketMs) * bucketMs; start <= last; start += bucketMs) {
    const end = start + bucketMs;
    if (end <= allStarted) continue;
    const sum: StatsPoint = { t: start, cpu: 0, memUsed: 0, memLimit: 0, netRx: null, netTx: null, blkRead: null, blkWrite: null, pids: 0 };
    let count = 0;
    nonEmpty.forEach((points, n) => {
      let cursor = cursors[n]!;
      while (cursor + 1 < points.length && points[cursor + 1]!.t < end) cursor++;
      cursors[n] = cursor;
      const point = points[cursor];
      if (!point || point.t < end - maxAgeMs) return;
      count++;
      sum.cpu += point.cpu;
      sum.memUsed += point.memUsed;
      sum.memLimit += point.memLimit;
      sum.pids += point.pids;
      for (const field of RATE_FIELDS) {
        const value = point[field];
        if (value !== null) sum[field] = (sum[field] ?? 0) + value;
      }
    });
    if (count > 0) result.push(sum);
  }
  return result;
}

/**
 * The top of the memory chart: room above the highest use, and the limit when it is in the
 * same range (a container without a limit reports the host's memory, which would flatten the line).
 */
export function memoryScale(points: readonly StatsPoint[]): { max: number; showLimit: boolean } {
  let used = 0;
  let limit = 0;
  for (const p of points) {
    used = Math.max(used, p.memUsed);
    limit = Math.max(limit, p.memLimit);
  }
  if (limit > 0 && limit <= used * 4) return { max: niceBytes(Math.max(limit, used) * 1.05), showLimit: true };
  return { max: used > 0 ? niceBytes(used * 1.2) : 1024, showLimit: false };
}

/** The next round number of bytes at or above the value, in its binary unit, that splits into four round ticks. */
export function niceBytes(value: number): number {
  if (value <= 0) return 1;
  let unit = 1;
  while (value >= unit * 1024) unit *= 1024;
  const scaled = value / unit;
  const step = [1, 1.5, 2, 3, 4, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 64, 80, 96, 128, 160, 192, 256, 320, 384, 512, 640, 768, 1024].find((n) => n >= scaled) ?? 1024;
  return step * unit;
}

/** The next round number at or above the value (1, 2, 2.5, 5 × a power of ten), for chart axes. */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((n) => n * power >= value - 1e-12) ?? 10;
  return step * power;
}

/** Five evenly spaced ticks from 0 to max. */
export function axisTicks(max: number): number[] {
  return [0, max / 4, max / 2, (max * 3) / 4, max];
}
