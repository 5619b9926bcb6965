import type { InstanceView, RegistryServiceView } from '../../../shared/domain';
import { IconAlert } from '../../components/icons';
import { StatusDot } from '../../components/StatusDot';
import { useT } from '../../i18n';
import { DRIFT_KINDS, instanceState, instanceTone, problemKinds, problemTone, ttlFraction, ttlTone } from './services-view';

export const INSTANCE_COLUMNS = 8;

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
          <th scope="col">{t('registry.col.endpoint')}</th>
          <th scope="col">{t('registry.col.value')}</th>
          <th scope="col">{t('registry.col.container')}</th>
          <th scope="col">{t('registry.col.lease')}</th>
          <th scope="col">{t('registry.col.ttl')}</th>
          <th scope="col">{t('registry.col.heartbeat')}</th>
          <th scope="col">{t('registry.col.revisions')}</th>
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
  onAction(action: 'deregister' | 'revoke', instance: InstanceView): void;
}

/** One instance: its row, and a second row with its problems when it has any (one tbody for both). */
export function InstanceRows({ instance, dockerReady, onAction }: InstanceRowsProps) {
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
        <td className="reg-col-endpoint" title={instance.key}>
          <span className="reg-endpoint">
            <StatusDot tone={tone === 'error' ? 'error' : tone ? 'warn' : 'ok'} />
            <span className="mono reg-strong">{endpoint}</span>
          </span>
        </td>
        <td className={`mono${valueMatches ? ' muted' : ' reg-text-warn'}`} title={instance.value}>
          {instance.value}
        </td>
        <td title={instance.container ? `${instance.container.engine} / ${instance.container.name} (${instance.container.state})` : undefined}>
          {instance.container ? (
            <span className="reg-container">
              <span className="muted">{instance.container.engine}</span>
              <span className="muted"> / </span>
              <span className="mono">{instance.container.name}</span>
            </span>
          ) : dockerReady ? (
            <span className="reg-nothing" data-testid="registry-nothing-serving">
              <IconAlert width={13} height={13} />
              {t('registry.instance.nothingServing')}
            </span>
          ) : (
            <span className="muted">{t('registry.instance.matching')}</span>
          )}
        </td>
        <td className="mono" title={instance.lease === '0' ? undefined : instance.lease}>
          {instance.lease === '0' ? <span className="muted">{t('registry.instance.noLease')}</span> : instance.lease}
        </td>
        <td>
          <TtlBar instance={instance} />
        </td>
        <td className="mono">
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
        <td className="mono muted" title={t('registry.revisions.title', { create: instance.createRevision, mod: instance.modRevision })}>
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

export function UnregisteredRow({ replica, service }: { replica: RegistryServiceView['unregistered'][number]; service: string }) {
  const t = useT();
  return (
    <tr className="reg-unregistered__row" data-testid="registry-unregistered" data-name={replica.name}>
      <td>
        <span className="reg-endpoint">
          <StatusDot tone="warn" />
          <span className="reg-badge reg-tone--warn">{t('registry.problem.unregistered')}</span>
        </span>
      </td>
      <td className="mono">{replica.ports.length ? replica.ports.map((p) => `:${p}`).join(' ') : '—'}</td>
      <td title={`${replica.engine} / ${replica.name}`}>
        <span className="muted">{replica.engine}</span>
        <span className="muted"> / </span>
        <span className="mono">{replica.name}</span>
      </td>
      <td colSpan={INSTANCE_COLUMNS - 3} className="reg-unregistered__message">
        {t('registry.unregistered.message', { prefix: `/${service}/` })}
      </td>
    </tr>
  );
}
