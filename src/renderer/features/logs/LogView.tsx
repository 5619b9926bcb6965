import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { LogSelection } from '../../../shared/domain';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT } from '../../i18n';
import { DownloadButton } from './DownloadButton';
import { LoadEarlier } from './LoadEarlier';
import { LogLine, sourceColour } from './LogLine';
import { LEVELS, nextMatch, type LogRange, type LogsViewOption } from './logs-view-state';
import { LogSearchBar } from './LogSearchBar';
import { RangeInputs } from './RangeInputs';
import { useLogsKeys } from './use-logs-keys';
import { PeerHealthBanners } from '../connections/PeerHealthBanners';
import { LOG_VIEW_CAP, useLogsView } from './use-logs-view';

/** One selection's logs: merged in time order, bounded, searchable, following the live end unless paused. */
export function LogView({ selection, initialRange, focusAt }: { selection: LogSelection; initialRange: LogRange; focusAt?: string }) {
  const t = useT();
  // Opened for a moment, the view stays there instead of following the end.
  const { state, dispatch, stream, matcher, shown, matches, count, labels } = useLogsView(selection, initialRange, !focusAt);
  const { tail, range, paused, follow, timestamps, wrap, search, regex, caseSensitive, levels, current } = state;
  const { buffer, version } = stream;

  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => 20, overscan: 30 });

  // Opened for a moment (an incident's failure): that line is marked and kept in view until the user scrolls.
  const focusIndex = useMemo(() => (focusAt ? lastIndexAtOrBefore(buffer.lines, shown, focusAt) : -1), [focusAt, version, shown, count]);
  const userScrolled = useRef(false);
  useEffect(() => {
    if (focusIndex >= 0 && !userScrolled.current) virtualizer.scrollToIndex(focusIndex, { align: 'center' });
    else if (!paused && follow && count > 0 && scrollRef.current) {
      // Straight to the end: one layout per render. scrollToIndex reads the scroll height
      // again on each of the next frames, and under a flood that layout was the page's
      // largest cost after the socket.
      virtualizer.cancelScroll();
      scrollRef.current.scrollTop = scrollRef.current.scrollHeight;
    }
  }, [version, count, paused, focusIndex, follow]);

  // Scrolling by hand (wheel, keys, the scroll bar) turns following off, and on again at the end.
  const lastUserScroll = useRef(0);
  const byHand = () => {
    userScrolled.current = true;
    lastUserScroll.current = performance.now();
  };
  const setFollow = (on: boolean) => dispatch({ type: 'option', option: 'follow', on });

  const goto = (direction: 1 | -1) => {
    if (matches.length === 0) return;
    const next = nextMatch(current, direction, matches.length);
    showMatch(next);
  };
  const showMatch = (index: number) => {
    dispatch({ type: 'current', current: index });
    userScrolled.current = true;
    if (follow) setFollow(false);
    virtualizer.scrollToIndex(matches[index]!, { align: 'center' });
  };
  const top = () => {
    userScrolled.current = true;
    setFollow(false);
    if (count > 0) virtualizer.scrollToIndex(0, { align: 'start' });
  };
  const bottom = () => {
    userScrolled.current = true;
    setFollow(true);
    if (count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  };

  // Typing a search goes to its first match as soon as the matches are known.
  const jumpPending = useRef(false);
  useEffect(() => {
    if (!jumpPending.current) return;
    jumpPending.current = false;
    if (search && matches.length > 0) showMatch(0);
  }, [search, matches]);
  const onSearch = (text: string) => {
    jumpPending.current = true;
    dispatch({ type: 'search', search: text });
  };

  useLogsKeys({ state, dispatch, search: searchRef, goto, top, bottom });

  const option = (name: LogsViewOption, label: string, testId: string) => (
    <label className="logs-check">
      <input
        type="checkbox"
        checked={state[name]}
        onChange={(e) => {
          if (name === 'follow' && e.target.checked) return bottom();
          // Another kind of search: its first match, as when typing.
          if (name === 'regex' || name === 'caseSensitive') jumpPending.current = true;
          dispatch({ type: 'option', option: name, on: e.target.checked });
        }}
        data-testid={testId}
      />
      {label}
    </label>
  );

  const firstContainer = selection.containers?.[0];

  return (
    <div className="logs-screen">
      <ScreenHeader
        title={t('nav.logs')}
        subtitle={selection.service ? `${selection.service.project}/${selection.service.service}` : Object.values(stream.sources).map((s) => s.name).join(', ')}
        actions={
          <div className="logs-actions">
            {firstContainer && (
              <a className="btn btn--small" href={`#/terminal?engine=${encodeURIComponent(firstContainer.engine)}&id=${encodeURIComponent(firstContainer.id)}`}>
                {t('logs.openTerminal')}
              </a>
            )}
            <DownloadButton selection={selection} since={range.since} until={range.until} />
          </div>
        }
      />
      <div className="logs-toolbar">
        <label className="logs-field">
          {t('logs.tail')}
          <input className="input input--narrow" type="number" min={0} max={1000000} value={tail} onChange={(e) => dispatch({ type: 'tail', tail: Number(e.target.value) || 0 })} data-testid="log-tail" />
        </label>
        <RangeInputs range={range} onApply={(next) => dispatch({ type: 'range', range: next })} />
        {option('timestamps', t('logs.timestamps'), 'log-timestamps')}
        {option('wrap', t('logs.wrap'), 'log-wrap')}
        <span className="logs-group" role="group" aria-label={t('logs.levels')}>
          {LEVELS.map((level) => (
            <label key={level} className={`logs-check logs-level logs-level--${level}`}>
              <input type="checkbox" checked={levels[level]} onChange={(e) => dispatch({ type: 'level', level, on: e.target.checked })} data-testid={`log-level-${level}`} />
              {level.toUpperCase()}
            </label>
          ))}
        </span>
        <span className="logs-group">
          {option('follow', t('logs.followEnd'), 'log-follow')}
          <button type="button" className={`btn btn--small${paused ? ' btn--primary' : ''}`} onClick={() => dispatch({ type: 'togglePause' })} data-testid="log-pause">
            {paused ? t('logs.resume') : t('logs.pause')}
          </button>
          {paused && <span className="logs-badge" data-testid="log-paused-count">{t('logs.pausedCount', { count: stream.heldCount })}</span>}
        </span>
      </div>
      <LogSearchBar
        inputRef={searchRef}
        search={search}
        onSearch={onSearch}
        count={matches.length}
        current={current}
        goto={goto}
        onLeave={() => scrollRef.current?.focus()}
        error={matcher.error}
      >
        {option('regex', t('logs.regex'), 'log-search-regex')}
        {option('caseSensitive', t('logs.case'), 'log-search-case')}
        {option('onlyMatching', t('logs.onlyMatching'), 'log-only-matching')}
      </LogSearchBar>
      <PeerHealthBanners kinds={['docker']} names={[...new Set(Object.values(stream.sources).map((s) => s.engine))]} hint={() => t('health.logsStale')} />
      <div className="logs-sources">
        {Object.values(stream.sources).map((source) => (
          <span key={source.src} className={`logs-source logs-source--${source.state}`} data-testid="log-source" data-name={source.name} data-state={source.state} title={source.error}>
            <span className="logs-source__dot" style={{ background: sourceColour(source.src) }} />
            {source.engine}/{source.name} · {source.state}
          </span>
        ))}
        <LoadEarlier selection={selection} oldest={buffer.lines[0]?.ts} count={tail || 1000} onLines={(lines) => { buffer.prepend(lines); dispatch({ type: 'current', current: -1 }); stream.refresh(); }} />
        <span className="logs-stats">{t('logs.lines', { lines: buffer.lines.length })}</span>
        {buffer.dropped > 0 && <span className="logs-dropped">{t('logs.dropped', { dropped: buffer.dropped, cap: LOG_VIEW_CAP })}</span>}
      </div>
      {stream.error && <div className="logs-banner">{t('logs.error', { message: stream.error })}</div>}
      <div
        ref={scrollRef}
        className={`logs-view${wrap ? ' logs-view--wrap' : ''}`}
        data-testid="log-view"
        data-lines={buffer.lines.length}
        data-dropped={buffer.dropped}
        data-paused={String(paused)}
        data-follow={String(follow)}
        tabIndex={0}
        role="region"
        aria-label={t('logs.viewLabel')}
        onWheel={byHand}
        onKeyDown={(e) => /^(Arrow|Page)/.test(e.key) && byHand()}
        onPointerDown={byHand}
        onScroll={(e) => {
          if (performance.now() - lastUserScroll.current > 1000) return;
          const el = e.currentTarget;
          const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - 40;
          if (atEnd !== follow) setFollow(atEnd);
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = buffer.lines[shown ? shown[item.index]! : item.index];
            if (!line) return null;
            return (
              <div key={line.seq} data-index={item.index} ref={wrap ? virtualizer.measureElement : undefined} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}>
                <LogLine
                  line={line}
                  label={labels[line.src] ?? line.src}
                  showTimestamp={timestamps}
                  query={matcher.error ? '' : search}
                  regex={regex}
                  caseSensitive={caseSensitive}
                  current={current >= 0 && matches[current] === item.index}
                  focus={item.index === focusIndex}
                />
              </div>
            );
          })}
        </div>
        {count === 0 && <p className="muted logs-empty">{t('logs.noLines')}</p>}
      </div>
    </div>
  );
}

/** The index (among the lines shown) of the last line written at or before a moment (RFC 3339). */
function lastIndexAtOrBefore(lines: ReadonlyArray<{ ts: string }>, shown: readonly number[] | undefined, at: string): number {
  // Lines carry nine fraction digits: compare like with like.
  const mark = at.replace(/(\.\d+)?Z$/, (_, fraction: string | undefined) => `.${(fraction ?? '.').slice(1).padEnd(9, '0')}Z`);
  const count = shown ? shown.length : lines.length;
  let found = -1;
  for (let i = 0; i < count; i++) {
    const line = lines[shown ? shown[i]! : i];
    if (line && line.ts <= mark) found = i;
    else if (line) break;
  }
  return found;
}
