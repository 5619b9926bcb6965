import { useMemo, useReducer } from 'react';
import type { LogSelection } from '../../../shared/domain';
import { makeMatcher } from './log-buffer';
import { initialLogsView, logsViewReducer, visibleLines, type LogRange } from './logs-view-state';
import { useLogStream } from './use-log-stream';

/** Lines kept in the view at the most; older ones are dropped (and counted). */
export const LOG_VIEW_CAP = 100_000;

/** One selection's logs as the view shows them (following the end unless told): its state (a reducer), the stream, and the lines shown and matching. */
export function useLogsView(selection: LogSelection, initialRange: LogRange, follow = true) {
  const [state, dispatch] = useReducer(logsViewReducer, initialRange, (range) => initialLogsView(range, follow));
  const stream = useLogStream({ selection, tail: state.tail, since: state.range.since, until: state.range.until, cap: LOG_VIEW_CAP, paused: state.paused });
  const { buffer, version } = stream;

  const matcher = useMemo(() => makeMatcher(state.search, state.regex, state.caseSensitive), [state.search, state.regex, state.caseSensitive]);
  // The buffer changes in place: `version` says when.
  const { shown, matches } = useMemo(
    () => visibleLines(buffer.lines, state.levels, matcher.test, state.onlyMatching),
    [version, matcher, state.levels, state.onlyMatching, buffer],
  );
  const labels = useMemo(() => {
    const map: Record<string, string> = {};
    for (const source of Object.values(stream.sources)) map[source.src] = `${source.engine}/${source.name}`;
    return map;
  }, [stream.sources]);

  return { state, dispatch, stream, matcher, shown, matches, count: shown ? shown.length : buffer.lines.length, labels };
}
