import type { EngineFeedState, FleetContainer, FleetEvent } from '../../../shared/domain';
import type { RpcErrorData } from '../../../shared/errors';

/** What the latest engine event said about one engine's feed. */
export interface EngineFeed {
  engine: string;
  state: EngineFeedState;
  error?: RpcErrorData;
  at: number;
  /** True once a snapshot of its containers has arrived (rows may be shown). */
  hasSnapshot: boolean;
  /** The rows are Docker's list only: environment, restarts and ports are still being read. */
  detailsPending: boolean;
}

/** The live fleet as the renderer holds it: per engine its feed state and its containers by id. */
export interface FleetState {
  engines: ReadonlyMap<string, EngineFeed>;
  containers: ReadonlyMap<string, ReadonlyMap<string, FleetContainer>>;
  /** Whether anything has arrived yet. */
  received: boolean;
}

export const EMPTY_FLEET: FleetState = { engines: new Map(), containers: new Map(), received: false };

/** The key of a container across engines. */
export function containerKey(c: { engine: string; id: string }): string {
  return `${c.engine}\u0000${c.id}`;
}

/** Applies a batch of stream items in order; returns a new state (the old one is not changed). */
export function applyFleetEvents(state: FleetState, events: readonly FleetEvent[]): FleetState {
  if (events.length === 0) return state;
  const engines = new Map(state.engines);
  const containers = new Map(state.containers);
  // Copy an engine's map once per batch, on the first change to it.
  const copied = new Set<string>();
  const writable = (engine: string): Map<string, FleetContainer> => {
    let map = containers.get(engine) as Map<string, FleetContainer> | undefined;
    if (!copied.has(engine)) {
      map = new Map(map ?? []);
      containers.set(engine, map);
      copied.add(engine);
    }
    return map!;
  };

  for (const event of events) {
    switch (event.kind) {
      case 'engine': {
        const previous = engines.get(event.engine);
        engines.set(event.engine, {
          engine: event.engine,
          state: event.state,
          error: event.error,
          at: event.at,
          hasSnapshot: previous?.hasSnapshot ?? false,
          detailsPending: previous?.detailsPending ?? false,
        });
        break;
      }
      case 'snapshot': {
        const map = new Map(event.containers.map((c) => [c.id, c] as const));
        containers.set(event.engine, map);
        copied.add(event.engine);
        const previous = engines.get(event.engine);
        engines.set(event.engine, {
          engine: event.engine,
          state: previous?.state ?? 'connecting',
          error: previous?.error,
          at: previous?.at ?? 0,
          hasSnapshot: true,
          detailsPending: event.partial === true,
        });
        break;
      }
      case 'upsert':
        writable(event.container.engine).set(event.container.id, event.container);
        break;
      case 'remove':
        if (containers.get(event.engine)?.has(event.id)) writable(event.engine).delete(event.id);
        break;
    }
  }
  return { engines, containers, received: true };
}

/** The feed is not live: its rows are the last known ones. */
export function isStale(feed: EngineFeed | undefined): boolean {
  return feed?.state !== 'live';
}

/** The engine's latest event carried an error and it has not come back since. */
export function engineError(feed: EngineFeed | undefined): RpcErrorData | undefined {
  return feed && feed.state !== 'live' ? feed.error : undefined;
}

/** Every engine's feed, by name. */
export function engineFeeds(state: FleetState): EngineFeed[] {
  return [...state.engines.values()].sort((a, b) => a.engine.localeCompare(b.engine));
}

/** Every container of every engine (unordered). */
export function fleetContainers(state: FleetState): FleetContainer[] {
  const rows: FleetContainer[] = [];
  for (const map of state.containers.values()) for (const c of map.values()) rows.push(c);
  return rows;
}

export function findContainer(state: FleetState, engine: string, id: string): FleetContainer | undefined {
  const map = state.containers.get(engine);
  if (!map) return undefined;
  const exact = map.get(id);
  if (exact) return exact;
  // A short id or a name in a hand-written link.
  for (const c of map.values()) if (c.id.startsWith(id) || c.name === id) return c;
  return undefined;
}
