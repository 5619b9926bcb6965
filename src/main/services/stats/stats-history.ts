import type { ContainerStatsSeries, StatsSample } from '../../../shared/domain';
import type { FleetService } from '../fleet/fleet-service';
import type { StatsService } from './stats-service';

export interface StatsHistoryOptions {
  /** Keep one sample per container this often. */
  everyMs: number;
  /** Forget samples older than this. */
  keepMs: number;
  /** Containers gone (removed or stopped) whose history is kept, the most recent first; 500 unless told. */
  keepGone?: number;
}

interface Recorded {
  engine: string;
  id: string;
  name: string;
  samples: StatsSample[];
  stop?: () => void;
}

/**
 * Docker keeps no history of container stats, so the console records its own from the
 * moment it starts: one sample per container every `everyMs`, for `keepMs`, for every
 * running container of every engine. The Metrics screen shows it beside Zabbix's history
 * for the same window (and says from when it was recorded).
 */
export class StatsHistory {
  private readonly recorded = new Map<string, Recorded>();
  private readonly since = Date.now();
  private offFleet?: () => void;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly fleet: FleetService,
    private readonly stats: StatsService,
    private readonly options: StatsHistoryOptions = { everyMs: 10_000, keepMs: 6 * 3600_000 },
    private readonly engines: () => string[] = () => [],
  ) {}

  start(): void {
    if (this.offFleet) return;
    this.offFleet = this.fleet.subscribe(() => {
      this.timer ??= setTimeout(() => this.sync(), 500);
    });
    this.sync();
  }

  /** Watches every running container, stops watching the ones gone or stopped. */
  private sync(): void {
    this.timer = undefined;
    const running = new Map(
      this.engines()
        .flatMap((engine) => this.fleet.feed(engine)?.list() ?? [])
        .filter((c) => c.state === 'running')
        .map((c) => [`${c.engine}/${c.id}`, c]),
    );
    for (const [key, entry] of this.recorded) {
      if (!running.has(key) && entry.stop) {
        entry.stop();
        entry.stop = undefined;
      }
    }
    this.forgetGone(running);
    for (const [key, c] of running) {
      let entry = this.recorded.get(key);
      if (!entry) {
        entry = { engine: c.engine, id: c.id, name: c.name, samples: [] };
        this.recorded.set(key, entry);
      }
      if (entry.stop) continue;
      const target = entry;
      target.stop = this.stats.watch(
        [{ engine: c.engine, id: c.id }],
        (sample) => this.keep(target, sample),
        () => {
          target.stop = undefined; // watched again at the next fleet change
        },
      );
    }
  }

  /**
   * A gone container's history is kept for `keepMs` (what it did before it died), but under
   * churn there is no end of gone containers: past `keepGone` of them, the longest gone go.
   */
  private forgetGone(running: Map<string, unknown>): void {
    const oldest = Date.now() - this.options.keepMs;
    const gone: Array<[string, number]> = [];
    for (const [key, entry] of this.recorded) {
      if (running.has(key)) continue;
      const last = entry.samples[entry.samples.length - 1]?.t ?? 0;
      if (last < oldest) this.recorded.delete(key);
      else gone.push([key, last]);
    }
    const keepGone = this.options.keepGone ?? 500;
    if (gone.length <= keepGone) return;
    gone.sort((a, b) => b[1] - a[1]);
    for (const [key] of gone.slice(keepGone)) this.recorded.delete(key);
  }

  private keep(entry: Recorded, sample: StatsSample): void {
    const last = entry.samples[entry.samples.length - 1];
    if (last && sample.t - last.t < this.options.everyMs) return;
    entry.samples.push(sample);
    const oldest = sample.t - this.options.keepMs;
    let drop = 0;
    while (drop < entry.samples.length && entry.samples[drop]!.t < oldest) drop++;
    if (drop) entry.samples.splice(0, drop);
  }

  /** Samples of an engine's containers (or all engines) within [from, to]. */
  /** How many containers it keeps samples of (for diagnostics). */
  get size(): number {
    return this.recorded.size;
  }

  query(from: number, to: number, engine?: string): { since: number; everyMs: number; containers: ContainerStatsSeries[] } {
    const containers = [...this.recorded.values()]
      .filter((r) => !engine || r.engine === engine)
      .map((r) => ({
        engine: r.engine,
        id: r.id,
        name: r.name,
        samples: r.samples.filter((s) => s.t >= from && s.t <= to).map((s) => ({ t: s.t, cpuPercent: s.cpuPercent, memUsed: s.memUsed })),
      }))
      .filter((r) => r.samples.length > 0)
      .sort((a, b) => a.name.localeCompare(b.name));
    return { since: this.since, everyMs: this.options.everyMs, containers };
  }

  close(): void {
    this.offFleet?.();
    clearTimeout(this.timer);
    for (const entry of this.recorded.values()) entry.stop?.();
  }
}
