import { describe, expect, it } from 'vitest';
import { applySearchEvents, endedSearch, resultRows, startedSearch, type SearchResult } from './search-state';

const result = (id: string, count: number, shown: number): SearchResult => ({
  kind: 'result',
  engine: 'e1',
  id,
  name: `c-${id}`,
  count,
  lines: 100,
  matches: Array.from({ length: shown }, (_, i) => ({ ts: `2026-01-01T00:00:0${i}.000000000Z`, stream: 'out' as const, text: `m${i}` })),
});

describe('search state', () => {
  it('collects progress, results in arrival order, engine errors and the summary', () => {
    let state = startedSearch(1);
    state = applySearchEvents(state, [
      { kind: 'progress', done: 0, total: 2, lines: 0, matches: 0 },
      result('a', 3, 3),
      { kind: 'engine-error', engine: 'e2', error: { code: 'UNAVAILABLE', message: 'down' } },
    ]);
    state = applySearchEvents(state, [result('b', 1, 1), { kind: 'summary', containers: 2, matchedContainers: 2, matches: 4, lines: 200, failed: 0, elapsedMs: 5 }]);
    expect(state.results.map((r) => r.id)).toEqual(['a', 'b']);
    expect(state.engineErrors).toEqual([{ engine: 'e2', message: 'down' }]);
    expect(state.progress?.total).toBe(2);
    expect(state.summary?.matches).toBe(4);
    expect(endedSearch(state).status).toBe('done');
    expect(endedSearch(state, { message: 'bad', code: 'BAD_REQUEST' })).toMatchObject({ status: 'failed', error: { code: 'BAD_REQUEST' } });
  });

  it('lists each container then its matches, a "more" row when only the first were kept, nothing of a collapsed one', () => {
    const rows = resultRows([result('a', 5, 2), result('b', 1, 1)], new Set(['e1/b']));
    expect(rows.map((r) => r.kind)).toEqual(['container', 'match', 'match', 'more', 'container']);
    expect(rows[4]).toMatchObject({ kind: 'container', collapsed: true });
  });
});
