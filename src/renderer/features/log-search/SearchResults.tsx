import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { logsAroundHref } from '../../core/links';
import { formatTimestamp } from '../../core/time';
import { useT } from '../../i18n';
import { resultRows, type ResultRow, type SearchResult } from './search-state';

const ROW_HEIGHT: Record<ResultRow['kind'], number> = { container: 36, match: 24, more: 26, error: 26 };

/** "2026-11-24 19:00:41.123" in local time, from a log line's RFC 3339 UTC timestamp. */
function lineTime(ts: string): string {
  return `${formatTimestamp(Date.parse(`${ts.slice(0, 23)}Z`))}.${ts.slice(20, 23)}`;
}

function MatchText({ text, hl }: { text: string; hl?: [number, number] }) {
  if (!hl) return <>{text}</>;
  const [start, length] = hl;
  return (
    <>
      {text.slice(0, start)}
      <mark>{text.slice(start, start + length)}</mark>
      {text.slice(start + length)}
    </>
  );
}

/** Each container's count and first matches, grouped; a match opens the Logs screen at that line. Only rows in view are drawn. */
export function SearchResults({ results }: { results: readonly SearchResult[] }) {
  const t = useT();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => resultRows(results, collapsed), [results, collapsed]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => ROW_HEIGHT[rows[index]!.kind],
    getItemKey: (index) => rows[index]!.key,
    overscan: 20,
  });
  const toggle = (key: string) => {
    const next = new Set(collapsed);
    if (!next.delete(key)) next.add(key);
    setCollapsed(next);
  };

  const draw = (row: ResultRow) => {
    const { result } = row;
    if (row.kind === 'container') {
      return (
        <button
          type="button"
          className="log-search-group"
          aria-expanded={!row.collapsed}
          aria-label={t(row.collapsed ? 'logSearch.expand' : 'logSearch.collapse', { name: result.name })}
          onClick={() => toggle(row.key)}
          data-testid="log-search-group"
          data-container={result.name}
          data-count={result.count}
        >
          <span className={`log-search-group__caret${row.collapsed ? '' : ' log-search-group__caret--open'}`} aria-hidden="true">▸</span>
          <span className="log-search-group__name">{result.name}</span>
          <span className="log-search-group__where">{result.engine}{result.project && result.service ? ` · ${result.project}/${result.service}` : ''}</span>
          <span className="log-search-group__spacer" />
          {result.error && <span className="badge badge--warn">!</span>}
          <span className="badge badge--info log-search-group__count" data-testid="log-search-count">
            {result.count === 1 ? t('logSearch.countOne') : t('logSearch.count', { count: result.count.toLocaleString() })}
          </span>
        </button>
      );
    }
    if (row.kind === 'match') {
      const match = result.matches[row.index]!;
      return (
        <a
          className={`log-search-match${match.stream === 'err' ? ' log-search-match--err' : ''}`}
          href={logsAroundHref({ engine: result.engine, id: result.id }, match.ts)}
          title={t('logSearch.openMatch', { name: result.name })}
          data-testid="log-search-match"
          data-ts={match.ts}
        >
          <span className="log-search-match__ts">{lineTime(match.ts)}</span>
          <span className="log-search-match__text"><MatchText text={match.text} hl={match.hl} /></span>
        </a>
      );
    }
    if (row.kind === 'more') return <div className="log-search-note">{t('logSearch.more', { shown: result.matches.length, count: result.count.toLocaleString() })}</div>;
    return <div className="log-search-note log-search-note--error">{t('logSearch.readError', { message: result.error?.message ?? '' })}</div>;
  };

  return (
    <div className="log-search-results" ref={scrollRef} role="region" aria-label={t('logSearch.results')} data-testid="log-search-results">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div key={item.key} className="log-search-row" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}>
            {draw(rows[item.index]!)}
          </div>
        ))}
      </div>
    </div>
  );
}
