import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../shared/contract';
import type { RegistryKey } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { formatBytes } from '../../core/bytes';
import { ErrorBanner } from '../../components/ErrorBanner';
import { IconClose, IconRefresh } from '../../components/icons';
import { keepLastSegment } from '../../components/keep-text';
import { KeepText } from '../../components/KeepText';
import { Spinner } from '../../components/Spinner';
import { useT } from '../../i18n';
import { defaultMode, type ValueMode } from './value-format';
import { ValueViewer } from './ValueViewer';

type Loaded = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ok'; result: CallOutput<'registry.get'> };

interface KeyDetailProps {
  keyName: string | null;
  entry?: RegistryKey;
  deletedAt?: string;
  /** Whether the tree has been read (before that, a missing key is not worth a warning). */
  storeReady: boolean;
  onClose(): void;
  onEdit(key: string, value: string): void;
  onDelete(key: string): void;
}

/** The selected key: its facts and whole value (read again whenever it changes). */
export function KeyDetail({ keyName, entry, deletedAt, storeReady, onClose, onEdit, onDelete }: KeyDetailProps) {
  const t = useT();
  const [loaded, setLoaded] = useState<Loaded>();
  const [mode, setMode] = useState<ValueMode>('text');
  const [reload, setReload] = useState(0);
  const modRevision = entry?.modRevision;

  useEffect(() => {
    if (!keyName) return;
    let active = true;
    setLoaded((current) => (current?.state === 'ok' && current.result.key === keyName ? current : { state: 'loading' }));
    client.invoke('registry.get', { key: keyName }).then(
      (result) => active && setLoaded({ state: 'ok', result }),
      (error: unknown) => active && setLoaded({ state: 'error', message: errorMessage(error) }),
    );
    return () => {
      active = false;
    };
  }, [keyName, modRevision, reload]);

  // A new key opens in the mode that suits it (hex for binary); the engineer's toggle holds until then.
  const result = loaded?.state === 'ok' ? loaded.result : undefined;
  const valueKind = entry?.valueKind;
  const shownKey = result?.key;
  useEffect(() => {
    if (result) setMode(defaultMode(result.value, result.encoding));
    // Only when another key is shown, not on every update of this one.
  }, [shownKey]);

  if (!keyName)
    return (
      <section className="panel reg-detail reg-detail--empty">
        <p className="muted">{t('registry.keys.selectHint')}</p>
      </section>
    );

  const binary = result?.encoding === 'base64';
  return (
    <section className="panel reg-detail" data-testid="registry-key-detail" data-key={keyName}>
      <header className="reg-detail__header">
        <h2 className="reg-detail__key mono selectable" title={keyName}>
          <KeepText text={keyName} keep={keepLastSegment(keyName)} title={false} />
        </h2>
        <button type="button" className="icon-button" onClick={() => setReload((n) => n + 1)} aria-label={t('common.refresh')} title={t('common.refresh')}>
          <IconRefresh />
        </button>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('registry.keys.closeDetail')} title={t('registry.keys.closeDetail')}>
          <IconClose />
        </button>
      </header>
      {entry ? (
        <div className="reg-detail__facts">
          <span>{t('registry.keys.fact.size', { size: formatBytes(entry.size) })}</span>
          <span>{t('registry.keys.fact.version', { version: entry.version })}</span>
          <span>{t('registry.revisions.title', { create: entry.createRevision, mod: entry.modRevision })}</span>
          <span>{entry.lease === '0' ? t('registry.keys.fact.noLease') : t('registry.keys.fact.lease', { lease: entry.lease })}</span>
        </div>
      ) : (
        storeReady && <ErrorBanner tone="warn" message={deletedAt ? t('registry.keys.deleted', { revision: deletedAt }) : t('registry.keys.notInTree')} testId="registry-key-gone" />
      )}
      <div className="reg-detail__toolbar">
        <div className="reg-segmented" role="group" aria-label={t('registry.value.mode')}>
          {(['text', 'json', 'hex'] as const).map((m) => (
            <button key={m} type="button" className={`reg-segmented__item${mode === m ? ' reg-segmented__item--active' : ''}`} aria-pressed={mode === m} onClick={() => setMode(m)} data-testid="registry-value-mode" data-mode={m}>
              {t(`registry.value.mode.${m}`)}
            </button>
          ))}
        </div>
        <span className="toolbar__spacer" />
        <button
          type="button"
          className="btn btn--small"
          disabled={!result || !result.found || binary}
          title={binary ? t('registry.keys.editBinary') : undefined}
          onClick={() => result && onEdit(keyName, result.value)}
          data-testid="registry-edit"
        >
          {t('registry.keys.edit')}
        </button>
        <button type="button" className="btn btn--small reg-btn--danger-outline" disabled={!entry} onClick={() => onDelete(keyName)} data-testid="registry-delete">
          {t('registry.keys.delete')}
        </button>
      </div>
      {loaded?.state === 'error' && <ErrorBanner message={t('registry.keys.getFailed', { message: loaded.message })} />}
      {loaded?.state === 'loading' && (
        <p className="loading-line">
          <Spinner /> {t('common.loading')}
        </p>
      )}
      {result && result.found && <ValueViewer key={`${result.key}@${modRevision ?? ''}`} value={result.value} encoding={result.encoding} size={result.size} mode={mode} valueKind={valueKind} />}
      {result && !result.found && <p className="muted">{t('registry.keys.notFound')}</p>}
    </section>
  );
}
