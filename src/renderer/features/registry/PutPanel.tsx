import type { RegistryKey } from '../../../shared/domain';
import { formatBytes } from '../../core/bytes';
import { useT } from '../../i18n';

const MAX_VALUE = 1024 * 1024;

interface PutPanelProps {
  draftKey: string;
  draftValue: string;
  exists?: RegistryKey;
  onKey(key: string): void;
  onValue(value: string): void;
  onSave(): void;
}

/** Writes a key: the one being edited, or a new one under the folder shown. */
export function PutPanel({ draftKey, draftValue, exists, onKey, onValue, onSave }: PutPanelProps) {
  const t = useT();
  const key = draftKey.trim();
  const keyProblem = key === '' ? t('registry.put.keyMissing') : key.endsWith('/') ? t('registry.put.keyFolder') : undefined;
  const tooBig = draftValue.length > MAX_VALUE;
  return (
    <section className="panel reg-put" data-testid="registry-put">
      <h2 className="section-title">{exists ? t('registry.put.titleEdit') : t('registry.put.titleNew')}</h2>
      <form
        className="reg-put__form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!keyProblem && !tooBig) onSave();
        }}
      >
        <label className="reg-put__field">
          <span className="muted">{t('registry.put.key')}</span>
          <input className="input mono" value={draftKey} onChange={(event) => onKey(event.target.value)} spellCheck={false} autoComplete="off" placeholder="/app_ENV/name" data-testid="registry-put-key" />
        </label>
        <label className="reg-put__field">
          <span className="muted">{t('registry.put.value')}</span>
          <textarea className="input mono reg-put__value" value={draftValue} onChange={(event) => onValue(event.target.value)} spellCheck={false} rows={4} data-testid="registry-put-value" />
        </label>
        <div className="reg-put__footer">
          <span className={`reg-put__hint${tooBig ? ' text-error' : ' muted'}`}>
            {tooBig
              ? t('registry.put.tooBig')
              : keyProblem
                ? keyProblem
                : exists
                  ? exists.lease !== '0'
                    ? t('registry.put.replacesLeased', { lease: exists.lease })
                    : t('registry.put.replaces', { size: formatBytes(exists.size) })
                  : t('registry.put.creates')}
          </span>
          <button type="submit" className="btn btn--primary" disabled={!!keyProblem || tooBig} data-testid="registry-put-save">
            {t('registry.put.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
