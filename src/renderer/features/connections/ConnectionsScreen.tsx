import type { ConnectionKind, ConnectionStatus } from '../../../shared/domain';
import { useAppInfo } from '../../core/app-info';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { IconConnections, IconRefresh } from '../../components/icons';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { useNow } from '../../core/time';
import { useT } from '../../i18n';
import { ConnectionCard } from './ConnectionCard';
import { DockerContexts } from './DockerContexts';
import { ProfileSecrets } from './ProfileSecrets';
import { KIND_ORDER } from './connection-statuses';
import { useConnections } from './connections-store';
import { useCheckConnections } from './use-check-connections';
import './connections.css';

/** Every Docker engine, etcd and Zabbix with their live state, grouped by kind. */
export function ConnectionsScreen() {
  const t = useT();
  const { connections, received, streamError, checking } = useConnections();
  const { info } = useAppInfo();
  const checkConnections = useCheckConnections();
  const now = useNow(1000);
  const checkingAll = checking.has('all');

  const count = (state: ConnectionStatus['state']) => connections.filter((c) => c.state === state).length;

  return (
    <>
      <ScreenHeader
        title={t('nav.connections')}
        subtitle={t('connections.subtitle')}
        actions={
          <>
            {connections.length > 0 && (
              <span className="muted" data-testid="connections-summary">
                {t('connections.summary', { connected: count('connected'), connecting: count('connecting'), error: count('error') })}
              </span>
            )}
            <button type="button" className="btn btn--primary" onClick={() => checkConnections()} disabled={checkingAll} data-testid="check-all">
              {checkingAll ? <Spinner /> : <IconRefresh />}
              {checkingAll ? t('common.checking') : t('connections.checkAll')}
            </button>
          </>
        }
      />
      <div className="screen-body">
        {info?.profileError && <ErrorBanner message={t('connections.profileError', { message: info.profileError })} />}
        {streamError && <ErrorBanner tone="warn" message={t('connections.streamLost', { message: streamError })} />}

        {!received && connections.length === 0 ? (
          <p className="loading-line">
            <Spinner /> {t('connections.waiting')}
          </p>
        ) : connections.length === 0 ? (
          <EmptyState icon={<IconConnections width={40} height={40} />} title={t('connections.empty.title')}>
            <p>{t('connections.empty.body')}</p>
          </EmptyState>
        ) : (
          KIND_ORDER.map((kind) => (
            <ConnectionGroup
              key={kind}
              kind={kind}
              connections={connections.filter((c) => c.kind === kind)}
              now={now}
              checking={checking}
              onCheck={checkConnections}
            />
          ))
        )}
        <DockerContexts />
        <ProfileSecrets />
      </div>
    </>
  );
}

interface ConnectionGroupProps {
  kind: ConnectionKind;
  connections: ConnectionStatus[];
  now: number;
  checking: ReadonlySet<string>;
  onCheck(id: string): void;
}

function ConnectionGroup({ kind, connections, now, checking, onCheck }: ConnectionGroupProps) {
  const t = useT();
  if (connections.length === 0) return null;
  return (
    <section className="conn-group" aria-labelledby={`conn-group-${kind}`} data-testid="connection-group" data-kind={kind}>
      <h2 className="section-title" id={`conn-group-${kind}`}>
        {t(`kindGroup.${kind}`)} <span className="section-title__count">{connections.length}</span>
      </h2>
      <div className="conn-grid">
        {connections.map((status) => (
          <ConnectionCard
            key={status.id}
            status={status}
            now={now}
            checking={checking.has(status.id) || checking.has('all')}
            onCheck={onCheck}
          />
        ))}
      </div>
    </section>
  );
}
