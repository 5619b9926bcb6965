import type { FleetEvent } from '../../../shared/domain';
import type { RpcErrorData } from '../../../shared/errors';
import type { Connectors } from '../../connectors/connectors';
import { EngineFeed, type DockerEvent, type EngineFeedOptions } from './engine-feed';

/** How known the fleet must be: every row inspected, or also every host-network container's ports looked for. */
export type FleetReadiness = 'rows' | 'ports';

/** The live fleet: one feed per engine, started with the first subscriber and kept running. */
export class FleetService {
  private readonly feeds = new Map<string, EngineFeed>();
  private started = false;
  private readonly listeners = new Set<(event: FleetEvent) => void>();

  constructor(
    private readonly connectors: Connectors,
    private readonly options: EngineFeedOptions = {},
  ) {}

  start(): void {
    this.started = true;
    for (const engine of this.connectors.docker) this.ensureFeed(engine.name);
    // Feeds made before start (an engine imported early) start now; start() is idempotent.
    for (const feed of this.feeds.values()) feed.start();
  }

  /** Picks up engines added after start (an imported docker context). */
  ensureFeed(name: string): EngineFeed | undefined {
    const existing = this.feeds.get(name);
    if (existing) return existing;
    const engine = this.connectors.docker.find((e) => e.name === name);
    if (!engine) return undefined;
    const feed = new EngineFeed(engine, this.options);
    this.feeds.set(name, feed);
    if (this.started) feed.start();
    for (const listener of this.listeners) feed.subscribe(listener);
    return feed;
  }

  subscribe(listener: (event: FleetEvent) => void): () => void {
    this.start();
    for (const engine of this.connectors.docker) this.ensureFeed(engine.name);
    const offs = [...this.feeds.values()].map((feed) => feed.subscribe(listener));
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      offs.forEach((off) => off());
      for (const feed of this.feeds.values()) feed.unsubscribe(listener);
    };
  }

  onDockerEvent(listener: (engine: string, event: DockerEvent) => void): () => void {
    this.start();
    const offs = [...this.feeds.values()].map((feed) => feed.onDockerEvent((event) => listener(feed.engine, event)));
    return () => offs.forEach((off) => off());
  }

  /** An engine's liveness (from its connection checks): a frozen engine's feed stops and waits for it. */
  setEngineResponding(name: string, responding: boolean, error?: RpcErrorData): void {
    this.feeds.get(name)?.setResponding(responding, error);
  }

  feed(name: string): EngineFeed | undefined {
    return this.feeds.get(name);
  }

  /**
   * Whether every engine's rows are inspected: its first full snapshot is in (or the engine is
   * unreachable for now). What the Containers screen and "fleet complete" wait for; the ports of
   * host-network containers may still be being looked for (`portsPending` rows).
   */
  allKnown(): boolean {
    return this.feeds.size > 0 && [...this.feeds.values()].every((feed) => feed.settled);
  }

  /** allKnown(), and no row waits for its port discovery: what matching registry keys to containers needs. */
  portsKnown(): boolean {
    return this.feeds.size > 0 && [...this.feeds.values()].every((feed) => feed.portsSettled);
  }

  /** Starts the feeds and resolves once allKnown() (or portsKnown(), for `'ports'`), or after timeoutMs (false then). */
  whenKnown(timeoutMs: number, level: FleetReadiness = 'rows'): Promise<boolean> {
    const known = () => (level === 'ports' ? this.portsKnown() : this.allKnown());
    return new Promise((resolve) => {
      let off: () => void = () => undefined;
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        queueMicrotask(() => off());
        resolve(ok);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      off = this.subscribe(() => {
        if (known()) finish(true);
      });
      if (known()) finish(true);
    });
  }

  stop(): void {
    for (const feed of this.feeds.values()) feed.stop();
  }
}
