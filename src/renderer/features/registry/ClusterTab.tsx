import { useCallback, useEffect, useRef, useState } from 'react';
import type { EtcdMemberStatus } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { formatBytes } from '../../core/bytes';
import { ErrorBanner } from '../../components/ErrorBanner';
import { IconRefresh } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { StatusDot } from '../../components/StatusDot';
import { formatClock } from '../../core/time';
import { useLanguage, useT } from '../../i18n';

const REFRESH_MS = 5000;

/** The etcd members, each asked on its own: one that does not answer shows its error, the others still show. */
export function ClusterTab() {
  const t = useT();
  const [language] = useLanguage();
  const [members, setMembers] = useState<EtcdMemberStatus[]>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [fetchedAt, setFetchedAt] = useState<number>();
  const inFlight = useRef(false);

  const load = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    setLoading(true);
    client.invoke('etcd.members', {}).then(
      (result) => {
        setMembers(result);
        setError(undefined);
        setFetchedAt(Date.now());
      },
      (err: unknown) => setError(errorMessage(err)),
    ).finally(() => {
      inFlight.current = false;
      setLoading(false);
    });
  }, []);

  useEffect(() => {
    load();
    const timer = window.setInterval(load, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  const answering = members?.filter((m) => !m.error).length ?? 0;
  const leader = members?.find((m) => m.isLeader);

  return (
    <>
      <div className="toolbar">
        {members && (
          <span className="reg-cluster__summary" data-testid="etcd-summary">
            <StatusDot tone={answering === members.length && leader ? 'ok' : answering > members.length / 2 ? 'warn' : 'error'} />
            {t('registry.cluster.summary', { answering, total: members.length })}
            {leader && <span className="muted"> · {t('registry.cluster.leaderIs', { name: leader.name ?? leader.endpoint })}</span>}
          </span>
        )}
        <span className="toolbar__spacer" />
        <span className="muted">{t('registry.cluster.autoRefresh')}</span>
        {fetchedAt !== undefined && <span className="muted">{t('common.updatedAt', { time: formatClock(fetchedAt, language) })}</span>}
        <button type="button" className="btn" onClick={load} disabled={loading} data-testid="etcd-refresh">
          {loading ? <Spinner /> : <IconRefresh />}
          {t('common.refresh')}
        </button>
      </div>
      {error && <ErrorBanner message={t('registry.cluster.failed', { message: error })} />}
      {members && members.length > 0 && !leader && answering > 0 && <ErrorBanner tone="warn" message={t('registry.cluster.noLeader')} />}
      {members === undefined ? (
        !error && (
          <p className="loading-line">
            <Spinner /> {t('common.loading')}
          </p>
        )
      ) : (
        <div className="table-wrap reg-cluster__wrap">
          <table className="data-table reg-cluster">
            <colgroup>
              <col className="reg-ccol-endpoint" />
              <col className="reg-ccol-name" />
              <col className="reg-ccol-role" />
              <col className="reg-ccol-version" />
              <col className="reg-ccol-db" />
              <col className="reg-ccol-term" />
              <col className="reg-ccol-index" />
              <col className="reg-ccol-latency" />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('registry.cluster.col.endpoint')}</th>
                <th scope="col">{t('registry.cluster.col.name')}</th>
                <th scope="col">{t('registry.cluster.col.role')}</th>
                <th scope="col">{t('registry.cluster.col.version')}</th>
                <th scope="col" className="num">{t('registry.cluster.col.dbSize')}</th>
                <th scope="col" className="num">{t('registry.cluster.col.raftTerm')}</th>
                <th scope="col" className="num">{t('registry.cluster.col.raftIndex')}</th>
                <th scope="col" className="num">{t('registry.cluster.col.latency')}</th>
                <th scope="col">{t('registry.cluster.col.errors')}</th>
              </tr>
            </thead>
            <tbody>
              {members.length === 0 ? (
                <tr>
                  <td colSpan={9} className="data-table__empty">
                    {t('registry.cluster.none')}
                  </td>
                </tr>
              ) : (
                members.map((member) => <MemberRow key={member.endpoint} member={member} />)
              )}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function MemberRow({ member }: { member: EtcdMemberStatus }) {
  const t = useT();
  const failed = !!member.error;
  const dash = <span className="muted">—</span>;
  return (
    <tr
      className={failed ? 'reg-member--error' : undefined}
      data-testid="etcd-member"
      data-endpoint={member.endpoint}
      data-leader={String(member.isLeader)}
      data-state={failed ? 'error' : 'ok'}
    >
      <td className="mono" title={member.endpoint}>
        <span className="reg-endpoint">
          <StatusDot tone={failed ? 'error' : member.errors.length ? 'warn' : 'ok'} />
          {member.endpoint}
        </span>
      </td>
      <td className="mono" title={member.id ? t('registry.cluster.memberId', { id: member.id }) : undefined}>
        {member.name ?? dash}
      </td>
      <td>
        {failed ? (
          <span className="badge badge--error">{t('registry.cluster.down')}</span>
        ) : member.isLeader ? (
          <span className="badge badge--info" data-testid="etcd-leader">
            {t('registry.cluster.leader')}
          </span>
        ) : (
          <span className="badge badge--muted">{t('registry.cluster.follower')}</span>
        )}
      </td>
      <td className="mono">{member.version ?? dash}</td>
      <td className="num mono">{member.dbSize !== undefined ? formatBytes(member.dbSize) : dash}</td>
      <td className="num mono">{member.raftTerm ?? dash}</td>
      <td className="num mono">{member.raftIndex ?? dash}</td>
      <td className="num mono">{member.latencyMs !== undefined ? t('registry.cluster.latencyValue', { ms: member.latencyMs }) : dash}</td>
      <td className="reg-member__errors" title={member.error?.message ?? member.errors.join('\n')}>
        {failed ? (
          <span className="text-error">
            <code className="code-tag">{member.error!.code}</code> {member.error!.message}
          </span>
        ) : member.errors.length ? (
          <span className="reg-text-warn">{member.errors.join('; ')}</span>
        ) : (
          dash
        )}
      </td>
    </tr>
  );
}
