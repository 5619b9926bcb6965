import { ErrorBanner } from '../../components/ErrorBanner';
import { useT } from '../../i18n';
import type { SearchState } from './search-state';

/** Progress while the search runs (bar and counts), the summary after, and what went wrong. */
export function SearchStatus({ search }: { search: SearchState }) {
  const t = useT();
  const { progress, summary, status } = search;
  const total = progress?.total ?? 0;
  const done = progress?.done ?? 0;
  return (
    <div className="log-search-status">
      {status === 'running' && (
        <div className="log-search-progress" data-testid="log-search-progress">
          <progress max={Math.max(total, 1)} value={total ? done : undefined} aria-label={t('logSearch.progressLabel')} />
          {progress && <span className="log-search-status__text">{t('logSearch.progress', { done, total, lines: progress.lines.toLocaleString(), matches: progress.matches.toLocaleString() })}</span>}
        </div>
      )}
      {summary && status === 'done' && (
        <div className="log-search-status__text" data-testid="log-search-summary">
          {summary.matches === 0
            ? t('logSearch.noMatches', { containers: summary.containers, lines: summary.lines.toLocaleString() })
            : t('logSearch.summary', { matches: summary.matches.toLocaleString(), matched: summary.matchedContainers, containers: summary.containers, lines: summary.lines.toLocaleString(), seconds: (summary.elapsedMs / 1000).toFixed(1) })}
        </div>
      )}
      {status === 'cancelled' && (
        <div className="log-search-status__text" data-testid="log-search-cancelled">
          {t('logSearch.cancelled')}
          {progress && ` ${t('logSearch.progress', { done, total, lines: progress.lines.toLocaleString(), matches: progress.matches.toLocaleString() })}`}
        </div>
      )}
      {search.error && <ErrorBanner message={t('logSearch.failed', { message: search.error.message })} code={search.error.code} testId="log-search-error" />}
      {search.engineErrors.map((e) => (
        <ErrorBanner key={e.engine} tone="warn" message={t('logSearch.engineError', { engine: e.engine, message: e.message })} />
      ))}
    </div>
  );
}
