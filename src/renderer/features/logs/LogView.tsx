import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { LogSelection } from '../../../shared/domain';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT } from '../../i18n';
import { DownloadButton } from './DownloadButton';
import { LoadEarlier } from './LoadEarlier';
import { LogLine, sourceColour } from './LogLine';
import { LEVELS, nextMatch, type LogRange, type LogsViewOption } from './logs-view-state';
import { RangeInputs } from './RangeInputs';
import { PeerHealthBanners } from '../connections/PeerHealthBanners';
import { LOG_VIEW_CAP, useLogsView } from './use-logs-view';

/** One selection's logs: merged in time order, bounded, searchable, following the live end unless paused. */
export function LogView({ selection, initialRange, focusAt }: { selection: LogSelection; initialRange: LogRange; focusAt?: string }) {
  const t = useT();
  const { state, dispatch, stream, matcher, shown, matches, count, labels } = useLogsView(selection, initialRange);
  const { tail, range, paused, timestamps, wrap, search, regex, caseSensitive, levels, current } = state;
  const { buffer, version } = stream;

  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => 20, overscan: 30 });

  // Opened for a moment (an incident's failure): that line is marked and kept in view until the user scrolls.
  const focusIndex = useMemo(() => (focusAt ? lastIndexAtOrBefore(buffer.lines, shown, focusAt) : -1), [focusAt, version, shown, count]);
  const userScrolled = useRef(false);
  if (focusAt) atBottom.current = false;
  useEffect(() => {
    if (focusIndex >= 0 && !userScrolled.current) virtualizer.scrollToIndex(focusIndex, { align: 'center' });
    else if (!focusAt && !paused && atBottom.current && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [version, count, paused, focusIndex]);

  const goto = (direction: 1 | -1) => {
    if (matches.length === 0) return;
    const next = nextMatch(current, direction, matches.length);
    dispatch({ type: 'current', current: next });
    atBottom.current = false;
    virtualizer.scrollToIndex(matches[next]!, { align: 'center' });
  };
  const option = (name: LogsViewOption, label: string, testId: string) => (
    <label className="logs-check">
      <input type="checkbox" checked={state[name]} onChange={(e) => dispatch({ type: 'option', option: name, on: e.target.checked })} data-testid={testId} />
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
        {LEVELS.map((level) => (
          <label key={level} className={`logs-check logs-level logs-level--${level}`}>
            <input type="checkbox" checked={levels[level]} onChange={(e) => dispatch({ type: 'level', level, on: e.target.checked })} data-testid={`log-level-${level}`} />
            {level.toUpperCase()}
          </label>
        ))}
        <button type="button" className={`btn btn--small${paused ? ' btn--primary' : ''}`} onClick={() => dispatch({ type: 'togglePause' })} data-testid="log-pause">
          {paused ? t('logs.resume') : t('logs.pause')}
        </button>
        {paused && <span className="logs-badge" data-testid="log-paused-count">{t('logs.pausedCount', { count: stream.heldCount })}</span>}
      </div>
      <div className="logs-toolbar">
        <input className="input logs-search" placeholder={t('logs.search')} value={search} onChange={(e) => dispatch({ type: 'search', search: e.target.value })} data-testid="log-search" />
        {option('regex', t('logs.regex'), 'log-search-regex')}
        {option('caseSensitive', t('logs.case'), 'log-search-case')}
        {option('onlyMatching', t('logs.onlyMatching'), 'log-only-matching')}
        <span className="logs-count" data-testid="log-match-count" data-count={matches.length}>{search ? t('logs.matches', { count: matches.length }) : ''}</span>
        <button type="button" className="btn btn--small" onClick={() => goto(-1)} data-testid="log-search-prev" aria-label={t('logs.prev')}>↑</button>
        <button type="button" className="btn btn--small" onClick={() => goto(1)} data-testid="log-search-next" aria-label={t('logs.next')}>↓</button>
        {matcher.error && <span className="logs-error">{t('logs.badRegex', { message: matcher.error })}</span>}
      </div>
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
        onWheel={() => (userScrolled.current = true)}
        onKeyDown={() => (userScrolled.current = true)}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 40;
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
