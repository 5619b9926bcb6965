import { memo } from 'react';
import type { FleetContainer, StatsSample } from '../../../shared/domain';
import { keepNothing, type KeepRange } from '../../components/keep-text';
import { KeepText } from '../../components/KeepText';
import { PortsPending } from '../../components/PortsPending';
import { formatBytes } from '../../core/bytes';
import { hrefFor } from '../../core/router';
import { useLanguage, useT } from '../../i18n';
import { ContainerStateBadge, EnvironmentTag } from './ContainerStateBadge';
import { serviceLabel } from './container-list';
import { detailPath } from './containers-route';
import { containerKey } from './fleet-state';
import { formatDuration, formatPercent, formatPorts } from './format';

interface ContainerRowProps {
  index: number;
  container: FleetContainer;
  /** The part of the engine's name that tells it from the other engines; kept when the host is cut. */
  hostKeep?: KeepRange;
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

/** One container of the fleet table: a dense row, selectable, highlighted from the keyboard. */
export const ContainerRow = memo(function ContainerRow(props: ContainerRowProps) {
  const { index, container: c, hostKeep, sample, now, stale, production, selected, highlighted } = props;
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

  // The image and ports columns are the first to go at narrow widths: the name's tooltip still has them.
  const ports = c.portsPending ? '…' : c.ports.join(', ');
  const nameTitle = [c.name, c.image, ports && t('containers.col.ports') + ': ' + ports].filter(Boolean).join('\n');

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
      <td className="col-host mono" data-testid="host-cell">
        <KeepText text={c.engine} keep={hostKeep ?? keepNothing(c.engine)} />
      </td>
      <td className="col-name mono">
        <a href={hrefFor(detailPath(c.engine, c.id))} title={nameTitle} data-testid="container-link">
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
      <td className="col-ports mono" title={c.portsPending ? undefined : c.ports.join(', ')}>
        {c.portsPending ? <PortsPending /> : formatPorts(c.ports) || <span className="muted">—</span>}
      </td>
      <td className="col-env">
        <EnvironmentTag environment={c.environment} production={production} />
      </td>
    </tr>
  );
});
