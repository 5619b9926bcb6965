import { useQueryParam } from '../../core/router';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DriftKind, InstanceView, RegistryServiceView, RegistryView } from '../../../shared/domain';
import { client } from '../../api';
import { useAppInfo } from '../../core/app-info';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { IconRegistry, IconSearch } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { useSessionState } from '../../core/use-session-state';
import { useT } from '../../i18n';
import { ChangeDialog } from './ChangeDialog';
import { InstanceRows, InstanceTableHead, UnregisteredRow } from './InstanceTable';
import { isProductionKey } from '../../../shared/production';
import { DRIFT_KINDS, environments, filterServices, keysOfLease, problemTone, serviceId, summarize, type ServiceFilter } from './services-view';

interface ServicesTabProps {
  view?: RegistryView;
  error?: string;
}

type Pending = { action: 'deregister' | 'revoke'; instance: InstanceView; service: RegistryServiceView };

/** Every service in the registry, its instances matched to containers, and what is wrong with them. */
export function ServicesTab({ view, error }: ServicesTabProps) {
  const t = useT();
  const [text, setText] = useSessionState('registry.services.text', '');
  useQueryParam('text', setText);
  const [env, setEnv] = useSessionState('registry.services.env', '');
  const [onlyProblems, setOnlyProblems] = useSessionState('registry.services.onlyProblems', false);
  const [kind, setKind] = useSessionState<DriftKind | ''>('registry.services.kind', '');
  const [pending, setPending] = useState<Pending>();

  const services = useMemo(() => view?.services ?? [], [view]);
  const summary = useMemo(() => summarize(services, view?.oddKeys.length ?? 0), [services, view]);
  const envs = useMemo(() => environments(services), [services]);
  // Every engine named in the tables: a narrow container column keeps what tells them apart.
  const engines = useMemo(() => {
    const names = new Set<string>();
    for (const service of services) {
      for (const instance of service.instances) if (instance.container) names.add(instance.container.engine);
      for (const replica of service.unregistered) names.add(replica.engine);
    }
    return [...names].sort();
  }, [services]);
  const filter: ServiceFilter = { text, env, onlyProblems, kind };
  const shown = useMemo(() => filterServices(services, { text, env, onlyProblems, kind }), [services, text, env, onlyProblems, kind]);
  const filtered = filter.text !== '' || filter.env !== '' || filter.onlyProblems || filter.kind !== '';
  const byId = useMemo(() => new Map(services.map((s) => [serviceId(s), s])), [services]);
  // Hundreds of services: cards are drawn a page at a time as the list scrolls (the filter finds any of them).
  const [limit, setLimit] = useState(CARDS_PER_PAGE);
  useEffect(() => setLimit(CARDS_PER_PAGE), [text, env, onlyProblems, kind]);

  return (
    <>
      {error && <ErrorBanner tone="warn" message={t('registry.streamLost', { message: error })} testId="registry-view-error" />}
      {view === undefined ? (
        !error && (
          <p className="loading-line">
            <Spinner /> {t('registry.loadingView')}
          </p>
        )
      ) : (
        <>
          {!view.dockerReady && (
            <ErrorBanner tone="warn" title={t('registry.dockerLoading.title')} message={t('registry.dockerLoading.body')} testId="registry-docker-loading" />
          )}
          <div className="reg-summary" data-testid="registry-summary">
            <span className="reg-summary__counts">
              {t('registry.summary.counts', { services: summary.services, instances: summary.instances })}
            </span>
            <span className="reg-summary__sep" aria-hidden="true" />
            {summary.withProblems === 0 && summary.byKind.unregistered === 0 ? (
              <span className="badge badge--ok">{t('registry.summary.noProblems')}</span>
            ) : (
              <span className="reg-summary__kinds">
                <span className="muted">{t('registry.summary.problems')}</span>
                {DRIFT_KINDS.filter((k) => summary.byKind[k] > 0).map((k) => (
                  <button
                    key={k}
                    type="button"
                    className={`reg-kind-chip reg-tone--${problemTone(k)}${kind === k ? ' reg-kind-chip--active' : ''}`}
                    onClick={() => setKind(kind === k ? '' : k)}
                    aria-pressed={kind === k}
                    title={t('registry.summary.kindHint')}
                    data-testid="registry-kind-chip"
                    data-kind={k}
                  >
                    {t(`registry.problem.${k}`)}
                    <span className="reg-kind-chip__count">{summary.byKind[k]}</span>
                  </button>
                ))}
              </span>
            )}
            {summary.oddKeys > 0 && <span className="badge badge--warn">{t('registry.summary.oddKeys', { count: summary.oddKeys })}</span>}
          </div>

          <div className="toolbar">
            <label className="search-field search-field--small reg-filter">
              <IconSearch className="search-field__icon" />
              <span className="visually-hidden">{t('registry.filter.label')}</span>
              <input
                type="search"
                value={text}
                placeholder={t('registry.filter.placeholder')}
                onChange={(event) => setText(event.target.value)}
                spellCheck={false}
                data-testid="registry-filter"
              />
            </label>
            <label className="field">
              <span>{t('registry.filter.env')}</span>
              <select className="select select--compact" value={env} onChange={(event) => setEnv(event.target.value)} data-testid="registry-filter-env">
                <option value="">{t('registry.filter.allEnvs')}</option>
                {envs.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={onlyProblems} onChange={(event) => setOnlyProblems(event.target.checked)} data-testid="registry-only-problems" />
              {t('registry.filter.onlyProblems')}
            </label>
            {filtered && (
              <button
                type="button"
                className="btn btn--ghost btn--small"
                onClick={() => {
                  setText('');
                  setEnv('');
                  setOnlyProblems(false);
                  setKind('');
                }}
              >
                {t('registry.filter.clear')}
              </button>
            )}
            <span className="toolbar__spacer" />
            <span className="toolbar__count muted">
              {t('registry.filter.count', { shown: shown.length, total: services.length })}
            </span>
          </div>

          {services.length === 0 ? (
            <EmptyState icon={<IconRegistry width={40} height={40} />} title={t('registry.noServices.title')}>
              <p>{t('registry.noServices.body')}</p>
            </EmptyState>
          ) : shown.length === 0 ? (
            <p className="reg-nomatch muted">{t('registry.filter.noMatch')}</p>
          ) : (
            <div className="reg-services">
              {shown.slice(0, limit).map((service) => (
                <ServiceCard
                  key={serviceId(service)}
                  service={service}
                  full={byId.get(serviceId(service)) ?? service}
                  dockerReady={view.dockerReady}
                  engines={engines}
                  onAction={(action, instance) => setPending({ action, instance, service })}
                />
              ))}
              {shown.length > limit && <MoreCards left={shown.length - limit} onMore={() => setLimit((n) => n + CARDS_PER_PAGE)} />}
            </div>
          )}

          {view.oddKeys.length > 0 && (
            <section className="reg-odd panel" data-testid="registry-odd-keys">
              <h2 className="section-title">
                {t('registry.oddKeys.title')}
                <span className="section-title__count">{view.oddKeys.length}</span>
              </h2>
              <ul className="reg-odd__list">
                {view.oddKeys.map((odd) => (
                  <li key={odd.key}>
                    <code className="selectable">{odd.key}</code> <span className="muted">{odd.message}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      {pending && <InstanceActionDialog pending={pending} view={view} onClose={() => setPending(undefined)} />}
    </>
  );
}

const CARDS_PER_PAGE = 40;

/** The next page of service cards: drawn when this comes near the screen, or on a click. */
function MoreCards({ left, onMore }: { left: number; onMore: () => void }) {
  const t = useT();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onMore(), { rootMargin: '600px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [onMore]);
  return (
    <button ref={ref} type="button" className="btn btn--ghost reg-more" onClick={onMore} data-testid="registry-more-services">
      {t('registry.moreServices', { count: left })}
    </button>
  );
}

interface ServiceCardProps {
  /** The instances the filter let through. */
  service: RegistryServiceView;
  /** The whole service (for its counts). */
  full: RegistryServiceView;
  dockerReady: boolean;
  /** Every engine in the registry's view, to tell them apart when their names are cut. */
  engines: readonly string[];
  onAction(action: 'deregister' | 'revoke', instance: InstanceView): void;
}

function ServiceCard({ service, full, dockerReady, engines, onAction }: ServiceCardProps) {
  const t = useT();
  const id = serviceId(service);
  const served = full.instances.filter((i) => i.container).length;
  const withProblems = full.instances.filter((i) => i.problems.length).length;
  const tone = full.instances.some((i) => i.problems.some((p) => p.kind === 'stale')) ? 'error' : withProblems || full.unregistered.length ? 'warn' : 'ok';
  return (
    <section className={`reg-service reg-service--${tone}`} data-testid="registry-service" data-service={id} data-production={String(service.production)}>
      <header className="reg-service__header">
        <h2 className="reg-service__name">
          <span className="mono">{service.app}</span>
          <span className="reg-env">{service.env}</span>
        </h2>
        {service.production && <span className="tag tag--prod">{t('registry.production')}</span>}
        <span className="reg-service__counts muted">
          {t('registry.service.counts', { instances: full.instances.length, served })}
          {dockerReady && full.unregistered.length > 0 && ` · ${t('registry.service.unregisteredCount', { count: full.unregistered.length })}`}
        </span>
        <span className="reg-service__prefix mono muted">/{id}/</span>
      </header>
      <table className="data-table reg-instances">
        <InstanceTableHead />
        {service.instances.map((instance) => (
          <InstanceRows key={instance.key} instance={instance} dockerReady={dockerReady} engines={engines} onAction={onAction} />
        ))}
        {service.unregistered.length > 0 && (
          <tbody className="reg-unregistered">
            {service.unregistered.map((replica) => (
              <UnregisteredRow key={`${replica.engine}/${replica.id}`} replica={replica} service={id} engines={engines} />
            ))}
          </tbody>
        )}
        {service.instances.length === 0 && service.unregistered.length === 0 && (
          <tbody>
            <tr>
              <td colSpan={8} className="data-table__empty">
                {t('registry.service.noInstances')}
              </td>
            </tr>
          </tbody>
        )}
      </table>
    </section>
  );
}

function InstanceActionDialog({ pending, view, onClose }: { pending: Pending; view?: RegistryView; onClose(): void }) {
  const t = useT();
  const { info } = useAppInfo();
  const productionEnvs = info?.productionEnvironments ?? [];
  const { instance, service, action } = pending;

  if (action === 'deregister') {
    const production = service.production || isProductionKey(instance.key, productionEnvs);
    return (
      <ChangeDialog
        action="deregister"
        title={t('registry.deregister.title')}
        description={t('registry.deregister.describe', { key: instance.key })}
        facts={[
          { label: t('registry.fact.key'), value: instance.key, mono: true },
          { label: t('registry.fact.value'), value: instance.value, mono: true },
          { label: t('registry.fact.container'), value: instance.container ? `${instance.container.engine} / ${instance.container.name}` : t('registry.instance.nothingServing') },
          { label: t('registry.fact.lease'), value: instance.lease === '0' ? t('registry.instance.noLease') : t('registry.deregister.leaseStays', { lease: instance.lease }) },
        ]}
        productionEnv={production ? service.env : undefined}
        word={production ? instance.key : undefined}
        wordKind="key"
        confirmLabel={t('registry.action.deregister')}
        run={async (confirmName) => {
          const result = await client.invoke('registry.deregister', { key: instance.key, ...(confirmName !== undefined ? { confirmName } : {}) });
          return t('registry.deregister.done', { key: instance.key, revision: result.revision });
        }}
        onClose={onClose}
      />
    );
  }

  const keys = keysOfLease(view, instance.lease);
  const attached = keys.length ? keys : [instance.key];
  const production = service.production || attached.some((key) => isProductionKey(key, productionEnvs));
  return (
    <ChangeDialog
      action="revoke-lease"
      title={t('registry.revoke.title')}
      description={t('registry.revoke.describe', { lease: instance.lease, count: attached.length })}
      facts={[
        { label: t('registry.fact.lease'), value: instance.lease, mono: true },
        {
          label: t('registry.fact.keysAttached'),
          value: (
            <ul className="reg-dialog__keys">
              {attached.map((key) => (
                <li key={key}>{key}</li>
              ))}
            </ul>
          ),
          mono: true,
        },
        { label: t('registry.fact.ttl'), value: instance.ttl !== undefined ? t('registry.ttl.value', { ttl: instance.ttl, granted: instance.grantedTtl ?? '?' }) : '—' },
      ]}
      productionEnv={production ? service.env : undefined}
      word={production ? instance.lease : undefined}
      wordKind="lease"
      confirmLabel={t('registry.action.revoke')}
      run={async (confirmName) => {
        const result = await client.invoke('registry.revokeLease', { lease: instance.lease, ...(confirmName !== undefined ? { confirmName } : {}) });
        return t('registry.revoke.done', { lease: instance.lease, count: result.keys.length });
      }}
      onClose={onClose}
    />
  );
}
