import { useState } from 'react';
import { useT } from '../../i18n';
import type { LogRange } from './logs-view-state';

/** The time range of the logs (local date and time); Follow goes back to the live end. */
export function RangeInputs({ range, onApply }: { range: LogRange; onApply: (r: LogRange) => void }) {
  const t = useT();
  const [since, setSince] = useState(range.since ? range.since.slice(0, 19) : '');
  const [until, setUntil] = useState(range.until ? range.until.slice(0, 19) : '');
  const toIso = (v: string) => (v ? new Date(v).toISOString() : undefined);
  return (
    <span className="logs-range">
      <label className="logs-field">{t('logs.since')}<input className="input" type="datetime-local" step={1} value={since} onChange={(e) => setSince(e.target.value)} /></label>
      <label className="logs-field">{t('logs.until')}<input className="input" type="datetime-local" step={1} value={until} onChange={(e) => setUntil(e.target.value)} /></label>
      <button type="button" className="btn btn--small" onClick={() => onApply({ since: toIso(since), until: toIso(until) })}>{t('logs.applyRange')}</button>
      {(range.since || range.until) && <button type="button" className="btn btn--small" onClick={() => { setSince(''); setUntil(''); onApply({}); }}>{t('logs.follow')}</button>}
    </span>
  );
}
