import { useCallback, useEffect, useState } from 'react';
import type { ProcessList } from '../../../../shared/domain';
import { client, errorMessage } from '../../../api';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { IconRefresh } from '../../../components/icons';
import { Spinner } from '../../../components/Spinner';
import { formatClock } from '../../../core/time';
import { useLanguage, useT } from '../../../i18n';

/** `docker top`: the processes running in the container, refreshed on demand. */
export function ProcessesTab({ engine, id, running }: { engine: string; id: string; running: boolean }) {
  const t = useT();
  const [language] = useLanguage();
  const [list, setList] = useState<ProcessList>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [at, setAt] = useState<number>();

  const load = useCallback(() => {
    setLoading(true);
    client.invoke('containers.top', { engine, id }).then(
      (result) => {
        setList(result);
        setError(undefined);
        setAt(Date.now());
      },
      (err: unknown) => setError(errorMessage(err)),
    ).finally(() => setLoading(false));
  }, [engine, id]);

  useEffect(() => {
    if (running) load();
  }, [load, running]);

  return (
    <div className="detail-tab-body">
      <div className="toolbar">
        <button type="button" className="btn btn--small" onClick={load} disabled={loading} data-testid="processes-refresh">
          {loading ? <Spinner /> : <IconRefresh />}
          {t('common.refresh')}
        </button>
        {at !== undefined && <span className="muted toolbar__count">{t('common.updatedAt', { time: formatClock(at, language) })}</span>}
        {list && <span className="muted toolbar__count">{t('processes.count', { count: list.processes.length })}</span>}
      </div>
      {!running && !list && <p className="muted">{t('processes.notRunning')}</p>}
      {error && <ErrorBanner message={t('processes.failed', { message: error })} />}
      {list && (
        <div className="table-wrap">
          <table className="data-table detail-table processes-table" data-testid="processes-table">
            <thead>
              <tr>
                {list.titles.map((title, index) => (
                  <th key={`${title}-${index}`} className={title === 'CMD' || title === 'COMMAND' ? 'col-command' : undefined}>
                    {title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.processes.map((process, row) => (
                <tr key={row} data-testid="process-row">
                  {process.map((cell, index) => (
                    <td key={index} className="mono" title={cell}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
