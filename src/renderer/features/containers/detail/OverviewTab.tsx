import type { ReactNode } from 'react';
import type { ContainerDetail, FleetContainer } from '../../../../shared/domain';
import { PortsPending } from '../../../components/PortsPending';
import { formatBytes } from '../../../core/bytes';
import { formatDateTime } from '../../../core/time';
import { useLanguage, useT } from '../../../i18n';
import { asContainerState } from '../container-list';
import { formatCommand, formatDuration, parseDockerTime } from '../format';

/** State, health and its check log, command, restart policy, network, ports, limits, mounts, labels. */
export function OverviewTab({ detail, row }: { detail: ContainerDetail; row?: FleetContainer }) {
  const t = useT();
  const [language] = useLanguage();
  const when = (value: string) => {
    const ms = parseDockerTime(value);
    return ms === undefined ? '—' : formatDateTime(ms, language);
  };
  const command = formatCommand([...detail.entrypoint, ...detail.cmd]) || formatCommand([detail.path, ...detail.args]);
  const health = detail.state.health;
  const ports = row?.ports ?? [];
  const labels = Object.entries(detail.labels).sort(([a], [b]) => a.localeCompare(b));
  const pidsLimit = detail.limits.pidsLimit;

  return (
    <div className="detail-overview" data-testid="detail-overview">
      <div className="detail-grid">
        <Section title={t('detail.section.state')}>
          <dl className="kv">
            <Row label={t('detail.status')}>{t(`containerState.${asContainerState(detail.state.status)}`)}</Row>
            <Row label={t('detail.pid')} mono>{detail.state.pid || '—'}</Row>
            <Row label={t('detail.started')}>{when(detail.state.startedAt)}</Row>
            <Row label={t('detail.finished')}>{when(detail.state.finishedAt)}</Row>
            <Row label={t('detail.exitCode')} mono>{detail.state.exitCode}</Row>
            <Row label={t('detail.oomKilled')}>{detail.state.oomKilled ? <span className="badge badge--error">{t('common.yes')}</span> : t('common.no')}</Row>
            {detail.state.error && <Row label={t('detail.error')}><span className="text-error">{detail.state.error}</span></Row>}
            <Row label={t('detail.restarts')} mono>{detail.restartCount}</Row>
            <Row label={t('detail.health')}>
              {health ? t('detail.healthValue', { status: health.status, streak: health.failingStreak }) : t('health.none')}
            </Row>
          </dl>
        </Section>

        <Section title={t('detail.section.config')}>
          <dl className="kv">
            <Row label={t('detail.command')} mono title={command}>{command || '—'}</Row>
            <Row label={t('detail.image')} mono title={detail.imageId}>{detail.image}</Row>
            <Row label={t('detail.created')}>{when(detail.created)}</Row>
            <Row label={t('detail.restartPolicy')} mono>
              {detail.restartPolicy.name || 'no'}
              {detail.restartPolicy.name === 'on-failure' && detail.restartPolicy.maximumRetryCount > 0 && `:${detail.restartPolicy.maximumRetryCount}`}
            </Row>
            <Row label={t('detail.networkMode')} mono>{detail.networkMode}</Row>
            <Row label={t('detail.ports')} mono>{row?.portsPending ? <PortsPending /> : ports.length > 0 ? ports.join(', ') : '—'}</Row>
            <Row label={t('detail.hostname')} mono>{detail.hostname || '—'}</Row>
            <Row label={t('detail.user')} mono>{detail.user || 'root'}</Row>
            <Row label={t('detail.workingDir')} mono>{detail.workingDir || '/'}</Row>
          </dl>
        </Section>

        <Section title={t('detail.section.limits')}>
          <dl className="kv">
            <Row label={t('detail.limitMemory')} mono>{detail.limits.memory > 0 ? formatBytes(detail.limits.memory) : t('detail.unlimited')}</Row>
            <Row label={t('detail.limitCpus')} mono>{detail.limits.nanoCpus > 0 ? String(detail.limits.nanoCpus / 1e9) : t('detail.unlimited')}</Row>
            <Row label={t('detail.cpuShares')} mono>{detail.limits.cpuShares > 0 ? detail.limits.cpuShares : t('detail.default')}</Row>
            <Row label={t('detail.limitPids')} mono>{pidsLimit !== null && pidsLimit > 0 ? pidsLimit : t('detail.unlimited')}</Row>
          </dl>
        </Section>
      </div>

      {health && (
        <Section title={t('detail.section.healthLog')} count={health.log.length}>
          <table className="data-table detail-table" data-testid="health-log">
            <thead>
              <tr>
                <th className="w-time">{t('detail.healthStart')}</th>
                <th className="w-small">{t('detail.healthDuration')}</th>
                <th className="w-small">{t('detail.exitCode')}</th>
                <th>{t('detail.healthOutput')}</th>
              </tr>
            </thead>
            <tbody>
              {health.log.length === 0 ? (
                <tr>
                  <td colSpan={4} className="data-table__empty">{t('detail.healthNoLog')}</td>
                </tr>
              ) : (
                [...health.log].reverse().map((entry, index) => {
                  const start = parseDockerTime(entry.start);
                  const end = parseDockerTime(entry.end);
                  return (
                    <tr key={`${entry.start}-${index}`}>
                      <td>{start !== undefined ? formatDateTime(start, language) : '—'}</td>
                      <td className="mono">{start !== undefined && end !== undefined ? formatDuration(end - start, t) : '—'}</td>
                      <td>
                        <span className={`badge badge--${entry.exitCode === 0 ? 'ok' : 'error'}`}>{entry.exitCode}</span>
                      </td>
                      <td className="mono" title={entry.output}>{entry.output.trim() || '—'}</td>
                    </tr>
                  );
                })
              )}
            </tbody>
          </table>
        </Section>
      )}

      <Section title={t('detail.section.mounts')} count={detail.mounts.length}>
        {detail.mounts.length === 0 ? (
          <p className="muted">{t('detail.noMounts')}</p>
        ) : (
          <table className="data-table detail-table" data-testid="mounts-table">
            <thead>
              <tr>
                <th className="w-small">{t('detail.mountType')}</th>
                <th>{t('detail.mountSource')}</th>
                <th>{t('detail.mountDestination')}</th>
                <th className="w-small">{t('detail.mountMode')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.mounts.map((mount) => (
                <tr key={`${mount.source}->${mount.destination}`}>
                  <td>{mount.type}</td>
                  <td className="mono" title={mount.source}>{mount.source}</td>
                  <td className="mono" title={mount.destination}>{mount.destination}</td>
                  <td className="mono">{mount.rw ? 'rw' : 'ro'}{mount.mode && mount.mode !== 'rw' && mount.mode !== 'ro' ? ` (${mount.mode})` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title={t('detail.section.labels')} count={labels.length}>
        {labels.length === 0 ? (
          <p className="muted">{t('detail.noLabels')}</p>
        ) : (
          <table className="data-table detail-table" data-testid="labels-table">
            <thead>
              <tr>
                <th className="w-key">{t('detail.labelKey')}</th>
                <th>{t('detail.labelValue')}</th>
              </tr>
            </thead>
            <tbody>
              {labels.map(([key, value]) => (
                <tr key={key}>
                  <td className="mono" title={key}>{key}</td>
                  <td className="mono selectable-cell" title={value}>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}

function Section({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  return (
    <section className="panel detail-section">
      <h2 className="section-title">
        {title}
        {count !== undefined && <span className="section-title__count">{count}</span>}
      </h2>
      {children}
    </section>
  );
}

function Row({ label, children, mono = false, title }: { label: string; children: ReactNode; mono?: boolean; title?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined} title={title}>
        {children}
      </dd>
    </>
  );
}
