/** One container's port discovery; a restart (a new StartedAt) is a new job. */
export interface PortJob {
  id: string;
  /** Docker's StartedAt, as inspect gave it (the discovery cache's key). */
  startedAt: string;
  /** The same in ms: the newest-started containers are looked at first. */
  startedMs: number;
}

/** Port discovery execs in flight per engine. */
export const PORT_DISCOVERY_CONCURRENCY = 2;

/**
 * An engine's port discoveries, off the fleet's critical path: rows are complete once
 * inspected, and their ports follow from here at a bounded rate (at most `limit` execs in
 * flight), newest-started container first. One job per container: asking again for a queued
 * container replaces its job, and asking for the very job in flight adds nothing. A dropped
 * container's job is forgotten, and its answer, if an exec was already under way, never
 * delivered.
 */
export class PortQueue {
  private readonly queued = new Map<string, PortJob>();
  /** The job whose answer is awaited, per container (a dropped one is removed at once). */
  private readonly awaited = new Map<string, PortJob>();
  /** Execs really running, dropped or not: what the limit counts. */
  private active = 0;
  private stopped = false;

  constructor(
    private readonly discover: (job: PortJob) => Promise<number[]>,
    private readonly answered: (job: PortJob, ports: number[]) => void,
    private readonly limit = PORT_DISCOVERY_CONCURRENCY,
  ) {}

  add(job: PortJob): void {
    if (this.stopped) return;
    const inFlight = this.awaited.get(job.id);
    if (inFlight && inFlight.startedAt === job.startedAt) return;
    this.queued.set(job.id, job);
    this.pump();
  }

  drop(id: string): void {
    this.queued.delete(id);
    this.awaited.delete(id);
  }

  stop(): void {
    this.stopped = true;
    this.queued.clear();
    this.awaited.clear();
  }

  /** Jobs queued or awaited. */
  get size(): number {
    return this.queued.size + this.awaited.size;
  }

  get running(): number {
    return this.active;
  }

  private pump(): void {
    while (!this.stopped && this.active < this.limit && this.queued.size > 0) {
      const job = this.newest();
      this.queued.delete(job.id);
      this.awaited.set(job.id, job);
      this.active++;
      void this.discover(job)
        .catch(() => [] as number[])
        .then((ports) => {
          this.active--;
          try {
            if (this.awaited.get(job.id) === job) {
              this.awaited.delete(job.id);
              if (!this.stopped) this.answered(job, ports);
            }
          } finally {
            this.pump();
          }
        });
    }
  }

  private newest(): PortJob {
    let best: PortJob | undefined;
    for (const job of this.queued.values()) if (!best || job.startedMs > best.startedMs) best = job;
    return best!;
  }
}
