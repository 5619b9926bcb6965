import { useEffect, useMemo, useRef } from 'react';
import type { FleetContainer } from '../../../shared/domain';
import { keepDistinct, type KeepRange } from '../../components/keep-text';
import { useVirtualTable } from '../../components/use-virtual-table';
import { useT, type PlainMessageKey } from '../../i18n';
import type { FleetItem, ServiceGroup, SortColumn, SortOrder, StatsByContainer } from './container-list';
import { ContainerRow } from './ContainerRow';
import { GroupRow } from './GroupRow';

export type SelectionState = 'none' | 'some' | 'all';

interface FleetTableProps {
  items: readonly FleetItem[];
  sort: SortOrder;
  onSort(order: SortOrder): void;
  stats: StatsByContainer;
  now: number;
  staleEngines: ReadonlySet<string>;
  isProduction(container: FleetContainer): boolean;
  selected: ReadonlySet<string>;
  selectionState: SelectionState;
  onToggleAll(): void;
  onSelect(keys: readonly string[], selected: boolean): void;
  highlighted: string | null;
  onHighlight(key: string): void;
  onOpen(container: FleetContainer): void;
  onToggleGroup(key: string): void;
  onServiceStats(group: ServiceGroup): void;
  /** The rows rendered now (viewport plus a margin), as indexes into items. */
  onRenderedRange(range: { start: number; end: number }): void;
  emptyText: string;
}

const ROW_HEIGHT = 29;
const HEADER_HEIGHT = 29;

/*
 * Every column is always in the table; at narrow widths containers.css collapses the least
 * important ones (image first, then ports, uptime, memory, CPU) with container queries, so the
 * host, name, service, state and restarts keep their room and no header is squeezed.
 */
const COLUMNS: ReadonlyArray<{ column: SortColumn; label: PlainMessageKey; className: string }> = [
  { column: 'engine', label: 'containers.col.host', className: 'col-host' },
  { column: 'name', label: 'containers.col.name', className: 'col-name' },
  { column: 'service', label: 'containers.col.service', className: 'col-service' },
  { column: 'image', label: 'containers.col.image', className: 'col-image' },
  { column: 'state', label: 'containers.col.state', className: 'col-state' },
  { column: 'uptime', label: 'containers.col.uptime', className: 'col-uptime' },
  { column: 'restarts', label: 'containers.col.restarts', className: 'col-restarts num' },
  { column: 'cpu', label: 'containers.col.cpu', className: 'col-cpu num' },
  { column: 'memory', label: 'containers.col.memory', className: 'col-mem num' },
  { column: 'ports', label: 'containers.col.ports', className: 'col-ports' },
  { column: 'environment', label: 'containers.col.environment', className: 'col-env' },
];
const COLUMN_COUNT = COLUMNS.length + 1;

/** Every container of every engine, one dense row each; only the rows in view are in the DOM. */
export function FleetTable(props: FleetTableProps) {
  const { items, sort, onSort, highlighted, onRenderedRange, selectionState, onToggleAll, emptyText } = props;
  const t = useT();
  const allBox = useRef<HTMLInputElement>(null);

  const { scrollRef, virtualizer, rows: virtualItems, padTop, padBottom } = useVirtualTable({
    count: items.length,
    rowHeight: ROW_HEIGHT,
    headerHeight: HEADER_HEIGHT,
    overscan: 20,
    getItemKey: (index) => items[index]?.key ?? index,
  });
  const hostKeep = useHostKeep(items);
  const start = virtualItems[0]?.index ?? 0;
  const end = virtualItems[virtualItems.length - 1]?.index ?? -1;
  useEffect(() => onRenderedRange({ start, end }), [start, end, onRenderedRange]);

  useEffect(() => {
    if (allBox.current) allBox.current.indeterminate = selectionState === 'some';
  }, [selectionState]);

  // Keep the highlighted row in view when it moves with the keyboard.
  useEffect(() => {
    if (highlighted === null) return;
    const index = items.findIndex((item) => item.key === highlighted);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    // Only when the highlight moves, not on every live update of the rows.
  }, [highlighted]);

  return (
    <div className="table-wrap fleet-table-wrap" ref={scrollRef}>
      <table className="data-table fleet-table" data-testid="containers-table" aria-rowcount={items.length + 1}>
        <colgroup>
          <col className="col-select" />
          {COLUMNS.map(({ column, className }) => (
            <col key={column} className={className} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className="col-select">
              <input
                ref={allBox}
                type="checkbox"
                checked={selectionState === 'all'}
                onChange={onToggleAll}
                disabled={items.length === 0}
                aria-label={t('containers.selectAll')}
                title={t('containers.selectAll')}
                data-testid="select-all"
              />
            </th>
            {COLUMNS.map(({ column, label, className }) => {
              const active = sort.column === column;
              return (
                <th key={column} scope="col" className={className} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                  <button
                    type="button"
                    className="th-sort"
                    title={t('containers.sortBy', { column: t(label) })}
                    onClick={() => onSort({ column, descending: active ? !sort.descending : false })}
                    data-testid={`sort-${column}`}
                  >
                    <span className="th-sort__label">{t(label)}</span>
                    <span className="th-sort__arrow" aria-hidden="true">
                      {active ? (sort.descending ? '▼' : '▲') : ''}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {items.length === 0 ? (
            <tr>
              <td colSpan={COLUMN_COUNT} className="data-table__empty">
                {emptyText}
              </td>
            </tr>
          ) : (
            <>
              {padTop > 0 && <SpacerRow height={padTop} />}
              {virtualItems.map((virtual) => {
                const item = items[virtual.index]!;
                return item.kind === 'group' ? (
                  <GroupRow
                    key={item.key}
                    index={virtual.index}
                    group={item.group}
                    collapsed={item.collapsed}
                    staleEngines={props.staleEngines}
                    selected={props.selected}
                    onSelect={props.onSelect}
                    onToggleGroup={props.onToggleGroup}
                    onServiceStats={props.onServiceStats}
                  />
                ) : (
                  <ContainerRow
                    key={item.key}
                    index={virtual.index}
                    container={item.container}
                    hostKeep={hostKeep.get(item.container.engine)}
                    sample={props.stats.get(item.key)}
                    now={props.now}
                    stale={props.staleEngines.has(item.container.engine)}
                    production={props.isProduction(item.container)}
                    selected={props.selected.has(item.key)}
                    highlighted={highlighted === item.key}
                    onSelect={props.onSelect}
                    onHighlight={props.onHighlight}
                    onOpen={props.onOpen}
                  />
                );
              })}
              {padBottom > 0 && <SpacerRow height={padBottom} />}
            </>
          )}
        </tbody>
      </table>
    </div>
  );
}

/**
 * For each engine in the rows, the part of its name that tells it from the others
 * (`lab-engine-1` keeps `1`): a narrow host column cuts the rest, never that part.
 */
function useHostKeep(items: readonly FleetItem[]): ReadonlyMap<string, KeepRange> {
  const engineList = useMemo(() => {
    const engines = new Set<string>();
    for (const item of items) {
      if (item.kind === 'group') for (const c of item.group.containers) engines.add(c.engine);
      else engines.add(item.container.engine);
    }
    return [...engines].sort().join('\n');
  }, [items]);
  return useMemo(() => {
    const engines = engineList ? engineList.split('\n') : [];
    return new Map(engines.map((engine) => [engine, keepDistinct(engine, engines)] as const));
  }, [engineList]);
}

function SpacerRow({ height }: { height: number }) {
  return (
    <tr className="spacer-row" aria-hidden="true" style={{ height }}>
      <td colSpan={COLUMN_COUNT} />
    </tr>
  );
}
