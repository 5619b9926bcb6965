import { useRef, useState } from 'react';
import type { Diagnostics } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { useNotify } from '../../core/notices';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { useT } from '../../i18n';
import { copyText } from './copy-text';

/** Where the console's own log is, and "Copy diagnostics" (versions, connections, last log lines; secrets masked). */
export function DiagnosticsSection({ logFile }: { logFile?: string }) {
  const t = useT();
  const notify = useNotify();
  const [report, setReport] = useState<Diagnostics>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);

  const copy = () => {
    setBusy(true);
    setError(undefined);
    client
      .invoke('diagnostics.get', {})
      .then(async (result) => {
        setReport(result);
        const copied = await copyText(result.text, area.current);
        notify(copied ? t('diagnostics.copied', { lines: String(result.logLines.length) }) : t('diagnostics.copyFailed'), copied ? 'success' : 'error', { testId: 'diagnostics-copied' });
      }, (err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };

  return (
    <section className="panel" aria-labelledby="settings-diagnostics" data-testid="diagnostics">
      <h2 className="section-title" id="settings-diagnostics">{t('diagnostics.title')}</h2>
      <dl className="kv">
        <div className="kv__row">
          <dt>{t('diagnostics.logFile')}</dt>
          <dd>
            <span className="mono selectable" data-testid="log-file">{logFile ?? '—'}</span>
            <div className="hint">{t('diagnostics.logHint')}</div>
          </dd>
        </div>
      </dl>
      <div className="diagnostics__actions">
        <button type="button" className="btn btn--primary" onClick={copy} disabled={busy} data-testid="copy-diagnostics">
          {busy && <Spinner />}
          {t('diagnostics.copy')}
        </button>
        <span className="hint">{t('diagnostics.copyHint')}</span>
      </div>
      {error && <ErrorBanner message={t('diagnostics.failed', { message: error })} />}
      {/* The report as copied, so it can be read (and selected by hand where the clipboard is refused). */}
      <textarea
        ref={area}
        className="diagnostics__text mono"
        readOnly
        hidden={!report}
        value={report?.text ?? ''}
        aria-label={t('diagnostics.preview')}
        data-testid="diagnostics-text"
        rows={14}
      />
    </section>
  );
}
