import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ContainerAction, ContainerState, FleetContainer } from '../../../shared/domain';
import { useAppInfo } from '../../core/app-info';
import { useLinkState } from '../../core/link-state';
import { navigate } from '../../core/router';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { IconContainers } from '../../components/icons';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { StatusDot } from '../../components/StatusDot';
import { useNow } from '../../core/time';
import { useSessionState } from '../../core/use-session-state';
import { useT } from '../../i18n';
import { useConnections } from '../connections/connections-store';
import { ActionButtons } from './ActionButtons';
import { ActionDialog, type DialogTarget } from './ActionDialog';
import {
  filterOptions,
  fleetItems,
  groupByService,
  matches,
  serviceKey,
  sortContainers,
  validSort,
  type FleetQuery,
  type ServiceGroup,
  type SortOrder,
  type StatsByContainer,
} from './container-list';
import { ContainerCount, ContainersToolbar } from './ContainersToolbar';
import { detailPath, servicePath } from './containers-route';
import { EngineChips } from './EngineChips';
import { EngineErrors } from './EngineErrors';
import { FleetTable, type SelectionState } from './FleetTable';
import { containerKey, engineFeeds, isStale } from './fleet-state';
import { isProductionEnvironment } from '../../../shared/production';
import { coversVisible, statsTargets } from './stats-targets';
import type { Fleet } from './use-fleet';
import { MAX_STATS_CONTAINERS, useLatestStats, type ContainerRef } from './use-stats';

const NO_STATS: StatsByContainer = new Map();

const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color']);

/** Keys typed into a text field or a select are theirs, not the table's (a focused checkbox is fine). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TYPED.has(target.type);
  return target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((key) => set.has(key));
}

/** The live fleet: every container of every engine, filtered, sorted, grouped, with live CPU and memory. */
export function FleetView({ fleet }: { fleet: Fleet }) {
  const t = useT();
  const link = useLinkState();
  const { info } = useAppInfo();
  const { connections, received: connectionsReceived } = useConnections();
  const now = useNow(1000);
  const productionEnvironments = useMemo(() => info?.productionEnvironments ?? [], [info]);

  const [text, setText] = useSessionState('containers.filter', '');
  const [onlyProblems, setOnlyProblems] = useSessionState('containers.onlyProblems', false);
  const [engine, setEngine] = useSessionState<string | null>('containers.engine', null);
  const [stateFilter, setStateFilter] = useSessionState<ContainerState | null>('containers.state', null);
  const [service, setService] = useSessionState<string | null>('containers.service', null);
  const [environment, setEnvironment] = useSessionState<string | null>('containers.environment', null);
  const [storedSort, setSort] = useSessionState<SortOrder>('containers.sort', validSort(null));
  const [grouped, setGrouped] = useSessionState('containers.grouped', false);
  const [collapsedList, setCollapsedList] = useSessionState<string[]>('containers.collapsed', []);
  const sort = validSort(storedSort);
  const collapsed = useMemo(() => new Set(collapsedList), [collapsedList]);

  const [selection, setSelection] = useState<ReadonlySet<string>>(() => new Set());
  const [highlighted, setHighlighted] = useSessionState<string | null>('containers.highlighted', null);
  const [dialog, setDialog] = useState<{ action: ContainerAction; targets: DialogTarget[] }>();
  const [range, setRange] = useState({ start: 0, end: 40 });
  const [statsKeys, setStatsKeys] = useState<string[]>([]);

  const feeds = useMemo(() => engineFeeds(fleet.state), [fleet.state]);
  const all = fleet.containers;
  const counts = useMemo(() => {
    const map = new Map<string, number>();
    for (const c of all) map.set(c.engine, (map.get(c.engine) ?? 0) + 1);
    return map;
  }, [all]);
  const staleEngines = useMemo(() => {
    const everything = link !== 'open' || fleet.streamError !== undefined;
    return new Set(feeds.filter((feed) => everything || isStale(feed)).map((feed) => feed.engine));
  }, [feeds, link, fleet.streamError]);
  const isProduction = useCallback((c: FleetContainer) => isProductionEnvironment(c.environment, productionEnvironments), [productionEnvironments]);

  // Filters that name something no longer there are ignored rather than hiding everything.
  const options = useMemo(() => filterOptions(all), [all]);
  const query: FleetQuery = {
    text,
    onlyProblems,
    engine: engine !== null && feeds.some((f) => f.engine === engine) ? engine : null,
    state: stateFilter !== null && options.states.includes(stateFilter) ? stateFilter : null,
    service: service !== null && options.services.includes(service) ? service : null,
    environment: environment !== null && options.environments.includes(environment) ? environment : null,
  };

  const statsRefs = useMemo<ContainerRef[]>(
    () => statsKeys.map((key) => {
      const [engineName, id] = key.split('\u0000');
      return { engine: engineName!, id: id! };
    }),
    [statsKeys],
  );
  const stats = useLatestStats(statsRefs);
  const needsStats = grouped || sort.column === 'cpu' || sort.column === 'memory';

  const filtered = useMemo(
    () => all.filter((c) => matches(c, query)),
    [all, query.text, query.onlyProblems, query.engine, query.state, query.service, query.environment],
  );
  const sortStats = needsStats ? stats : NO_STATS;
  const sorted = useMemo(() => sortContainers(filtered, sort, sortStats), [filtered, sort.column, sort.descending, sortStats]);
  const items = useMemo(
    () => fleetItems(sorted, { grouped, collapsed, order: sort, stats: sortStats }),
    [sorted, grouped, collapsed, sort.column, sort.descending, sortStats],
  );
  /** Every shown container in table order (also the ones inside collapsed groups). */
  const ordered = useMemo(
    () => (grouped ? groupByService(sorted, sort, sortStats).flatMap((g) => g.containers) : sorted),
    [grouped, sorted, sort.column, sort.descending, sortStats],
  );

  // Which running containers get live stats: all when few, else those around the rows in view.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setStatsKeys((current) => {
        const desired = statsTargets(items, range, MAX_STATS_CONTAINERS);
        if (sameKeys(current, desired)) return current;
        const running = items.reduce((n, item) => n + (item.kind === 'row' && item.container.state === 'running' ? 1 : 0), 0);
        if (running > MAX_STATS_CONTAINERS && current.length > 0 && coversVisible(new Set(current), items, range)) return current;
        return desired;
      });
    }, 300);
    return () => window.clearTimeout(timer);
  }, [items, range]);

  const selectedRows = useMemo(() => ordered.filter((c) => selection.has(containerKey(c))), [ordered, selection]);
  const selectionState: SelectionState =
    selectedRows.length === 0 ? 'none' : selectedRows.length === ordered.length ? 'all' : 'some';

  const select = useCallback((keys: readonly string[], on: boolean) => {
    setSelection((current) => {
      const next = new Set(current);
      for (const key of keys) {
        if (on) next.add(key);
        else next.delete(key);
      }
      return next;
    });
  }, []);
  const toggleAll = useCallback(() => {
    setSelection(selectionState === 'all' ? new Set() : new Set(ordered.map(containerKey)));
  }, [selectionState, ordered]);

  const open = useCallback((c: FleetContainer) => navigate(detailPath(c.engine, c.id)), []);
  const openServiceStats = useCallback((group: ServiceGroup) => {
    if (group.service) navigate(servicePath(group.project, group.service));
  }, []);
  const toggleGroup = useCallback(
    (key: string) => setCollapsedList(collapsed.has(key) ? collapsedList.filter((k) => k !== key) : [...collapsedList, key]),
    [collapsed, collapsedList, setCollapsedList],
  );

  const openDialog = (action: ContainerAction) => {
    const targets = selectedRows.map<DialogTarget>((c) => ({
      engine: c.engine,
      id: c.id,
      name: c.name,
      environment: c.environment,
      production: isProduction(c),
      service: serviceKey(c),
      state: c.state,
    }));
    if (targets.length > 0) setDialog({ action, targets });
  };

  // Keyboard: Up/Down or j/k move, Enter opens, x selects, Escape clears.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      const rows = items.filter((item) => item.kind === 'row');
      const index = highlighted === null ? -1 : rows.findIndex((item) => item.key === highlighted);
      const moveTo = (next: number) => {
        const item = rows[Math.max(0, Math.min(rows.length - 1, next))];
        if (item) setHighlighted(item.key);
      };
      switch (event.key) {
        case 'ArrowDown':
        case 'j':
          event.preventDefault();
          moveTo(index < 0 ? 0 : index + 1);
          break;
        case 'ArrowUp':
        case 'k':
          event.preventDefault();
          moveTo(index < 0 ? 0 : index - 1);
          break;
        case 'Home':
          event.preventDefault();
          moveTo(0);
          break;
        case 'End':
          event.preventDefault();
          moveTo(rows.length - 1);
          break;
        case 'Enter': {
          if (event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement) return;
          const item = rows[index];
          if (item?.kind === 'row') {
            event.preventDefault();
            open(item.container);
          }
          break;
        }
        case 'x':
        case 'X':
          if (highlighted !== null && index >= 0) {
            event.preventDefault();
            select([highlighted], !selection.has(highlighted));
          }
          break;
        case 'Escape':
          if (selection.size > 0) setSelection(new Set());
          else setHighlighted(null);
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, highlighted, selection, open, select]);

  const dockerConnections = connections.filter((c) => c.kind === 'docker').length;
  const liveCount = feeds.filter((feed) => feed.state === 'live').length;
  const allLive = feeds.length > 0 && liveCount === feeds.length && link === 'open' && !fleet.streamError;
  const filtersActive = query.state !== null || query.service !== null || query.environment !== null;

  return (
    <>
      <ScreenHeader
        title={t('nav.containers')}
        subtitle={t('containers.subtitle')}
        actions={
          feeds.length > 0 && (
            <span className={`live-indicator${allLive ? '' : ' live-indicator--down'}`} data-testid="fleet-live" data-live={String(allLive)}>
              <StatusDot tone={allLive ? 'ok' : 'warn'} pulse={!allLive} />
              {allLive ? t('containers.live') : t('containers.liveSome', { live: liveCount, total: feeds.length })}
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
            <EngineErrors feeds={feeds} counts={counts} />
            <ContainersToolbar
              text={text}
              onTextChange={setText}
              onlyProblems={onlyProblems}
              onOnlyProblemsChange={setOnlyProblems}
            >
              <label className="checkbox" title={t('containers.groupByServiceHint')}>
                <input type="checkbox" checked={grouped} onChange={(event) => setGrouped(event.target.checked)} data-testid="group-by-service" />
                {t('containers.groupByService')}
              </label>
              <EngineChips feeds={feeds} counts={counts} selected={query.engine} onSelect={setEngine} />
            </ContainersToolbar>
            <div className="toolbar fleet-filters">
              <FilterSelect
                label={t('containers.filter.state')}
                value={query.state}
                values={options.states}
                render={(value) => t(`containerState.${value as ContainerState}`)}
                onChange={(value) => setStateFilter(value as ContainerState | null)}
                testId="filter-state"
              />
              <FilterSelect label={t('containers.filter.service')} value={query.service} values={options.services} onChange={setService} testId="filter-service" mono />
              <FilterSelect label={t('containers.filter.environment')} value={query.environment} values={options.environments} onChange={setEnvironment} testId="filter-environment" />
              {filtersActive && (
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  onClick={() => {
                    setStateFilter(null);
                    setService(null);
                    setEnvironment(null);
                  }}
                  data-testid="clear-filters"
                >
                  {t('containers.clearFilters')}
                </button>
              )}
              <span className="toolbar__spacer" />
              <ContainerCount shown={filtered.length} total={all.length} detailsPending={feeds.some((feed) => feed.detailsPending)} />
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
                <ActionButtons small states={selectedRows.map((c) => c.state)} onAction={openDialog} />
                {selectedRows.length > 0 && (
                  <button type="button" className="btn btn--ghost btn--small" onClick={() => setSelection(new Set())} data-testid="clear-selection">
                    {t('containers.clearSelection')}
                  </button>
                )}
              </div>
            </div>
            <FleetTable
              items={items}
              sort={sort}
              onSort={setSort}
              stats={stats}
              now={now}
              staleEngines={staleEngines}
              isProduction={isProduction}
              selected={selection}
              selectionState={selectionState}
              onToggleAll={toggleAll}
              onSelect={select}
              highlighted={highlighted}
              onHighlight={setHighlighted}
              onOpen={open}
              onToggleGroup={toggleGroup}
              onServiceStats={openServiceStats}
              onRenderedRange={setRange}
              emptyText={all.length === 0 ? t('containers.noContainers') : t('containers.noMatch')}
            />
            <p className="keyboard-hint" aria-hidden="true">
              <kbd>↑</kbd>
              <kbd>↓</kbd>/<kbd>j</kbd>
              <kbd>k</kbd> {t('containers.keys.move')} · <kbd>↵</kbd> {t('containers.keys.open')} · <kbd>x</kbd> {t('containers.keys.select')} ·{' '}
              <kbd>Esc</kbd> {t('containers.keys.clear')} · <kbd>/</kbd> {t('containers.keys.filter')}
            </p>
          </>
        )}
      </div>
      {dialog && <ActionDialog action={dialog.action} targets={dialog.targets} onClose={() => setDialog(undefined)} />}
    </>
  );
}

interface FilterSelectProps {
  label: string;
  value: string | null;
  values: readonly string[];
  onChange(value: string | null): void;
  render?(value: string): string;
  testId: string;
  mono?: boolean;
}

function FilterSelect({ label, value, values, onChange, render = (v) => v, testId, mono = false }: FilterSelectProps) {
  const t = useT();
  return (
    <label className={`filter-select${value !== null ? ' filter-select--active' : ''}`}>
      <span className="filter-select__label">{label}</span>
      <select
        className={`select select--compact${mono ? ' mono' : ''}`}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
        data-testid={testId}
      >
        <option value="">{t('containers.filter.all')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {render(v)}
          </option>
        ))}
      </select>
    </label>
  );
}
