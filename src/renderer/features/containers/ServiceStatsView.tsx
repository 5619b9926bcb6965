import { lazy, Suspense, useMemo, useState } from 'react';
import type { ContainerAction } from '../../../shared/domain';
import { useAppInfo } from '../../core/app-info';
import { hrefFor } from '../../core/router';
import { formatBytes } from '../../core/bytes';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { useNow } from '../../core/time';
import { useT } from '../../i18n';
import { ActionButtons } from './ActionButtons';
import { ActionDialog, type DialogTarget } from './ActionDialog';
import { ContainerStateBadge, EnvironmentTag } from './ContainerStateBadge';
import { serviceKey, sortContainers } from './container-list';
import { detailPath } from './containers-route';
import { containerKey } from './fleet-state';
import { formatDuration, formatPercent } from './format';
import { isProductionEnvironment } from '../../../shared/production';
import { sumPoints, toPoints } from './stats-math';
import type { Fleet } from './use-fleet';
import { useStatsHistory } from './use-stats';

const StatsCharts = lazy(() => import('./StatsCharts'));

/** One compose service across every engine: its replicas, and their stats summed. */
export function ServiceStatsView({ fleet, project, service }: { fleet: Fleet; project: string; service: string }) {
  const t = useT();
  const { info } = useAppInfo();
  const now = useNow(1000);
  const [dialog, setDialog] = useState<ContainerAction>();
  const key = project ? `${project}/${service}` : service;
  const productionEnvironments = info?.productionEnvironments ?? [];

  const replicas = useMemo(
    () => sortContainers(fleet.containers.filter((c) => serviceKey(c) === key), { column: 'name', descending: false }),
    [fleet.containers, key],
  );
  const running = useMemo(() => replicas.filter((c) => c.state === 'running'), [replicas]);
  const refs = useMemo(() => running.map((c) => ({ engine: c.engine, id: c.id })), [running]);
  const history = useStatsHistory(refs);

  const replicaKeys = useMemo(() => new Set(replicas.map(containerKey)), [replicas]);
  const points = useMemo(() => {
    const series = [...history.samples.entries()].filter(([k]) => replicaKeys.has(k)).map(([, samples]) => toPoints(samples));
    return sumPoints(series);
    // history.version tells when the samples (kept in a ref) changed
  }, [history, history.version, replicaKeys]);

  const latest = (k: string) => {
    const samples = history.samples.get(k);
    return samples?.[samples.length - 1];
  };
  const targets: DialogTarget[] = replicas.map((c) => ({
    engine: c.engine,
    id: c.id,
    name: c.name,
    environment: c.environment,
    production: isProductionEnvironment(c.environment, productionEnvironments),
    service: serviceKey(c),
    state: c.state,
  }));

  return (
    <div className="screen-frame" data-testid="service-stats-view" data-service={key}>
      <ScreenHeader
        breadcrumb={
          <>
            <a href={hrefFor('containers')}>{t('nav.containers')}</a>
            <span aria-hidden="true">/</span>
            <span>{t('service.breadcrumb')}</span>
          </>
        }
        title={key}
        subtitle={t('service.subtitle', { running: running.length, total: replicas.length })}
        actions={<ActionButtons states={replicas.map((c) => c.state)} onAction={setDialog} />}
      />
      <div className="screen-body detail-body">
        <section className="panel detail-section">
          <h2 className="section-title">
            {t('service.replicas')} <span className="section-title__count">{replicas.length}</span>
          </h2>
          {replicas.length === 0 ? (
            <p className="muted">{t('service.noReplicas')}</p>
          ) : (
            <table className="data-table detail-table replicas-table" data-testid="replicas-table">
              <thead>
                <tr>
                  <th>{t('containers.col.name')}</th>
                  <th>{t('containers.col.host')}</th>
                  <th>{t('containers.col.state')}</th>
                  <th>{t('containers.col.uptime')}</th>
                  <th className="num">{t('containers.col.cpu')}</th>
                  <th className="num">{t('containers.col.memory')}</th>
                  <th>{t('containers.col.environment')}</th>
                </tr>
              </thead>
              <tbody>
                {replicas.map((c) => {
                  const sample = c.state === 'running' ? latest(containerKey(c)) : undefined;
                  return (
                    <tr key={containerKey(c)} data-testid="replica-row" data-name={c.name} data-state={c.state}>
                      <td className="mono">
                        <a href={hrefFor(detailPath(c.engine, c.id))}>{c.name}</a>
                      </td>
                      <td className="mono">{c.engine}</td>
                      <td>
                        <ContainerStateBadge container={c} />
                      </td>
                      <td>{c.state === 'running' && c.startedAt !== undefined ? formatDuration(now - c.startedAt, t) : '—'}</td>
                      <td className="num">{sample ? formatPercent(sample.cpuPercent) : '—'}</td>
                      <td className="num">{sample ? formatBytes(sample.memUsed) : '—'}</td>
                      <td>
                        <EnvironmentTag environment={c.environment} production={isProductionEnvironment(c.environment, productionEnvironments)} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
        <h2 className="section-title">{t('service.summed', { count: running.length })}</h2>
        <Suspense fallback={<Spinner />}>
          <StatsCharts points={points} now={now} emptyText={running.length === 0 ? t('service.noneRunning') : undefined} />
        </Suspense>
      </div>
      {dialog && <ActionDialog action={dialog} targets={targets} onClose={() => setDialog(undefined)} />}
    </div>
  );
}
