import { useEffect, useRef } from 'react';
import { formatBytes } from '../../core/bytes';
import { useT } from '../../i18n';
import type { ServiceGroup } from './container-list';
import { containerKey } from './fleet-state';
import type { SelectionState } from './FleetTable';
import { formatPercent } from './format';

interface GroupRowProps {
  index: number;
  group: ServiceGroup;
  collapsed: boolean;
  /** Engines whose rows are stale (not responding, feed lost): their replicas are counted as such. */
  staleEngines: ReadonlySet<string>;
  selected: ReadonlySet<string>;
  onSelect(keys: readonly string[], selected: boolean): void;
  onToggleGroup(key: string): void;
  onServiceStats(group: ServiceGroup): void;
}

/** The row of one compose service when the fleet is grouped: select all its containers, fold them, their CPU and memory summed. */
export function GroupRow({ index, group, collapsed, ...props }: GroupRowProps) {
  const t = useT();
  const box = useRef<HTMLInputElement>(null);
  const keys = group.containers.map(containerKey);
  const count = keys.filter((key) => props.selected.has(key)).length;
  const state: SelectionState = count === 0 ? 'none' : count === keys.length ? 'all' : 'some';
  useEffect(() => {
    if (box.current) box.current.indeterminate = state === 'some';
  }, [state]);
  const label = group.name || t('containers.noService');
  const partial = group.sampled < group.running;
  const stale = group.containers.filter((c) => props.staleEngines.has(c.engine)).length;
  const allStale = stale > 0 && stale === group.containers.length;

  return (
    <tr
      data-index={index}
      className={allStale ? 'group-row is-stale' : 'group-row'}
      data-testid="group-row"
      data-service={group.key}
      data-stale={String(stale)}
      title={stale > 0 ? t('containers.staleGroup', { count: stale }) : undefined}
    >
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
          {group.alias && <span className="mono muted group-row__alias" title={t('containers.composeAlias')}>{group.alias}</span>}
        </button>
        <span className="group-row__counts">
          {t('containers.groupCounts', { total: group.containers.length, running: group.running })}
        </span>
        {stale > 0 && (
          <span className="badge badge--warn group-row__stale" data-testid="group-stale">
            {t('containers.staleGroup', { count: stale })}
          </span>
        )}
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
