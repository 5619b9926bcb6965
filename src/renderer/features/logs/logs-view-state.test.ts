import { describe, expect, it } from 'vitest';
import { makeMatcher, type ViewLine } from './log-buffer';
import { initialLogsView, isErrorsOnly, logsViewReducer, nextMatch, visibleLines } from './logs-view-state';

const line = (seq: number, m: string): ViewLine => ({ seq, src: 'a', ts: `2026-01-01T00:00:0${seq}Z`, s: 'out', m });

describe('the logs view state', () => {
  it('starts following the last 1000 lines, all levels, with timestamps, from the range asked for', () => {
    const state = initialLogsView({ since: '2026-01-01T00:00:00Z' });
    expect(state).toMatchObject({ tail: 1000, paused: false, timestamps: true, wrap: false, search: '', current: -1 });
    expect(state.range).toEqual({ since: '2026-01-01T00:00:00Z' });
    expect(Object.values(state.levels).every(Boolean)).toBe(true);
  });

  it('keeps the tail between 0 and a million lines', () => {
    const state = initialLogsView();
    expect(logsViewReducer(state, { type: 'tail', tail: 5_000_000 }).tail).toBe(1_000_000);
    expect(logsViewReducer(state, { type: 'tail', tail: -3 }).tail).toBe(0);
    expect(logsViewReducer(state, { type: 'tail', tail: Number.NaN }).tail).toBe(0);
    expect(logsViewReducer(state, { type: 'tail', tail: 250 }).tail).toBe(250);
  });

  it('pauses and resumes, sets options and levels, and forgets the current match on a new search', () => {
    let state = initialLogsView();
    state = logsViewReducer(state, { type: 'togglePause' });
    expect(state.paused).toBe(true);
    expect(logsViewReducer(state, { type: 'togglePause' }).paused).toBe(false);
    state = logsViewReducer(state, { type: 'option', option: 'wrap', on: true });
    state = logsViewReducer(state, { type: 'level', level: 'debug', on: false });
    expect(state.wrap).toBe(true);
    expect(state.levels).toEqual({ error: true, warn: true, info: true, debug: false });
    state = logsViewReducer(state, { type: 'current', current: 4 });
    state = logsViewReducer(state, { type: 'search', search: 'timeout' });
    expect(state).toMatchObject({ search: 'timeout', current: -1 });
    state = logsViewReducer(state, { type: 'range', range: {} });
    expect(state.range).toEqual({});
  });

  it('follows the end unless opened for a moment, and turns following off and on', () => {
    expect(initialLogsView().follow).toBe(true);
    expect(initialLogsView({}, false).follow).toBe(false);
    expect(logsViewReducer(initialLogsView(), { type: 'option', option: 'follow', on: false }).follow).toBe(false);
  });

  it('shows errors only (the e key), then every level again', () => {
    let state = logsViewReducer(initialLogsView(), { type: 'current', current: 3 });
    state = logsViewReducer(state, { type: 'toggleErrorsOnly' });
    expect(state.levels).toEqual({ error: true, warn: false, info: false, debug: false });
    expect(isErrorsOnly(state.levels)).toBe(true);
    expect(state.current).toBe(-1); // the matches are others now
    state = logsViewReducer(state, { type: 'toggleErrorsOnly' });
    expect(state.levels).toEqual({ error: true, warn: true, info: true, debug: true });
    // From some other mix of levels, the key goes to errors only.
    state = logsViewReducer(logsViewReducer(state, { type: 'level', level: 'debug', on: false }), { type: 'toggleErrorsOnly' });
    expect(isErrorsOnly(state.levels)).toBe(true);
  });

  it('goes round the matches', () => {
    expect(nextMatch(-1, 1, 3)).toBe(0);
    expect(nextMatch(-1, -1, 3)).toBe(2);
    expect(nextMatch(2, 1, 3)).toBe(0);
    expect(nextMatch(0, -1, 3)).toBe(2);
    expect(nextMatch(0, 1, 0)).toBe(-1);
  });

  it('shows the lines of the chosen levels and finds the matches among them', () => {
    const lines = [line(1, 'ERROR disk full'), line(2, 'plain line'), line(3, 'DEBUG cache hit'), line(4, 'WARN disk slow')];
    const all = { error: true, warn: true, info: true, debug: true };
    expect(visibleLines(lines, all, undefined, false)).toEqual({ shown: undefined, matches: [] });
    // A line without a level counts as info.
    expect(visibleLines(lines, { ...all, info: false }, undefined, false).shown).toEqual([0, 2, 3]);
    const disk = makeMatcher('disk', false, false).test;
    expect(visibleLines(lines, { ...all, debug: false }, disk, false)).toEqual({ shown: [0, 1, 3], matches: [0, 2] });
    expect(visibleLines(lines, all, disk, true)).toEqual({ shown: [0, 3], matches: [0, 1] });
  });
});
