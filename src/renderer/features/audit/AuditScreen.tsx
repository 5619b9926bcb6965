import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AuditEntry } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { onActionPerformed } from '../../core/action-events';
import { useOnLinkReopen } from '../../core/link-state';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { IconAudit, IconRefresh, IconSearch } from '../../components/icons';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { formatClock, formatDateTime, formatTimestamp } from '../../core/time';
import { useSessionState } from '../../core/use-session-state';
import { useLanguage, useT } from '../../i18n';
import { formatParams, matchesAudit } from './audit-format';
import './audit.css';

const LIMIT = 500;

/** Every change made through the console, newest first: who, when, on what, with which parameters, and the result. */
export function AuditScreen() {
  const t = useT();
  const [language] = useLanguage();
  const [entries, setEntries] = useState<AuditEntry[]>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [fetchedAt, setFetchedAt] = useState<number>();
  const [filter, setFilter] = useSessionState('audit.filter', '');

  const load = useCallback(() => {
    setLoading(true);
    client.invoke('audit.list', { limit: LIMIT }).then(
      (result) => {
        setEntries(result);
        setError(undefined);
        setFetchedAt(Date.now());
      },
      (err: unknown) => setError(errorMessage(err)),
    ).finally(() => setLoading(false));
  }, []);

  useEffect(load, [load]);
  useEffect(() => onActionPerformed(load), [load]);
  useOnLinkReopen(load);

  const shown = useMemo(() => (entries ?? []).filter((entry) => matchesAudit(entry, filter)), [entries, filter]);

  return (
    <>
      <ScreenHeader
        title={t('nav.audit')}
        subtitle={t('audit.subtitle')}
        actions={
          <>
            {fetchedAt !== undefined && <span className="muted">{t('common.updatedAt', { time: formatClock(fetchedAt, language) })}</span>}
            <button type="button" className="btn" onClick={load} disabled={loading} data-testid="audit-refresh">
              {loading ? <Spinner /> : <IconRefresh />}
              {loading ? t('common.refreshing') : t('common.refresh')}
            </button>
          </>
        }
      />
      <div className="screen-body screen-body--table">
        {error && <ErrorBanner message={t('audit.loadFailed', { message: error })} />}
        {entries === undefined ? (
          !error && (
            <p className="loading-line">
              <Spinner /> {t('common.loading')}
            </p>
          )
        ) : entries.length === 0 ? (
          <EmptyState icon={<IconAudit width={40} height={40} />} title={t('audit.emptyTitle')}>
            <p>{t('audit.empty')}</p>
          </EmptyState>
        ) : (
          <>
            <div className="toolbar">
              <label className="search-field">
                <IconSearch className="search-field__icon" />
                <span className="visually-hidden">{t('audit.filter')}</span>
                <input type="search" value={filter} placeholder={t('audit.filter')} onChange={(event) => setFilter(event.target.value)} spellCheck={false} data-testid="audit-filter" />
              </label>
              <span className="toolbar__spacer" />
              <span className="muted toolbar__count" data-testid="audit-count">
                {t('audit.count', { shown: shown.length, total: entries.length })}
              </span>
            </div>
            <div className="table-wrap">
              <table className="data-table audit-table" data-testid="audit-table">
                <thead>
                  <tr>
                    <th className="col-time">{t('audit.col.time')}</th>
                    <th className="col-user">{t('audit.col.user')}</th>
                    <th className="col-engine">{t('audit.col.engine')}</th>
                    <th className="col-target">{t('audit.col.target')}</th>
                    <th className="col-action">{t('audit.col.action')}</th>
                    <th className="col-params">{t('audit.col.params')}</th>
                    <th className="col-result">{t('audit.col.result')}</th>
                    <th className="col-message">{t('audit.col.message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.length === 0 ? (
                    <tr>
                      <td colSpan={8} className="data-table__empty">{t('audit.noMatch')}</td>
                    </tr>
                  ) : (
                    shown.map((entry, index) => {
                      const time = Date.parse(entry.time);
                      const params = formatParams(entry.params);
                      return (
                        <tr key={`${entry.time}-${index}`} data-testid="audit-row" data-action={entry.action} data-target={entry.target} data-result={entry.result}>
                          <td className="col-time mono" title={Number.isFinite(time) ? formatDateTime(time, language) : entry.time}>
                            {Number.isFinite(time) ? formatTimestamp(time) : entry.time}
                          </td>
                          <td className="col-user">{entry.user}</td>
                          <td className="col-engine mono">{entry.engine ?? <span className="muted">—</span>}</td>
                          <td className="col-target mono" title={entry.target}>{entry.target}</td>
                          <td className="col-action">
                            <span className="audit-action">{entry.action}</span>
                          </td>
                          <td className="col-params mono" title={params}>{params || <span className="muted">—</span>}</td>
                          <td className="col-result">
                            <span className={`badge badge--${entry.result === 'ok' ? 'ok' : 'error'}`}>{t(`audit.result.${entry.result}`)}</span>
                          </td>
                          <td className="col-message" title={entry.message}>{entry.message ?? ''}</td>
                        </tr>
                      );
                    })
                  )}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
    </>
  );
}
