import { useRef, useState } from 'react';
import type { LogSelection } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { useT } from '../../i18n';

/** Downloads the selection's logs in the range, as text or JSON lines, streamed from Docker. */
export function DownloadButton({ selection, since, until }: { selection: LogSelection; since?: string; until?: string }) {
  const t = useT();
  const [format, setFormat] = useState<'text' | 'jsonl'>('text');
  const [bytes, setBytes] = useState<number>();
  const cancel = useRef<() => void>(undefined);
  const start = () => {
    const parts: string[] = [];
    setBytes(0);
    cancel.current = client.subscribe('logs.export', { selection, since, until, format }, {
      onItems(items) {
        for (const item of items) {
          if (item.kind === 'chunk') {
            parts.push(item.data);
            setBytes((b) => (b ?? 0) + item.data.length);
          }
        }
      },
      onEnd(error) {
        setBytes(undefined);
        if (error) return void alert(errorMessage(error));
        const url = URL.createObjectURL(new Blob(parts, { type: 'text/plain' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = `logs-${new Date().toISOString().replace(/[:.]/g, '-')}.${format === 'jsonl' ? 'jsonl' : 'log'}`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      },
    });
  };
  if (bytes !== undefined)
    return (
      <span className="logs-download">
        {t('logs.downloading', { bytes })}
        <button type="button" className="btn btn--small" onClick={() => { cancel.current?.(); setBytes(undefined); }}>{t('logs.cancel')}</button>
      </span>
    );
  return (
    <span className="logs-download">
      <select className="select select--narrow" value={format} onChange={(e) => setFormat(e.target.value as 'text' | 'jsonl')}>
        <option value="text">text</option>
        <option value="jsonl">JSON lines</option>
      </select>
      <button type="button" className="btn btn--small" onClick={start} data-testid="log-download">{t('logs.download')}</button>
    </span>
  );
}
