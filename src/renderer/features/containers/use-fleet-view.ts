import { useWatch } from '../../core/watch';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ContainerAction, ContainerState, FleetContainer } from '../../../shared/domain';
import { isProductionEnvironment } from '../../../shared/production';
import { useAppInfo } from '../../core/app-info';
import { useLinkState } from '../../core/link-state';
import { navigate, useQueryParam } from '../../core/router';
import { useSessionState } from '../../core/use-session-state';
import type { DialogTarget } from './ActionDialog';
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
import { detailPath, servicePath } from './containers-route';
import type { SelectionState } from './FleetTable';
import { containerKey, engineFeeds, isStale } from './fleet-state';
import { coversVisible, statsTargets } from './stats-targets';
import type { Fleet } from './use-fleet';
import { useFleetKeyboard } from './use-fleet-keyboard';
import { MAX_STATS_CONTAINERS, useLatestStats, type ContainerRef } from './use-stats';

const NO_STATS: StatsByContainer = new Map();

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((key) => set.has(key));
}

/**
 * The state of the fleet view and what follows from it: the filters, sort and grouping (kept
 * for the session), the rows shown, live stats for the rows around the view, the selection,
 * the highlighted row and its keys, and the action dialog.
 */
export function useFleetView(fleet: Fleet) {
  const link = useLinkState();
  const { info } = useAppInfo();
  const productionEnvironments = useMemo(() => info?.productionEnvironments ?? [], [info]);

  const [text, setText] = useSessionState('containers.filter', '');
  const [onlyProblems, setOnlyProblems] = useSessionState('containers.onlyProblems', false);
  const [engine, setEngine] = useSessionState<string | null>('containers.engine', null);
  // `#/containers?engine=E` (a Docker host from the palette): that engine's containers.
  useQueryParam('engine', setEngine);
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

  const notes = useWatch().view?.containers;
  const filtered = useMemo(
    () => all.filter((c) => matches(c, query, notes)),
    [all, notes, query.text, query.onlyProblems, query.engine, query.state, query.service, query.environment],
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
  const clearSelection = useCallback(() => setSelection(new Set()), []);
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

  const closeDialog = useCallback(() => setDialog(undefined), []);

  const filterRef = useRef<HTMLInputElement>(null);
  useFleetKeyboard({ items, highlighted, setHighlighted, selection, select, clearSelection, open, filter: filterRef });

  const liveCount = feeds.filter((feed) => feed.state === 'live').length;
  const clearFilters = () => {
    setStateFilter(null);
    setService(null);
    setEnvironment(null);
  };

  return {
    all,
    feeds,
    counts,
    staleEngines,
    isProduction,
    liveCount,
    allLive: feeds.length > 0 && liveCount === feeds.length && link === 'open' && !fleet.streamError,
    // filters
    options,
    query,
    setText,
    filterRef,
    setOnlyProblems,
    setEngine,
    setStateFilter,
    setService,
    setEnvironment,
    filtersActive: query.state !== null || query.service !== null || query.environment !== null,
    clearFilters,
    grouped,
    setGrouped,
    sort,
    setSort,
    // rows
    filtered,
    items,
    stats,
    setRange,
    toggleGroup,
    open,
    openServiceStats,
    highlighted,
    setHighlighted,
    // selection and actions
    selection,
    selectedRows,
    selectionState,
    select,
    clearSelection,
    toggleAll,
    dialog,
    openDialog,
    closeDialog,
  };
}
