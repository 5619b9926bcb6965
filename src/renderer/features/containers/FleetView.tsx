import { useMemo } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { IconContainers } from '../../components/icons';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { StatusDot } from '../../components/StatusDot';
import { useNow } from '../../core/time';
import { useT } from '../../i18n';
import type { ContainerState } from '../../../shared/domain';
import { useConnections } from '../connections/connections-store';
import { useConnectionHealth } from '../connections/use-connection-health';
import { ActionButtons } from './ActionButtons';
import { ActionDialog } from './ActionDialog';
import { ContainerCount, ContainersToolbar } from './ContainersToolbar';
import { EngineChips } from './EngineChips';
import { EngineErrors } from './EngineErrors';
import { FilterSelect } from './FilterSelect';
import { FleetTable } from './FleetTable';
import type { Fleet } from './use-fleet';
import { useFleetView } from './use-fleet-view';

/** The live fleet: every container of every engine, filtered, sorted, grouped, with live CPU and memory. */
export function FleetView({ fleet }: { fleet: Fleet }) {
  const t = useT();
  const { connections, received: connectionsReceived } = useConnections();
  const now = useNow(1000);
  const view = useFleetView(fleet);
  const health = useConnectionHealth();
  const downEngines = health.down('docker');
  const { all, feeds, counts, query, options, selectedRows } = view;
  const allLive = view.allLive && downEngines.length === 0;
  // Rows of an engine that does not answer are stale even while its (silent) feed still looks live.
  const downNames = downEngines.map((h) => h.name).join('\n');
  const staleEngines = useMemo(
    () => (downNames === '' ? view.staleEngines : new Set([...view.staleEngines, ...downNames.split('\n')])),
    [view.staleEngines, downNames],
  );
  const dockerConnections = connections.filter((c) => c.kind === 'docker').length;

  return (
    <>
      <ScreenHeader
        title={t('nav.containers')}
        subtitle={t('containers.subtitle')}
        actions={
          feeds.length > 0 && (
            <span className={`live-indicator${allLive ? '' : ' live-indicator--down'}`} data-testid="fleet-live" data-live={String(allLive)}>
              <StatusDot tone={allLive ? 'ok' : 'warn'} pulse={!allLive} />
              {allLive ? t('containers.live') : t('containers.liveSome', { live: view.liveCount - feeds.filter((f) => f.state === 'live' && downEngines.some((h) => h.name === f.engine)).length, total: feeds.length })}
            </span>
          )
        }
      />
      <div className="screen-body screen-body--table">
        {fleet.streamError && <ErrorBanner tone="warn" message={t('containers.streamLost', { message: fleet.streamError })} />}
        {!fleet.state.received && feeds.length === 0 ? (
          connectionsReceived && dockerConnections === 0 ? (
            <EmptyState icon={<IconContainers width={40} height={40} />} title={t('containers.noEngines.title')}>
              <p>{t('containers.noEngines.body')}</p>
            </EmptyState>
          ) : (
            <p className="loading-line">
              <Spinner /> {t('containers.loading')}
            </p>
          )
        ) : (
          <>
            <EngineErrors feeds={feeds} counts={counts} down={downEngines} />
            <ContainersToolbar inputRef={view.filterRef} text={query.text} onTextChange={view.setText} onlyProblems={query.onlyProblems} onOnlyProblemsChange={view.setOnlyProblems}>
              <label className="checkbox" title={t('containers.groupByServiceHint')}>
                <input type="checkbox" checked={view.grouped} onChange={(event) => view.setGrouped(event.target.checked)} data-testid="group-by-service" />
                {t('containers.groupByService')}
              </label>
              <EngineChips feeds={feeds} counts={counts} selected={query.engine} onSelect={view.setEngine} />
            </ContainersToolbar>
            <div className="toolbar fleet-filters">
              <FilterSelect
                label={t('containers.filter.state')}
                value={query.state}
                values={options.states}
                render={(value) => t(`containerState.${value as ContainerState}`)}
                onChange={(value) => view.setStateFilter(value as ContainerState | null)}
                testId="filter-state"
              />
              <FilterSelect label={t('containers.filter.service')} value={query.service} values={options.services} onChange={view.setService} testId="filter-service" mono />
              <FilterSelect label={t('containers.filter.environment')} value={query.environment} values={options.environments} onChange={view.setEnvironment} testId="filter-environment" />
              {view.filtersActive && (
                <button type="button" className="btn btn--ghost btn--small" onClick={view.clearFilters} data-testid="clear-filters">
                  {t('containers.clearFilters')}
                </button>
              )}
              <span className="toolbar__spacer" />
              <ContainerCount shown={view.filtered.length} total={all.length} detailsPending={feeds.some((feed) => feed.detailsPending)} />
              <div
                className={`selection-bar${selectedRows.length > 0 ? ' selection-bar--active' : ''}`}
                title={selectedRows.length > 0 ? undefined : t('containers.selectHint')}
                data-testid="selection-bar"
              >
                {selectedRows.length > 0 && (
                  <span className="selection-bar__count" data-testid="selection-count">
                    {t('containers.selected', { count: selectedRows.length })}
                  </span>
                )}
                <ActionButtons small states={selectedRows.map((c) => c.state)} onAction={view.openDialog} />
                {selectedRows.length > 0 && (
                  <button type="button" className="btn btn--ghost btn--small" onClick={view.clearSelection} data-testid="clear-selection">
                    {t('containers.clearSelection')}
                  </button>
                )}
              </div>
            </div>
            <FleetTable
              items={view.items}
              sort={view.sort}
              onSort={view.setSort}
              stats={view.stats}
              now={now}
              staleEngines={staleEngines}
              isProduction={view.isProduction}
              selected={view.selection}
              selectionState={view.selectionState}
              onToggleAll={view.toggleAll}
              onSelect={view.select}
              highlighted={view.highlighted}
              onHighlight={view.setHighlighted}
              onOpen={view.open}
              onToggleGroup={view.toggleGroup}
              onServiceStats={view.openServiceStats}
              onRenderedRange={view.setRange}
              emptyText={all.length === 0 ? t('containers.noContainers') : t('containers.noMatch')}
            />
            <p className="keyboard-hint" aria-hidden="true">
              <kbd>↑</kbd>
              <kbd>↓</kbd>/<kbd>j</kbd>
              <kbd>k</kbd> {t('containers.keys.move')} · <kbd>↵</kbd> {t('containers.keys.open')} · <kbd>l</kbd> {t('containers.keys.logs')} · <kbd>s</kbd>{' '}
              {t('containers.keys.shell')} · <kbd>x</kbd> {t('containers.keys.select')} · <kbd>Esc</kbd> {t('containers.keys.clear')} · <kbd>/</kbd>{' '}
              {t('containers.keys.filter')} · <kbd>?</kbd> {t('containers.keys.more')}
            </p>
          </>
        )}
      </div>
      {view.dialog && <ActionDialog action={view.dialog.action} targets={view.dialog.targets} onClose={view.closeDialog} />}
    </>
  );
}
