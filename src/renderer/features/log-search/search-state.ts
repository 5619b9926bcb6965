import type { LogSearchEvent } from '../../../shared/domain';

export type SearchResult = Extract<LogSearchEvent, { kind: 'result' }>;
export type SearchProgress = Extract<LogSearchEvent, { kind: 'progress' }>;
export type SearchSummary = Extract<LogSearchEvent, { kind: 'summary' }>;

export interface SearchState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  progress?: SearchProgress;
  /** Per container, in the order they finished. */
  results: SearchResult[];
  engineErrors: Array<{ engine: string; message: string }>;
  summary?: SearchSummary;
  error?: { message: string; code?: string };
  startedAt?: number;
}

export const IDLE_SEARCH: SearchState = { status: 'idle', results: [], engineErrors: [] };

export function startedSearch(now: number): SearchState {
  return { status: 'running', results: [], engineErrors: [], startedAt: now };
}

/** The search with a batch of its events applied. */
export function applySearchEvents(state: SearchState, events: readonly LogSearchEvent[]): SearchState {
  let next = state;
  for (const event of events) {
    if (event.kind === 'progress') next = { ...next, progress: event };
    else if (event.kind === 'result') next = { ...next, results: [...next.results, event] };
    else if (event.kind === 'engine-error') next = { ...next, engineErrors: [...next.engineErrors, { engine: event.engine, message: event.error.message }] };
    else next = { ...next, summary: event };
  }
  return next;
}

/** The search after its stream ended (with the error, if it failed). */
export function endedSearch(state: SearchState, error?: { message: string; code?: string }): SearchState {
  if (state.status !== 'running') return state;
  return error ? { ...state, status: 'failed', error } : { ...state, status: 'done' };
}

/** One row of the results list: a container's header, one of its matches, or the error its read ended with. */
export type ResultRow =
  | { kind: 'container'; result: SearchResult; key: string; collapsed: boolean }
  | { kind: 'match'; result: SearchResult; index: number; key: string }
  | { kind: 'more'; result: SearchResult; key: string }
  | { kind: 'error'; result: SearchResult; key: string };

export const resultKey = (result: Pick<SearchResult, 'engine' | 'id'>) => `${result.engine}/${result.id}`;

/** The flat list the virtual list draws: each container, then (unless collapsed) its matches. */
export function resultRows(results: readonly SearchResult[], collapsed: ReadonlySet<string>): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const result of results) {
    const key = resultKey(result);
    const closed = collapsed.has(key);
    rows.push({ kind: 'container', result, key, collapsed: closed });
    if (closed) continue;
    result.matches.forEach((_, index) => rows.push({ kind: 'match', result, index, key: `${key}#${index}` }));
    if (result.count > result.matches.length) rows.push({ kind: 'more', result, key: `${key}#more` });
    if (result.error) rows.push({ kind: 'error', result, key: `${key}#error` });
  }
  return rows;
}
