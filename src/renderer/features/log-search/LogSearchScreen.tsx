import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { IconSearch } from '../../components/icons';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT } from '../../i18n';
import { SearchForm } from './SearchForm';
import { SearchResults } from './SearchResults';
import { cancelSearch, startSearch, useSearchSession } from './search-session';
import { SearchStatus } from './SearchStatus';
import './log-search.css';

/** Search a text or regex over the logs of every container of a scope, for a time range. */
export function LogSearchScreen() {
  const t = useT();
  const search = useSearchSession();
  const running = search.status === 'running';
  // Escape stops a running search.
  useEffect(() => {
    if (!running) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) cancelSearch();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [running]);

  return (
    <div className="log-search-screen">
      <ScreenHeader title={t('nav.logSearch')} subtitle={t('logSearch.subtitle')} />
      <SearchForm running={running} onSearch={startSearch} onCancel={cancelSearch} />
      <SearchStatus search={search} />
      {search.status === 'idle' ? (
        <EmptyState icon={<IconSearch />} title={t('logSearch.idleTitle')}>
          {t('logSearch.idleBody')}
        </EmptyState>
      ) : (
        <SearchResults results={search.results} />
      )}
    </div>
  );
}
