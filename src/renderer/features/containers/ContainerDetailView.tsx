import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { isContainerAction } from '../../../shared/container-actions';
import type { ContainerAction, ContainerDetail, ContainerState } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { useAppInfo } from '../../core/app-info';
import { hrefFor, useQueryParam } from '../../core/router';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { formatAgo, useNow } from '../../core/time';
import { useSessionState } from '../../core/use-session-state';
import { useLanguage, useT } from '../../i18n';
import { isRpcError } from '../../../shared/rpc-error';
import { ActionButtons } from './ActionButtons';
import { ActionDialog } from './ActionDialog';
import { ContainerStateBadge, EnvironmentTag } from './ContainerStateBadge';
import { asContainerState, serviceKey, serviceLabel } from './container-list';
import { serviceDisplayName } from '../../../shared/service-name';
import { servicePath } from './containers-route';
import { containerKey, findContainer, isStale } from './fleet-state';
import { formatDuration, parseDockerTime } from './format';
import { isProductionEnvironment } from '../../../shared/production';
import { toPoints } from './stats-math';
import { EnvTab } from './detail/EnvTab';
import { LayersTab } from './detail/LayersTab';
import { OverviewTab } from './detail/OverviewTab';
import { Pivots } from './detail/Pivots';
import { useWatch } from '../../core/watch';
import { ProcessesTab } from './detail/ProcessesTab';
import type { Fleet } from './use-fleet';
import { useStatsHistory } from './use-stats';

const StatsCharts = lazy(() => import('./StatsCharts'));

const TABS = ['overview', 'env', 'processes', 'layers', 'stats'] as const;
type Tab = (typeof TABS)[number];

/** One container: overview, environment, processes, image layers and live stats; actions in the header. */
export function ContainerDetailView({ fleet, engine, id }: { fleet: Fleet; engine: string; id: string }) {
  const watchNotes = useWatch().view?.containers;
  const t = useT();
  const [language] = useLanguage();
  const { info } = useAppInfo();
  const now = useNow(1000);
  const row = findContainer(fleet.state, engine, id);
  const fullId = row?.id ?? id;
  const [detail, setDetail] = useState<ContainerDetail>();
  const [error, setError] = useState<{ message: string; notFound: boolean }>();
  const [storedTab, setTab] = useSessionState<Tab>('containers.detailTab', 'overview');
  const tab: Tab = TABS.includes(storedTab) ? storedTab : 'overview';
  const [dialog, setDialog] = useState<ContainerAction>();
  // A link may ask for an action (`?action=restart`, from the palette): its usual confirmation opens.
  useQueryParam('action', (action) => {
    if (isContainerAction(action)) setDialog(action);
    window.history.replaceState(null, '', window.location.hash.split('?')[0]);
  });

  const load = useCallback(() => {
    client.invoke('containers.inspect', { engine, id: fullId }).then(
      (result) => {
        setDetail(result);
        setError(undefined);
      },
      (err: unknown) => setError({ message: errorMessage(err), notFound: isRpcError(err) && err.code === 'NOT_FOUND' }),
    );
  }, [engine, fullId]);

  // Again whenever the live row says the container changed (started, stopped, restarted).
  useEffect(load, [load, row?.state, row?.startedAt, row?.restartCount, row?.health]);

  const state: ContainerState = row?.state ?? asContainerState(detail?.state.status);
  const running = state === 'running';
  const name = row?.name ?? detail?.name ?? id;
  const environment = row?.environment ?? detail?.environment;
  const production = detail?.production ?? isProductionEnvironment(environment, info?.productionEnvironments ?? []);
  const stale = row !== undefined && isStale(fleet.state.engines.get(engine));
  // Seen in the fleet while open, and now gone from a live engine: removed (by us or someone else).
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    if (row) setSeen(true);
  }, [row]);
  const gone = seen && row === undefined && !isStale(fleet.state.engines.get(engine));

  // The live row and the last inspect may disagree for a moment: offer what fits either.
  const offeredStates = [row?.state, detail?.state.status].filter((s): s is string => Boolean(s));
  if (offeredStates.length === 0) offeredStates.push(state);

  const statsRefs = useMemo(() => (running ? [{ engine, id: fullId }] : []), [running, engine, fullId]);
  const history = useStatsHistory(statsRefs);
  const points = useMemo(
    () => toPoints(history.samples.get(containerKey({ engine, id: fullId })) ?? []),
    // version tells when the samples (kept in a ref) changed
    [history, history.version, engine, fullId],
  );

  const startedAt = row?.startedAt ?? parseDockerTime(detail?.state.startedAt);
  const finishedAt = row?.finishedAt ?? parseDockerTime(detail?.state.finishedAt);
  const uptime =
    running && startedAt !== undefined
      ? t('detail.upFor', { duration: formatDuration(now - startedAt, t) })
      : finishedAt !== undefined && (state === 'exited' || state === 'dead')
        ? t('containers.exitedAgo', { ago: formatAgo(finishedAt, now, language) })
        : undefined;
  const service = row ? serviceLabel(row) : '';

  // Why the watch calls it degraded (a restart loop, a recent non-zero exit), beside its state.
  const note = watchNotes?.[`${engine}/${fullId}`];
  return (
    <div className="screen-frame" data-testid="container-detail" data-name={name} data-engine={engine} data-state={state}>
      <ScreenHeader
        breadcrumb={
          <>
            <a href={hrefFor('containers')}>{t('nav.containers')}</a>
            <span aria-hidden="true">/</span>
            <span className="mono">{engine}</span>
            {row?.service && (
              <>
                <span aria-hidden="true">/</span>
                <a href={hrefFor(servicePath(row.project, row.service))} className="mono" title={`${t('containers.serviceStats')} (${serviceKey(row)})`}>
                  {serviceDisplayName(row)}
                </a>
              </>
            )}
          </>
        }
        title={name}
        titleExtra={
          <span className="detail-badges">
            <ContainerStateBadge container={{ state, status: row?.status ?? '', health: row?.health ?? 'none', exitCode: row?.exitCode ?? detail?.state.exitCode }} />
            <EnvironmentTag environment={environment} production={production} />
          </span>
        }
        subtitle={[service, detail?.image ?? row?.image, uptime, fullId.slice(0, 12)].filter(Boolean).join(' · ')}
        actions={<ActionButtons states={gone ? [] : offeredStates} onAction={setDialog} />}
      />
      <div className="screen-body detail-body">
        <Pivots
          container={{ engine, id: fullId, service: row?.service ?? detail?.labels['com.docker.compose.service'], environment }}
          name={name}
          running={running && !gone}
        />
        {note && (
          <ErrorBanner tone={note.level === 'error' ? 'error' : 'warn'} title={t('detail.degraded')} message={note.reason} testId="container-degraded">
            <a href="#/incidents">{t('detail.degradedIncident')}</a>
          </ErrorBanner>
        )}
        {stale && <ErrorBanner tone="warn" message={t('detail.stale', { engine })} />}
        {gone && <ErrorBanner message={t('detail.gone', { name, engine })} testId="container-gone" />}
        {error && !gone && <ErrorBanner message={error.notFound ? t('detail.notFound', { id, engine }) : t('detail.loadFailed', { message: error.message })} />}

        <div className="tabs" role="tablist" aria-label={t('detail.tabs')}>
          {TABS.map((value) => (
            <button
              key={value}
              type="button"
              role="tab"
              aria-selected={tab === value}
              className={`tab${tab === value ? ' tab--active' : ''}`}
              onClick={() => setTab(value)}
              data-testid={`detail-tab-${value}`}
            >
              {t(`detail.tab.${value}`)}
              {value === 'env' && detail && <span className="tab__count">{detail.env.length}</span>}
            </button>
          ))}
        </div>

        <div className="tab-panel" role="tabpanel" data-tab={tab}>
          {!detail ? (
            !error && (
              <p className="loading-line">
                <Spinner /> {t('common.loading')}
              </p>
            )
          ) : tab === 'overview' ? (
            <OverviewTab detail={detail} row={row} />
          ) : tab === 'env' ? (
            <EnvTab env={detail.env} />
          ) : tab === 'processes' ? (
            <ProcessesTab engine={engine} id={detail.id} running={running} />
          ) : tab === 'layers' ? (
            <LayersTab engine={engine} image={detail.imageId || detail.image} />
          ) : (
            <div className="detail-tab-body">
              {!running && <p className="muted">{t('stats.notRunning')}</p>}
              <Suspense fallback={<Spinner />}>
                <StatsCharts points={points} now={now} />
              </Suspense>
            </div>
          )}
        </div>
      </div>
      {dialog && (
        <ActionDialog
          action={dialog}
          targets={[{ engine, id: fullId, name, environment, production, service: row ? serviceKey(row) : '', state }]}
          onClose={() => setDialog(undefined)}
          onFinished={load}
        />
      )}
    </div>
  );
}
