import type { ReactNode, RefObject } from 'react';
import { useT } from '../../i18n';

interface LogSearchBarProps {
  inputRef: RefObject<HTMLInputElement | null>;
  search: string;
  onSearch(text: string): void;
  /** Matches found, and the current one (-1: none yet). */
  count: number;
  current: number;
  goto(direction: 1 | -1): void;
  /** Escape in the box: back to the lines (where the screen's keys work). */
  onLeave(): void;
  error?: string;
  /** The option checkboxes (regex, case, only matching). */
  children: ReactNode;
}

/** The search box: Enter / Shift+Enter go to the next / previous match, the counter says which ("3 / 5"). */
export function LogSearchBar({ inputRef, search, onSearch, count, current, goto, onLeave, error, children }: LogSearchBarProps) {
  const t = useT();
  const counter = !search ? '' : count === 0 ? t('logs.noMatches') : current >= 0 ? t('logs.matchPosition', { current: Math.min(current, count - 1) + 1, count }) : t('logs.matches', { count });
  return (
    <div className="logs-toolbar" role="search">
      <input
        ref={inputRef}
        type="search"
        className="input logs-search"
        placeholder={t('logs.search')}
        aria-label={t('logs.searchLabel')}
        value={search}
        onChange={(e) => onSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            goto(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onLeave();
          }
        }}
        spellCheck={false}
        autoComplete="off"
        data-testid="log-search"
      />
      {children}
      <span className="logs-count" data-testid="log-match-count" data-count={count} data-current={current + 1} aria-live="polite">
        {counter}
      </span>
      <button type="button" className="btn btn--small" onClick={() => goto(-1)} data-testid="log-search-prev" aria-label={t('logs.prev')} title={`${t('logs.prev')} (N, ⇧ Enter)`}>↑</button>
      <button type="button" className="btn btn--small" onClick={() => goto(1)} data-testid="log-search-next" aria-label={t('logs.next')} title={`${t('logs.next')} (n, Enter)`}>↓</button>
      {error && <span className="logs-error">{t('logs.badRegex', { message: error })}</span>}
    </div>
  );
}
