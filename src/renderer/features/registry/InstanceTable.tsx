import type { ReactNode } from 'react';
import type { InstanceView, RegistryServiceView } from '../../../shared/domain';
import { IconAlert } from '../../components/icons';
import { keepDistinct, keepLast, keepPort } from '../../components/keep-text';
import { KeepText } from '../../components/KeepText';
import { PortsPending } from '../../components/PortsPending';
import { StatusDot } from '../../components/StatusDot';
import { useT } from '../../i18n';
import { DRIFT_KINDS, instanceState, instanceTone, problemKinds, problemTone, ttlFraction, ttlTone } from './services-view';

export const INSTANCE_COLUMNS = 8;

/** How many characters of a lease ID stay visible when it is cut: its start is the same for every lease of a member. */
const LEASE_KEPT = 6;

export function InstanceTableHead() {
  const t = useT();
  return (
    <>
      <colgroup>
        <col className="reg-col-endpoint" />
        <col className="reg-col-value" />
        <col className="reg-col-container" />
        <col className="reg-col-lease" />
        <col className="reg-col-ttl" />
        <col className="reg-col-heartbeat" />
        <col className="reg-col-revisions" />
        <col className="reg-col-actions" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col" className="reg-col-endpoint">{t('registry.col.endpoint')}</th>
          <th scope="col" className="reg-col-value">{t('registry.col.value')}</th>
          <th scope="col" className="reg-col-container">{t('registry.col.container')}</th>
          <th scope="col" className="reg-col-lease">{t('registry.col.lease')}</th>
          <th scope="col" className="reg-col-ttl">{t('registry.col.ttl')}</th>
          <th scope="col" className="reg-col-heartbeat">{t('registry.col.heartbeat')}</th>
          <th scope="col" className="reg-col-revisions">{t('registry.col.revisions')}</th>
          <th scope="col" className="reg-col-actions">
            <span className="visually-hidden">{t('registry.col.actions')}</span>
          </th>
        </tr>
      </thead>
    </>
  );
}

interface InstanceRowsProps {
  instance: InstanceView;
  dockerReady: boolean;
  /** Every engine in the view, to keep what tells them apart when the container column is narrow. */
  engines: readonly string[];
  onAction(action: 'deregister' | 'revoke', instance: InstanceView): void;
}

/** One instance: its row, and a second row with its problems when it has any (one tbody for both). */
export function InstanceRows({ instance, dockerReady, engines, onAction }: InstanceRowsProps) {
  const t = useT();
  const state = instanceState(instance);
  const tone = instanceTone(instance);
  const kinds = problemKinds(instance);
  const endpoint = `${instance.ip}:${instance.port}`;
  const valueMatches = instance.value === endpoint;
  return (
    <tbody
      className={`reg-instance${tone ? ` reg-instance--${tone}` : ''}`}
      data-testid="registry-instance"
      data-key={instance.key}
      data-state={state}
      data-problems={kinds.join(',')}
    >
      <tr>
        <td className="reg-col-endpoint" title={valueMatches ? instance.key : `${instance.key}\n${t('registry.col.value')}: ${instance.value}`}>
          <span className="reg-endpoint">
            <StatusDot tone={tone === 'error' ? 'error' : tone ? 'warn' : 'ok'} />
            <KeepText text={endpoint} keep={keepPort(endpoint)} className="mono reg-strong" title={false} />
          </span>
        </td>
        <td className={`reg-col-value mono${valueMatches ? ' muted' : ' reg-text-warn'}`} title={instance.value}>
          <KeepText text={instance.value} keep={keepPort(instance.value)} title={false} />
        </td>
        <td className="reg-col-container" title={instance.container ? `${instance.container.engine} / ${instance.container.name} (${instance.container.state})` : undefined}>
          {instance.container ? (
            <ContainerRef engine={instance.container.engine} name={instance.container.name} engines={engines} />
          ) : instance.portsPending ? (
            <PortsPending />
          ) : dockerReady ? (
            <span className="reg-nothing" data-testid="registry-nothing-serving">
              <IconAlert width={13} height={13} />
              {t('registry.instance.nothingServing')}
            </span>
          ) : (
            <span className="muted">{t('registry.instance.matching')}</span>
          )}
        </td>
        <td className="reg-col-lease mono" title={instance.lease === '0' ? undefined : instance.lease}>
          {instance.lease === '0' ? <span className="muted">{t('registry.instance.noLease')}</span> : <KeepText text={instance.lease} keep={keepLast(instance.lease, LEASE_KEPT)} title={false} />}
        </td>
        <td className="reg-col-ttl">
          <TtlBar instance={instance} />
        </td>
        <td className="reg-col-heartbeat mono">
          {instance.refreshInterval !== undefined ? (
            <span title={t('registry.heartbeat.title')}>
              {t('registry.heartbeat.value', { interval: instance.refreshInterval.toFixed(1), jitter: (instance.refreshJitter ?? 0).toFixed(1) })}
            </span>
          ) : (
            <span className="muted" title={t('registry.heartbeat.notYet')}>
              —
            </span>
          )}
        </td>
        <td className="reg-col-revisions mono muted" title={t('registry.revisions.title', { create: instance.createRevision, mod: instance.modRevision })}>
          {instance.createRevision} → {instance.modRevision}
        </td>
        <td className="reg-col-actions">
          <span className="reg-actions">
            <button type="button" className="btn btn--small reg-btn--danger-outline" onClick={() => onAction('deregister', instance)} data-testid="instance-deregister">
              {t('registry.action.deregister')}
            </button>
            <button
              type="button"
              className="btn btn--small"
              onClick={() => onAction('revoke', instance)}
              disabled={instance.lease === '0'}
              title={instance.lease === '0' ? t('registry.instance.noLease') : undefined}
              data-testid="instance-revoke"
            >
              {t('registry.action.revoke')}
            </button>
          </span>
        </td>
      </tr>
      {instance.problems.length > 0 && (
        <tr className="reg-instance__problems">
          <td colSpan={INSTANCE_COLUMNS}>
            <ul className="reg-problems">
              {[...instance.problems].sort((a, b) => DRIFT_KINDS.indexOf(a.kind) - DRIFT_KINDS.indexOf(b.kind)).map((problem, index) => (
                <li key={`${problem.kind}-${index}`} className="reg-problem" data-testid="registry-problem" data-kind={problem.kind}>
                  <span className={`reg-badge reg-tone--${problemTone(problem.kind)}`}>{t(`registry.problem.${problem.kind}`)}</span>
                  <span className="reg-problem__message">{problem.message}</span>
                </li>
              ))}
            </ul>
          </td>
        </tr>
      )}
    </tbody>
  );
}

/** The lease's remaining seconds as a bar that empties towards expiry, with the granted TTL. */
export function TtlBar({ instance }: { instance: Pick<InstanceView, 'ttl' | 'grantedTtl' | 'lease'> }) {
  const t = useT();
  const { ttl, grantedTtl, lease } = instance;
  if (lease === '0') return <span className="muted" data-testid="registry-ttl" data-ttl="">—</span>;
  if (ttl === undefined)
    return (
      <span className="muted" data-testid="registry-ttl" data-ttl="">
        {t('registry.ttl.unknown')}
      </span>
    );
  const tone = ttlTone(ttl, grantedTtl);
  return (
    <span className="reg-ttl" data-testid="registry-ttl" data-ttl={ttl} title={t('registry.ttl.title', { ttl, granted: grantedTtl ?? '?' })}>
      <span className="reg-ttl__track">
        <span className={`reg-ttl__fill reg-ttl__fill--${tone}`} style={{ width: `${ttlFraction(ttl, grantedTtl) * 100}%` }} />
      </span>
      <span className={`reg-ttl__text mono${tone === 'error' ? ' text-error' : ''}`}>
        {t('registry.ttl.value', { ttl: Math.max(0, ttl), granted: grantedTtl ?? '?' })}
      </span>
    </span>
  );
}

/** `engine / name`: when cut, the engine gives way first (keeping what tells it from the others), the name last. */
function ContainerRef({ engine, name, engines, children }: { engine: string; name: string; engines: readonly string[]; children?: ReactNode }) {
  return (
    <span className="reg-container">
      <KeepText text={engine} keep={keepDistinct(engine, engines)} className="muted reg-container__engine" title={false} />
      <span className="muted reg-container__sep"> / </span>
      <span className="mono reg-container__name">{name}</span>
      {children}
    </span>
  );
}

export function UnregisteredRow({ replica, service, engines }: { replica: RegistryServiceView['unregistered'][number]; service: string; engines: readonly string[] }) {
  const t = useT();
  const ports = replica.ports.length ? replica.ports.map((p) => `:${p}`).join(' ') : '—';
  return (
    <tr className="reg-unregistered__row" data-testid="registry-unregistered" data-name={replica.name}>
      <td className="reg-col-endpoint">
        <span className="reg-endpoint">
          <StatusDot tone="warn" />
          <span className="reg-badge reg-tone--warn">{t('registry.problem.unregistered')}</span>
        </span>
      </td>
      <td className="reg-col-value mono">{ports}</td>
      <td className="reg-col-container" title={`${replica.engine} / ${replica.name}`}>
        <ContainerRef engine={replica.engine} name={replica.name} engines={engines}>
          {/* Shown here when the value column (where the ports are) is collapsed at narrow widths. */}
          <span className="mono muted reg-unregistered__ports">{ports}</span>
        </ContainerRef>
      </td>
      <td colSpan={INSTANCE_COLUMNS - 3} className="reg-unregistered__message">
        {t('registry.unregistered.message', { prefix: `/${service}/` })}
      </td>
    </tr>
  );
}
