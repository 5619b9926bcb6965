import { useMemo } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { IconContainers, IconRefresh } from '../../components/icons';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { formatClock } from '../../components/time';
import { useSessionState } from '../../components/use-session-state';
import { useLanguage, useT } from '../../i18n';
import { ContainersTable } from './ContainersTable';
import { ContainersToolbar } from './ContainersToolbar';
import { EngineChips } from './EngineChips';
import { EngineErrors } from './EngineErrors';
import { allContainers, matches, sortContainers, type SortOrder } from './container-list';
import { useContainers } from './use-containers';
import './containers.css';

const DEFAULT_SORT: SortOrder = { column: 'engine', descending: false };

/** All containers of all Docker engines in one table, refreshed every 5 seconds. */
export function ContainersScreen() {
  const t = useT();
  const [language] = useLanguage();
  const { engines, fetchedAt, error, refreshing, refresh } = useContainers(5000);
  const [text, setText] = useSessionState('containers.filter', '');
  const [onlyProblems, setOnlyProblems] = useSessionState('containers.onlyProblems', false);
  const [engine, setEngine] = useSessionState<string | null>('containers.engine', null);
  const [sort, setSort] = useSessionState<SortOrder>('containers.sort', DEFAULT_SORT);

  const everything = useMemo(() => allContainers(engines ?? []), [engines]);
  const visibleEngine = engine !== null && engines?.some((e) => e.engine === engine) ? engine : null;
  const shown = useMemo(
    () => sortContainers(everything.filter((c) => matches(c, { text, onlyProblems, engine: visibleEngine })), sort),
    [everything, text, onlyProblems, visibleEngine, sort],
  );

  return (
    <>
      <ScreenHeader
        title={t('nav.containers')}
        subtitle={t('containers.subtitle')}
        actions={
          <>
            {fetchedAt !== undefined && (
              <span className="muted" data-testid="containers-updated">
                {t('common.updatedAt', { time: formatClock(fetchedAt, language) })}
              </span>
            )}
            <button type="button" className="btn" onClick={refresh} disabled={refreshing} data-testid="containers-refresh">
              {refreshing ? <Spinner /> : <IconRefresh />}
              {refreshing ? t('common.refreshing') : t('common.refresh')}
            </button>
          </>
        }
      />
      <div className="screen-body screen-body--table">
        {error && (
          <ErrorBanner message={t('containers.loadFailed', { message: error })}>
            {fetchedAt !== undefined && <div className="banner__hint">{t('containers.staleData', { time: formatClock(fetchedAt, language) })}</div>}
          </ErrorBanner>
        )}
        {engines === undefined ? (
          !error && (
            <p className="loading-line">
              <Spinner /> {t('containers.loading')}
            </p>
          )
        ) : engines.length === 0 ? (
          <EmptyState icon={<IconContainers width={40} height={40} />} title={t('containers.noEngines.title')}>
            <p>{t('containers.noEngines.body')}</p>
          </EmptyState>
        ) : (
          <>
            <EngineErrors engines={engines} />
            <ContainersToolbar
              text={text}
              onTextChange={setText}
              onlyProblems={onlyProblems}
              onOnlyProblemsChange={setOnlyProblems}
              shown={shown.length}
              total={everything.length}
            >
              <EngineChips engines={engines} selected={visibleEngine} onSelect={setEngine} />
            </ContainersToolbar>
            <ContainersTable
              containers={shown}
              sort={sort}
              onSort={setSort}
              emptyText={everything.length === 0 ? t('containers.noContainers') : t('containers.noMatch')}
            />
          </>
        )}
      </div>
    </>
  );
}
