import type { ConnectionStatus } from '../../../shared/domain';
import { IconRefresh } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { StatusDot } from '../../components/StatusDot';
import { Fragment } from 'react';
import { formatAgo, formatClock, formatDateTime } from '../../core/time';
import { useLanguage, useT } from '../../i18n';
import { connectionTone } from './connection-tone';

interface ConnectionCardProps {
  status: ConnectionStatus;
  now: number;
  checking: boolean;
  onCheck(id: string): void;
}

/** One external system: state, where it points, version, latency, facts, and the error if any. */
export function ConnectionCard({ status, now, checking, onCheck }: ConnectionCardProps) {
  const t = useT();
  const [language] = useLanguage();
  const tone = connectionTone(status.state);
  const facts = Object.entries(status.facts);
  const notResponding = status.state === 'error' && status.error?.code === 'TIMEOUT' && status.downSince !== undefined;

  return (
    <article
      className={`conn-card conn-card--${status.state}`}
      data-testid="connection"
      data-kind={status.kind}
      data-name={status.name}
      data-state={status.state}
      aria-label={`${status.name}: ${t(`connState.${status.state}`)}`}
    >
      <header className="conn-card__header">
        <StatusDot tone={tone} pulse={status.state === 'connecting'} />
        <h3 className="conn-card__name">{status.name}</h3>
        <span className={`badge badge--${tone}`}>{notResponding ? t('connState.notResponding') : t(`connState.${status.state}`)}</span>
        <button
          type="button"
          className="btn btn--small btn--ghost conn-card__check"
          onClick={() => onCheck(status.id)}
          disabled={checking}
          title={t('connections.checkOne', { name: status.name })}
          aria-label={t('connections.checkOne', { name: status.name })}
        >
          {checking ? <Spinner /> : <IconRefresh />}
          <span>{checking ? t('common.checking') : t('common.checkNow')}</span>
        </button>
      </header>

      <dl className="kv conn-card__details">
        <dt>{t('connections.target')}</dt>
        <dd className="mono conn-card__target" title={status.target}>{status.target}</dd>
        <dt>{t('connections.version')}</dt>
        <dd className="mono">{status.version ?? '—'}</dd>
        <dt>{t('connections.latency')}</dt>
        <dd className="mono">{status.latencyMs !== undefined ? t('connections.latencyValue', { ms: status.latencyMs }) : '—'}</dd>
        <dt>{t('connections.lastChecked')}</dt>
        <dd>
          {status.checkedAt !== undefined ? (
            <time dateTime={new Date(status.checkedAt).toISOString()} title={formatDateTime(status.checkedAt, language)}>
              {formatAgo(status.checkedAt, now, language)}
            </time>
          ) : (
            t('common.never')
          )}
        </dd>
        {facts.map(([key, value]) => (
          <FactRow key={key} name={key} value={value} />
        ))}
        {status.state === 'error' && status.downSince !== undefined && (
          <>
            <dt>{t('connections.downSince')}</dt>
            <dd data-testid="connection-down-since">{formatClock(status.downSince, language)}</dd>
          </>
        )}
        {(status.parts ?? []).map((part) => (
          <Fragment key={part.name}>
            <dt className="kv__fact">{status.kind === 'etcd' ? t('connections.part.member') : t('connections.part.server')}</dt>
            <dd className="mono" title={part.target} data-testid="connection-part" data-part={part.name} data-responding={String(part.responding)}>
              {part.target} ·{' '}
              {part.responding
                ? t('connections.latencyValue', { ms: part.latencyMs ?? 0 })
                : t('connections.partDown', { since: part.downSince ? formatClock(part.downSince, language) : '—' })}
            </dd>
          </Fragment>
        ))}
      </dl>

      {status.state === 'error' && status.error && (
        <div className="conn-card__error" role="alert">
          <span className="conn-card__error-message">{status.error.message}</span>
          <code className="conn-card__error-code" title={t('common.errorCode')}>{status.error.code}</code>
        </div>
      )}
    </article>
  );
}

function FactRow({ name, value }: { name: string; value: string }) {
  return (
    <>
      <dt className="kv__fact">{name}</dt>
      <dd className="mono" title={value}>{value}</dd>
    </>
  );
}
