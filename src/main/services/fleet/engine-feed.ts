import type { Readable } from 'node:stream';
import type { EngineFeedState, FleetContainer, FleetEvent } from '../../../shared/domain';
import type { RpcErrorData } from '../../../shared/errors';
import type { ContainerListEntry, DockerEngine } from '../../connectors/docker/docker-engine';
import { backoffDelay, sleep, type Backoff } from '../../core/backoff';
import { toErrorData } from '../../core/errors';
import { toFleetContainer, withDiscoveredPorts } from './fleet-container';
import { readJsonLines } from './json-lines';
import { PortDiscovery } from './port-discovery';
import { PortQueue, type PortJob } from './port-queue';

/** A container event as Docker sends it. */
export interface DockerEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano: number;
}

/** Actions that say nothing about a container's own state (and our own port discovery execs). */
const QUIET_ACTIONS = /^(exec_|attach|detach|top|resize|archive-path|extract-to-dir|export|copy|commit)/;

export interface EngineFeedOptions {
  discoverPorts?: boolean;
  /** Reconnect pace (default: the console's one). */
  backoff?: Backoff;
  refreshDelayMs?: number;
}

/** A host-network container with no listening port yet is looked at again: 1 s, 2 s ... 16 s. */
const PORT_RETRY: Backoff = { firstMs: 1000, maxMs: 16_000 };

/** Inspects in flight per engine while building a snapshot. */
const INSPECT_CONCURRENCY = 8;

/** A running host-network container's start, and the ports Docker publishes for it (merged with those found). */
interface PortTarget {
  startedAt: string;
  published: number[];
}

/** A row as built from the list and inspect, and what port discovery should look for, if anything. */
interface BuiltRow {
  row: FleetContainer;
  target?: PortTarget;
}

/**
 * Keeps one engine's containers current from its event stream. It subscribes to events
 * first and lists second (so nothing falls between the two), reconnects with backoff when
 * the stream breaks, asks for events since the last one it saw (skipping repeats), and
 * re-lists on every reconnect so that anything missed while the engine was away shows.
 */
export class EngineFeed {
  readonly engine: string;
  private readonly containers = new Map<string, FleetContainer>();
  private state: EngineFeedState = 'connecting';
  private error?: RpcErrorData;
  private ready = false;
  /** Rows from the first list, before their inspect data is in: shown at once, replaced when it is. */
  private preview?: FleetContainer[];
  private lastEventTime = 0;
  private seenAtLastTime = new Set<string>();
  private readonly listeners = new Set<(event: FleetEvent) => void>();
  private readonly eventListeners = new Set<(event: DockerEvent) => void>();
  private readonly refreshTimers = new Map<string, NodeJS.Timeout>();
  /** One refresh per container at a time; an event during one asks for another after it. */
  private readonly refreshing = new Set<string>();
  private readonly refreshAgain = new Set<string>();
  /** Host-network containers found with no listening port yet: looked at again a few times. */
  private readonly portRetries = new Map<string, number>();
  /** Running host-network rows: what their port discovery is for (an answer for another start is dropped). */
  private readonly portTargets = new Map<string, PortTarget>();
  /** Rows whose ports have not been looked at yet (`portsPending`). */
  private readonly pendingPorts = new Set<string>();
  private readonly portQueue: PortQueue;
  /**
   * Containers destroyed lately (ids are never reused): a refresh or re-list that was already
   * under way when the destroy came must not bring the row back.
   */
  private readonly destroyed = new Set<string>();
  /**
   * The order in which lists were asked for, and per container the list its row came from: a
   * refresh or re-list answered late must not overwrite a row built from a newer list (a slow
   * re-list would otherwise bring back a dead container's "running", or drop one just created).
   */
  private listSeq = 0;
  private readonly rowListSeq = new Map<string, number>();
  /** Refreshes that failed in a row, per container: asked again with backoff. */
  private readonly refreshFailures = new Map<string, number>();
  private readonly ports: PortDiscovery;
  private stopped = false;
  private stream?: Readable;
  private wake?: () => void;
  /** Set while the engine's liveness check gets no answer: the feed waits instead of asking again. */
  private unresponsive?: RpcErrorData;

  constructor(
    private readonly docker: DockerEngine,
    private readonly options: EngineFeedOptions = {},
  ) {
    this.engine = docker.name;
    this.ports = new PortDiscovery(docker);
    this.portQueue = new PortQueue(
      (job) => this.ports.ports(job.id, job.startedAt),
      (job, ports) => this.onPorts(job, ports),
    );
  }

  private running = false;

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.stream?.destroy();
    this.wake?.();
    this.portQueue.stop();
    for (const timer of this.refreshTimers.values()) clearTimeout(timer);
  }

  /**
   * What the engine's liveness check says. A frozen engine never closes the event stream,
   * so when it stops answering the stream is dropped (its rows turn stale) and no new one
   * is asked for until it answers again; then the feed asks for the events since the last
   * one it saw and re-lists, as after any reconnect.
   */
  setResponding(responding: boolean, error?: RpcErrorData): void {
    if (!responding) {
      if (this.unresponsive) return;
      this.unresponsive = error ?? { code: 'TIMEOUT', message: `Docker engine ${this.engine} is not responding` };
      if (this.running) this.stream?.destroy();
      return;
    }
    if (!this.unresponsive) return;
    this.unresponsive = undefined;
    this.wake?.();
  }

  /** Current state and snapshot at once, then every change. */
  subscribe(listener: (event: FleetEvent) => void): () => void {
    listener({ kind: 'engine', engine: this.engine, state: this.state, error: this.error, at: Date.now() });
    if (this.ready) listener({ kind: 'snapshot', engine: this.engine, containers: [...this.containers.values()] });
    else if (this.preview) listener({ kind: 'snapshot', engine: this.engine, containers: this.preview, partial: true });
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  unsubscribe(listener: (event: FleetEvent) => void): void {
    this.listeners.delete(listener);
  }

  /** Raw container events, each once (the timeline builds on these). */
  onDockerEvent(listener: (event: DockerEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  list(): FleetContainer[] {
    return [...this.containers.values()];
  }

  /** True once the first snapshot is in, or the engine has failed to answer (its rows are as known as they get). */
  get settled(): boolean {
    return this.ready || this.error !== undefined;
  }

  /**
   * Settled, and no row waits for its port discovery (or the engine is failing to answer:
   * its rows are as known as they get).
   */
  get portsSettled(): boolean {
    return this.settled && (this.error !== undefined || this.pendingPorts.size === 0);
  }

  get feedState(): EngineFeedState {
    return this.state;
  }

  private emit(event: FleetEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private setState(state: EngineFeedState, error?: RpcErrorData): void {
    if (this.state === state && JSON.stringify(this.error) === JSON.stringify(error)) return;
    this.state = state;
    this.error = error;
    this.emit({ kind: 'engine', engine: this.engine, state, error, at: Date.now() });
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      try {
        const since = this.lastEventTime || undefined;
        const stream = await this.docker.events({ since });
        this.stream = stream;
        const held: DockerEvent[] = [];
        let holding = true;
        const ended = readJsonLines(stream, (item) => {
          const event = item as DockerEvent;
          if (holding) held.push(event);
          else this.onEvent(event);
        });
        await this.reconcile();
        holding = false;
        for (const event of held) this.onEvent(event);
        this.setState('live');
        attempt = 0;
        await ended;
        if (!this.stopped) throw new Error(`The event stream of ${this.engine} ended`);
      } catch (error) {
        this.stream?.destroy();
        if (this.stopped) break;
        this.setState(this.ready ? 'reconnecting' : 'connecting', this.unresponsive ?? toErrorData(error));
        const wake = new AbortController();
        this.wake = () => wake.abort();
        await sleep(backoffDelay(attempt++, this.options.backoff), wake.signal);
        // Not responding: wait for it to answer again (setResponding wakes this) rather than pile up requests.
        while (this.unresponsive && !this.stopped) {
          const again = new AbortController();
          this.wake = () => again.abort();
          await sleep(60_000, again.signal);
          attempt = 0;
        }
      }
    }
  }

  /**
   * Lists everything and replaces this engine's snapshot. The first time, the list alone goes
   * out at once (as fast as `docker ps`), marked partial: environment, restart counts, exit
   * codes and ports need an inspect per container and follow in a second snapshot. Consumers
   * in this process (`list()`: topology, drift, scale) only ever see inspected rows. The ports
   * of running host-network containers follow after that, each as an upsert (`portsPending`
   * until then), from a bounded queue: hundreds of execs never stand between a fleet and complete.
   */
  private async reconcile(): Promise<void> {
    const asOf = ++this.listSeq;
    const infos = await this.docker.listContainers(true);
    if (!this.ready && !this.stopped) {
      this.preview = infos.map((info) => toFleetContainer(this.engine, info, undefined));
      this.emit({ kind: 'snapshot', engine: this.engine, containers: this.preview, partial: true });
    }
    const built = await mapLimit(infos, INSPECT_CONCURRENCY, (info) => this.build(info));
    // Rows refreshed from a list newer than this one stay as they are (and so do their absences).
    const newer = (id: string) => (this.rowListSeq.get(id) ?? 0) > asOf;
    const kept = built.filter((b) => !this.destroyed.has(b.row.id) && !newer(b.row.id));
    const ids = new Set(kept.map((b) => b.row.id));
    for (const id of [...this.containers.keys()]) if (!ids.has(id) && !newer(id)) this.forget(id);
    for (const b of kept) this.put(b, asOf);
    this.ready = true;
    this.preview = undefined;
    this.emit({ kind: 'snapshot', engine: this.engine, containers: [...this.containers.values()] });
  }

  /**
   * A row from the list entry and its inspect. A running host-network container's ports come
   * from the discovery cache when this start of it was looked at already; else the row keeps
   * the answer it had for the same start (looked at again in the background), or is marked
   * `portsPending` until the queue's answer.
   */
  private async build(info: ContainerListEntry): Promise<BuiltRow> {
    const inspect = await this.docker.inspect(info.Id).catch(() => undefined);
    const row = toFleetContainer(this.engine, info, inspect);
    if (this.options.discoverPorts === false || !inspect?.State.Running || inspect.HostConfig.NetworkMode !== 'host') return { row };
    const target = { startedAt: inspect.State.StartedAt, published: row.ports };
    const cached = this.ports.cached(info.Id, target.startedAt);
    if (cached) return { row: withDiscoveredPorts(row, target.published, cached) };
    const before = this.containers.get(info.Id);
    if (before && !before.portsPending && this.portTargets.get(info.Id)?.startedAt === target.startedAt) {
      return { row: withDiscoveredPorts(row, target.published, before.ports), target };
    }
    return { row: { ...row, portsPending: true }, target };
  }

  /** Keeps a built row, and asks for its ports when it needs them. */
  private put({ row, target }: BuiltRow, asOf: number): void {
    this.noteListSeq(row.id, asOf);
    this.containers.set(row.id, row);
    if (row.portsPending) this.pendingPorts.add(row.id);
    else this.pendingPorts.delete(row.id);
    if (target) {
      this.portTargets.set(row.id, target);
      this.portQueue.add({ id: row.id, startedAt: target.startedAt, startedMs: row.startedAt ?? 0 });
    } else {
      this.portTargets.delete(row.id);
      this.portQueue.drop(row.id);
    }
  }

  /** Drops a row and anything still to be done for its ports; true if there was a row. */
  private forget(id: string): boolean {
    this.portTargets.delete(id);
    this.pendingPorts.delete(id);
    this.portQueue.drop(id);
    return this.containers.delete(id);
  }

  /** A port discovery answered: the row gets its ports (an upsert); nothing listening yet is looked at again later. */
  private onPorts(job: PortJob, ports: number[]): void {
    const row = this.containers.get(job.id);
    const target = this.portTargets.get(job.id);
    if (this.stopped || !row || target?.startedAt !== job.startedAt || this.destroyed.has(job.id)) return;
    const tries = this.portRetries.get(job.id) ?? 0;
    if (ports.length === 0 && tries < 6) {
      this.portRetries.set(job.id, tries + 1);
      setTimeout(() => {
        if (!this.stopped && this.portTargets.get(job.id)?.startedAt === job.startedAt) this.portQueue.add(job);
      }, backoffDelay(tries, PORT_RETRY)).unref();
    } else if (ports.length > 0) this.portRetries.delete(job.id);
    const next = withDiscoveredPorts(row, target.published, ports);
    this.pendingPorts.delete(job.id);
    if (!row.portsPending && sameNumbers(row.ports, next.ports)) return;
    this.containers.set(job.id, next);
    this.emit({ kind: 'upsert', container: next });
  }

  private onEvent(event: DockerEvent): void {
    if (event.Type !== 'container' || !event.Actor?.ID) return;
    const key = `${event.timeNano}:${event.Actor.ID}:${event.Action}`;
    if (event.time < this.lastEventTime || (event.time === this.lastEventTime && this.seenAtLastTime.has(key))) return;
    if (event.time > this.lastEventTime) {
      this.lastEventTime = event.time;
      this.seenAtLastTime = new Set();
    }
    this.seenAtLastTime.add(key);
    if (QUIET_ACTIONS.test(event.Action)) return;
    for (const listener of this.eventListeners) listener(event);
    if (event.Action === 'start') this.portRetries.delete(event.Actor.ID);
    if (event.Action === 'destroy') {
      this.noteDestroyed(event.Actor.ID);
      this.portRetries.delete(event.Actor.ID);
      clearTimeout(this.refreshTimers.get(event.Actor.ID));
      this.refreshTimers.delete(event.Actor.ID);
      this.refreshFailures.delete(event.Actor.ID);
      if (this.forget(event.Actor.ID)) this.emit({ kind: 'remove', engine: this.engine, id: event.Actor.ID });
      return;
    }
    this.scheduleRefresh(event.Actor.ID);
  }

  private noteListSeq(id: string, asOf: number): void {
    this.rowListSeq.delete(id); // re-inserted last: the oldest entries go first when the map is trimmed
    this.rowListSeq.set(id, asOf);
    if (this.rowListSeq.size > 20_000) this.rowListSeq.delete(this.rowListSeq.keys().next().value!);
  }

  private noteDestroyed(id: string): void {
    this.destroyed.add(id);
    if (this.destroyed.size > 10_000) this.destroyed.delete(this.destroyed.values().next().value!);
  }

  /** Several events in a burst (kill, die, stop) lead to one refresh of the container. */
  private scheduleRefresh(id: string): void {
    if (this.refreshTimers.has(id)) return;
    this.refreshTimers.set(
      id,
      setTimeout(() => {
        this.refreshTimers.delete(id);
        void this.refresh(id);
      }, this.options.refreshDelayMs ?? 25),
    );
  }

  private async refresh(id: string): Promise<void> {
    if (this.refreshing.has(id)) {
      this.refreshAgain.add(id);
      return;
    }
    this.refreshing.add(id);
    try {
      await this.refreshOnce(id);
    } finally {
      this.refreshing.delete(id);
      if (this.refreshAgain.delete(id) && !this.stopped) this.scheduleRefresh(id);
    }
  }

  private async refreshOnce(id: string): Promise<void> {
    const asOf = ++this.listSeq;
    try {
      const [info] = await this.docker.listContainers(true, { id: [id] });
      const built = info ? await this.build(info) : undefined;
      this.refreshFailures.delete(id);
      if (this.stopped || this.destroyed.has(id) || (this.rowListSeq.get(id) ?? 0) > asOf) return;
      if (!built) {
        this.noteListSeq(id, asOf);
        if (this.forget(id)) this.emit({ kind: 'remove', engine: this.engine, id });
        return;
      }
      this.put(built, asOf);
      this.emit({ kind: 'upsert', container: built.row });
    } catch {
      // A busy or vanishing engine: asked again with backoff (a change must not be lost to one
      // failed call); an engine that went away re-lists everything when it is back anyway.
      const failures = (this.refreshFailures.get(id) ?? 0) + 1;
      if (this.stopped || this.destroyed.has(id) || failures > 8) {
        this.refreshFailures.delete(id);
        return;
      }
      this.refreshFailures.set(id, failures);
      const timer = setTimeout(() => {
        this.refreshTimers.delete(id);
        void this.refresh(id);
      }, backoffDelay(failures - 1));
      clearTimeout(this.refreshTimers.get(id));
      this.refreshTimers.set(id, timer);
    }
  }
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
}
