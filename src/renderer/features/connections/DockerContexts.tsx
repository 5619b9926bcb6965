import { useCallback, useEffect, useState } from 'react';
import type { DockerContextInfo } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { useNotify } from '../../core/notices';
import { ErrorBanner } from '../../components/ErrorBanner';
import { IconRefresh } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { useT } from '../../i18n';

/** The docker CLI contexts on this machine; one not in the profile yet can be added as an engine. */
export function DockerContexts() {
  const t = useT();
  const notify = useNotify();
  const [contexts, setContexts] = useState<DockerContextInfo[]>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [importing, setImporting] = useState<string>();

  const load = useCallback(() => {
    setLoading(true);
    client.invoke('contexts.list', {}).then(
      (result) => {
        setContexts(result);
        setError(undefined);
      },
      (err: unknown) => setError(errorMessage(err)),
    ).finally(() => setLoading(false));
  }, []);
  useEffect(load, [load]);

  const importContext = (name: string) => {
    setImporting(name);
    client.invoke('contexts.import', { name }).then(
      (result) => {
        setContexts(result);
        notify(t('contexts.imported', { name }), 'success', { testId: 'context-imported', data: { name } });
      },
      (err: unknown) => notify(t('contexts.importFailed', { name, message: errorMessage(err) }), 'error'),
    ).finally(() => setImporting(undefined));
  };

  return (
    <section className="conn-group" aria-labelledby="docker-contexts" data-testid="docker-contexts">
      <h2 className="section-title" id="docker-contexts">
        {t('contexts.title')}
        {contexts && <span className="section-title__count">{contexts.length}</span>}
        <button type="button" className="btn btn--ghost btn--small contexts__refresh" onClick={load} disabled={loading} data-testid="contexts-refresh">
          {loading ? <Spinner /> : <IconRefresh />}
          {t('common.refresh')}
        </button>
      </h2>
      <p className="hint">{t('contexts.hint')}</p>
      {error && <ErrorBanner message={t('contexts.loadFailed', { message: error })} />}
      {contexts && contexts.length === 0 && <p className="muted">{t('contexts.none')}</p>}
      {contexts && contexts.length > 0 && (
        <div className="table-wrap contexts-table-wrap">
          <table className="data-table contexts-table">
            <thead>
              <tr>
                <th className="col-name">{t('contexts.col.name')}</th>
                <th>{t('contexts.col.host')}</th>
                <th className="col-tls">{t('contexts.col.tls')}</th>
                <th className="col-status">{t('contexts.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {contexts.map((context) => (
                <tr key={context.name} data-testid="context-row" data-name={context.name} data-imported={String(context.imported)}>
                  <td className="col-name mono">
                    {context.name}
                    {context.current && <span className="badge badge--info contexts__current">{t('contexts.current')}</span>}
                  </td>
                  <td className="mono" title={context.host}>{context.host}</td>
                  <td className="col-tls">{context.tls ? t('common.yes') : t('common.no')}</td>
                  <td className="col-status">
                    {context.imported ? (
                      <span className="badge badge--ok">{t('contexts.inProfile')}</span>
                    ) : (
                      <button
                        type="button"
                        className="btn btn--small btn--primary"
                        onClick={() => importContext(context.name)}
                        disabled={importing !== undefined}
                        data-testid="import-context"
                      >
                        {importing === context.name && <Spinner />}
                        {t('contexts.import')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
