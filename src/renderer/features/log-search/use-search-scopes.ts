import { useCallback, useMemo, useState } from 'react';
import type { FleetContainer, FleetEvent, LogSearchScope } from '../../../shared/domain';
import { useResilientStream } from '../../api/use-resilient-stream';

export interface SearchScopes {
  environments: string[];
  services: Array<{ project: string; service: string }>;
  engines: string[];
  /** Containers per scope key (see scopeKey), for the picker's counts. */
  counts: Map<string, number>;
}

type Rows = ReadonlyMap<string, ReadonlyMap<string, FleetContainer>>;

/** A scope as one string (the picker's option value). */
export function scopeKey(scope: LogSearchScope): string {
  return JSON.stringify(scope);
}

export function parseScopeKey(key: string): LogSearchScope {
  return JSON.parse(key) as LogSearchScope;
}

function applyFleet(rows: Rows, events: readonly FleetEvent[]): Rows {
  const next = new Map(rows);
  for (const event of events) {
    if (event.kind === 'snapshot') next.set(event.engine, new Map(event.containers.map((c) => [c.id, c])));
    else if (event.kind === 'upsert') next.set(event.container.engine, new Map(next.get(event.container.engine)).set(event.container.id, event.container));
    else if (event.kind === 'remove') {
      const engine = new Map(next.get(event.engine));
      engine.delete(event.id);
      next.set(event.engine, engine);
    } else if (!next.has(event.engine)) next.set(event.engine, new Map());
  }
  return next;
}

const NO_INPUT = {};

/** What a search can cover, from the live fleet: environments, compose services and hosts, with their container counts. */
export function useSearchScopes(): SearchScopes {
  const [rows, setRows] = useState<Rows>(new Map());
  const onItems = useCallback((events: FleetEvent[]) => setRows((current) => applyFleet(current, events)), []);
  useResilientStream('containers.fleet', NO_INPUT, onItems);
  return useMemo(() => {
    const counts = new Map<string, number>();
    const bump = (scope: LogSearchScope) => counts.set(scopeKey(scope), (counts.get(scopeKey(scope)) ?? 0) + 1);
    const services = new Map<string, { project: string; service: string }>();
    const environments = new Set<string>();
    for (const [engine, containers] of rows) {
      for (const c of containers.values()) {
        bump({ kind: 'all' });
        bump({ kind: 'engine', engine });
        if (c.environment) {
          environments.add(c.environment);
          bump({ kind: 'environment', environment: c.environment });
        }
        if (c.project && c.service) {
          services.set(`${c.project}/${c.service}`, { project: c.project, service: c.service });
          bump({ kind: 'service', project: c.project, service: c.service });
        }
      }
    }
    const byName = (a: string, b: string) => a.localeCompare(b);
    return {
      environments: [...environments].sort(byName),
      services: [...services.entries()].sort(([a], [b]) => byName(a, b)).map(([, s]) => s),
      engines: [...rows.keys()].sort(byName),
      counts,
    };
  }, [rows]);
}
