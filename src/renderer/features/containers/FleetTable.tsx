import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import type { FleetContainer, StatsSample } from '../../../shared/domain';
import { hrefFor } from '../../core/router';
import { formatBytes } from '../../core/bytes';
import { useLanguage, useT, type PlainMessageKey } from '../../i18n';
import { ContainerStateBadge, EnvironmentTag } from './ContainerStateBadge';
import { serviceLabel, type FleetItem, type ServiceGroup, type SortColumn, type SortOrder, type StatsByContainer } from './container-list';
import { detailPath } from './containers-route';
import { containerKey } from './fleet-state';
import { formatDuration, formatPercent, formatPorts } from './format';

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
  const scrollRef = useRef<HTMLDivElement>(null);
  const allBox = useRef<HTMLInputElement>(null);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => items[index]?.key ?? index,
    overscan: 20,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const first = virtualItems[0];
  const last = virtualItems[virtualItems.length - 1];
  const padTop = first ? first.start - HEADER_HEIGHT : 0;
  const padBottom = last ? virtualizer.getTotalSize() - last.end : 0;

  const start = first?.index ?? 0;
  const end = last?.index ?? -1;
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
                    {t(label)}
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
                  <GroupRow key={item.key} index={virtual.index} group={item.group} collapsed={item.collapsed} props={props} />
                ) : (
                  <ContainerRow
                    key={item.key}
                    index={virtual.index}
                    container={item.container}
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

function SpacerRow({ height }: { height: number }) {
  return (
    <tr className="spacer-row" aria-hidden="true" style={{ height }}>
      <td colSpan={COLUMN_COUNT} />
    </tr>
  );
}

interface ContainerRowProps {
  index: number;
  container: FleetContainer;
  sample?: StatsSample;
  now: number;
  stale: boolean;
  production: boolean;
  selected: boolean;
  highlighted: boolean;
  onSelect(keys: readonly string[], selected: boolean): void;
  onHighlight(key: string): void;
  onOpen(container: FleetContainer): void;
}

const ContainerRow = memo(function ContainerRow(props: ContainerRowProps) {
  const { index, container: c, sample, now, stale, production, selected, highlighted } = props;
  const t = useT();
  const [language] = useLanguage();
  const key = containerKey(c);
  const service = serviceLabel(c);
  const running = c.state === 'running';
  const className = ['fleet-row', highlighted && 'is-highlighted', selected && 'is-selected', stale && 'is-stale'].filter(Boolean).join(' ');

  let uptime: string | null = null;
  let uptimeTitle: string | undefined;
  if ((running || c.state === 'paused') && c.startedAt !== undefined) {
    uptime = formatDuration(now - c.startedAt, t);
    uptimeTitle = t('containers.startedAt', { time: new Date(c.startedAt).toLocaleString(language) });
  } else if ((c.state === 'exited' || c.state === 'dead') && c.finishedAt !== undefined) {
    uptime = t('containers.exitedFor', { duration: formatDuration(now - c.finishedAt, t) });
    uptimeTitle = t('containers.exitedAt', { time: new Date(c.finishedAt).toLocaleString(language) });
  }

  return (
    <tr
      data-index={index}
      className={className}
      aria-selected={selected}
      title={stale ? t('containers.staleRow', { engine: c.engine }) : undefined}
      onClick={() => props.onHighlight(key)}
      onDoubleClick={() => props.onOpen(c)}
      data-testid="container-row"
      data-engine={c.engine}
      data-name={c.name}
      data-state={c.state}
      data-stale={stale ? 'true' : 'false'}
    >
      <td className="col-select">
        <input
          type="checkbox"
          checked={selected}
          onChange={(event) => props.onSelect([key], event.target.checked)}
          onClick={(event) => event.stopPropagation()}
          aria-label={t('containers.selectRow', { name: c.name })}
          data-testid="select-row"
        />
      </td>
      <td className="col-host mono" title={c.engine}>{c.engine}</td>
      <td className="col-name mono">
        <a href={hrefFor(detailPath(c.engine, c.id))} title={c.name} data-testid="container-link">
          {c.name}
        </a>
      </td>
      <td className="col-service" title={service}>
        {service || <span className="muted">—</span>}
      </td>
      <td className="col-image mono" title={c.image}>{c.image}</td>
      <td className="col-state">
        <ContainerStateBadge container={c} />
      </td>
      <td className="col-uptime" title={uptimeTitle}>
        {uptime ?? <span className="muted">—</span>}
      </td>
      <td className={`col-restarts num${(c.restartCount ?? 0) > 0 ? ' is-warn' : ''}`}>{c.restartCount ?? <span className="muted">—</span>}</td>
      <td className="col-cpu num">{running && sample ? formatPercent(sample.cpuPercent) : <span className="muted">—</span>}</td>
      <td
        className="col-mem num"
        title={running && sample ? t('containers.memoryTitle', { used: formatBytes(sample.memUsed), limit: formatBytes(sample.memLimit), percent: formatPercent(sample.memPercent) }) : undefined}
      >
        {running && sample ? formatBytes(sample.memUsed) : <span className="muted">—</span>}
      </td>
      <td className="col-ports mono" title={c.ports.join(', ')}>
        {formatPorts(c.ports) || <span className="muted">—</span>}
      </td>
      <td className="col-env">
        <EnvironmentTag environment={c.environment} production={production} />
      </td>
    </tr>
  );
});

function GroupRow({ index, group, collapsed, props }: { index: number; group: ServiceGroup; collapsed: boolean; props: FleetTableProps }) {
  const t = useT();
  const box = useRef<HTMLInputElement>(null);
  const keys = group.containers.map(containerKey);
  const count = keys.filter((key) => props.selected.has(key)).length;
  const state: SelectionState = count === 0 ? 'none' : count === keys.length ? 'all' : 'some';
  useEffect(() => {
    if (box.current) box.current.indeterminate = state === 'some';
  }, [state]);
  const label = group.key || t('containers.noService');
  const partial = group.sampled < group.running;

  return (
    <tr data-index={index} className="group-row" data-testid="group-row" data-service={group.key}>
      <td className="col-select">
        <input
          ref={box}
          type="checkbox"
          checked={state === 'all'}
          onChange={() => props.onSelect(keys, state !== 'all')}
          aria-label={t('containers.selectGroup', { service: label })}
          data-testid="select-group"
        />
      </td>
      <td colSpan={7} className="group-row__title">
        <button
          type="button"
          className="group-row__toggle"
          aria-expanded={!collapsed}
          onClick={() => props.onToggleGroup(group.key)}
          title={collapsed ? t('containers.expandGroup') : t('containers.collapseGroup')}
        >
          <span className="group-row__chevron" aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
          <span className={group.key ? 'mono group-row__name' : 'group-row__name muted'}>{label}</span>
        </button>
        <span className="group-row__counts">
          {t('containers.groupCounts', { total: group.containers.length, running: group.running })}
        </span>
      </td>
      <td className="col-cpu num" title={partial ? t('containers.partialSum', { sampled: group.sampled, running: group.running }) : undefined}>
        {group.sampled > 0 ? formatPercent(group.cpu) : <span className="muted">—</span>}
      </td>
      <td className="col-mem num" title={partial ? t('containers.partialSum', { sampled: group.sampled, running: group.running }) : undefined}>
        {group.sampled > 0 ? formatBytes(group.memory) : <span className="muted">—</span>}
      </td>
      <td colSpan={2} className="group-row__actions">
        {group.service && (
          <button type="button" className="btn btn--small" onClick={() => props.onServiceStats(group)} data-testid="service-stats">
            {t('containers.serviceStats')}
          </button>
        )}
      </td>
    </tr>
  );
}
