import { levelOf, type LogLevel, type ViewLine } from './log-buffer';

export const LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];
export const MAX_TAIL = 1_000_000;

export interface LogRange {
  since?: string;
  until?: string;
}

/** How the engineer looks at one selection's logs: what is fetched, how it is shown, what is searched. */
export interface LogsViewState {
  tail: number;
  range: LogRange;
  paused: boolean;
  /** Keep the last line in view as lines come in (off once the engineer scrolls up or jumps to a match). */
  follow: boolean;
  timestamps: boolean;
  wrap: boolean;
  search: string;
  regex: boolean;
  caseSensitive: boolean;
  onlyMatching: boolean;
  levels: Record<LogLevel, boolean>;
  /** The match shown as current (an index into the matches), -1 for none. */
  current: number;
}

export type LogsViewOption = 'follow' | 'timestamps' | 'wrap' | 'regex' | 'caseSensitive' | 'onlyMatching';

export type LogsViewAction =
  | { type: 'tail'; tail: number }
  | { type: 'range'; range: LogRange }
  | { type: 'togglePause' }
  /** Errors only; when only errors are shown already, every level again. */
  | { type: 'toggleErrorsOnly' }
  | { type: 'option'; option: LogsViewOption; on: boolean }
  | { type: 'level'; level: LogLevel; on: boolean }
  | { type: 'search'; search: string }
  | { type: 'current'; current: number };

export function initialLogsView(range: LogRange = {}, follow = true): LogsViewState {
  return {
    tail: 1000,
    range,
    paused: false,
    follow,
    timestamps: true,
    wrap: false,
    search: '',
    regex: false,
    caseSensitive: false,
    onlyMatching: false,
    levels: { error: true, warn: true, info: true, debug: true },
    current: -1,
  };
}

export function logsViewReducer(state: LogsViewState, action: LogsViewAction): LogsViewState {
  switch (action.type) {
    case 'tail':
      return { ...state, tail: Math.max(0, Math.min(MAX_TAIL, Number.isFinite(action.tail) ? Math.trunc(action.tail) : 0)) };
    case 'range':
      return { ...state, range: action.range };
    case 'togglePause':
      return { ...state, paused: !state.paused };
    case 'toggleErrorsOnly': {
      const errorsOnly = isErrorsOnly(state.levels);
      return { ...state, current: -1, levels: { error: true, warn: errorsOnly, info: errorsOnly, debug: errorsOnly } };
    }
    case 'option':
      return { ...state, [action.option]: action.on };
    case 'level':
      return { ...state, current: -1, levels: { ...state.levels, [action.level]: action.on } };
    case 'search':
      // Another search: no match is current any more.
      return { ...state, search: action.search, current: -1 };
    case 'current':
      return { ...state, current: action.current };
  }
}

/** Only the error level is ticked. */
export function isErrorsOnly(levels: Record<LogLevel, boolean>): boolean {
  return LEVELS.every((level) => levels[level] === (level === 'error'));
}

/** The match after (1) or before (-1) the current one, going round; the first or last when none is current. */
export function nextMatch(current: number, direction: 1 | -1, count: number): number {
  if (count === 0) return -1;
  if (current < 0) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}

/**
 * The lines shown (indices into `lines`; undefined: all of them) and the matching ones
 * (indices into the lines shown). A line without a level counts as info.
 */
export function visibleLines(
  lines: readonly ViewLine[],
  levels: Record<LogLevel, boolean>,
  test: ((text: string) => boolean) | undefined,
  onlyMatching: boolean,
): { shown?: number[]; matches: number[] } {
  const levelFilter = LEVELS.some((level) => !levels[level]);
  const matches: number[] = [];
  if (!levelFilter && !test) return { shown: undefined, matches };
  const shown: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (levelFilter && !levels[levelOf(line) ?? 'info']) continue;
    const hit = test?.(line.m) ?? false;
    if (hit) matches.push(shown.length);
    if (onlyMatching && test && !hit) continue;
    shown.push(i);
  }
  if (onlyMatching && test) return { shown, matches: shown.map((_, i) => i) };
  return { shown, matches };
}
