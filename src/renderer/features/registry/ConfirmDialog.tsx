import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { isRpcError } from '../../../shared/rpc-error';
import { errorMessage } from '../../api';
import { actionPerformed } from '../../app/action-events';
import { useNotify } from '../../app/notices';
import { IconAlert } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { useT } from '../../i18n';

export interface ConfirmFact {
  label: string;
  value: ReactNode;
  mono?: boolean;
}

interface ConfirmDialogProps {
  title: string;
  /** What will happen, in a sentence or two. */
  description: ReactNode;
  /** What it applies to: key, value, lease, keys attached … */
  facts: ConfirmFact[];
  /** The environment, when the target is in production. */
  productionEnv?: string;
  /** What must be typed before Confirm is enabled (production only). */
  word?: string;
  /** 'key' or 'lease': what the typed word is, for the prompt. */
  wordKind?: 'key' | 'lease';
  confirmLabel: string;
  danger?: boolean;
  /** Does the change; resolves with the success message, rejects with the backend's error. */
  run(confirmName: string | undefined): Promise<string>;
  onClose(): void;
  /** After a success (e.g. to clear a selection). */
  onDone?(): void;
  /** data-action for tests. */
  action: string;
}

/**
 * The one confirmation of every registry change: names the target and what will happen; for
 * production the key (or lease id) must be typed exactly before Confirm is enabled. The result,
 * or the backend's error (FORBIDDEN …), is shown as a notice; an error also stays in the dialog.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, description, facts, productionEnv, word, wordKind = 'key', confirmLabel, danger = true, run, onClose, onDone, action } = props;
  const t = useT();
  const notify = useNotify();
  const titleId = useId();
  const [typed, setTyped] = useState('');
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<{ message: string; code?: string }>();
  const dialogRef = useRef<HTMLDivElement>(null);
  const needsWord = word !== undefined;
  const canConfirm = !running && (!needsWord || typed === word);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      if (!running) onClose();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [running, onClose]);

  useEffect(() => {
    dialogRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canConfirm) return;
    setRunning(true);
    setFailure(undefined);
    try {
      const message = await run(needsWord ? typed : undefined);
      notify(message, 'success');
      onClose();
      onDone?.();
    } catch (error) {
      const message = errorMessage(error);
      const code = isRpcError(error) ? error.code : undefined;
      setFailure({ message, code });
      notify(code ? `${code}: ${message}` : message, 'error');
      setRunning(false);
    } finally {
      actionPerformed();
    }
  };

  return (
    <div className="dialog-overlay" onMouseDown={(event) => event.target === event.currentTarget && !running && onClose()}>
      <div
        ref={dialogRef}
        className={`dialog reg-dialog${productionEnv ? ' dialog--production' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="registry-confirm-dialog"
        data-action={action}
        data-production={String(!!productionEnv)}
      >
        <form onSubmit={submit}>
          <header className="dialog__header">
            <h2 id={titleId} className="dialog__title">
              {title}
            </h2>
            {productionEnv && <span className="tag tag--prod">{t('registry.production')}</span>}
          </header>
          <div className="dialog__body">
            <p className="dialog__describe">{description}</p>
            <dl className="kv reg-dialog__facts">
              {facts.map((fact) => (
                <div className="kv__row" key={fact.label}>
                  <dt>{fact.label}</dt>
                  <dd className={fact.mono ? 'mono selectable' : undefined}>{fact.value}</dd>
                </div>
              ))}
            </dl>
            {needsWord && (
              <div className="dialog__production" role="alert">
                <IconAlert className="dialog__production-icon" />
                <div className="dialog__production-body">
                  <p>{t('registry.confirm.productionIntro', { env: productionEnv ?? '' })}</p>
                  <label className="dialog__confirm-label">
                    <span>
                      {wordKind === 'lease' ? t('registry.confirm.typeLease') : t('registry.confirm.typeKey')} <code className="dialog__word">{word}</code>
                    </span>
                    <input
                      className="input mono"
                      value={typed}
                      onChange={(event) => setTyped(event.target.value)}
                      placeholder={word}
                      autoComplete="off"
                      spellCheck={false}
                      aria-invalid={typed !== '' && typed !== word}
                      data-testid="registry-confirm-input"
                      data-autofocus=""
                    />
                  </label>
                </div>
              </div>
            )}
            {failure && (
              <div className="reg-dialog__error" role="alert" data-testid="registry-confirm-error">
                {failure.code && <code className="reg-dialog__code">{failure.code}</code>}
                <span>{failure.message}</span>
              </div>
            )}
          </div>
          <footer className="dialog__footer">
            <button type="button" className="btn" onClick={onClose} disabled={running}>
              {t('registry.confirm.cancel')}
            </button>
            <button
              type="submit"
              className={`btn ${danger ? 'btn--danger' : 'btn--primary'}`}
              disabled={!canConfirm}
              data-testid="registry-confirm-ok"
              data-autofocus={needsWord ? undefined : ''}
            >
              {running && <Spinner />}
              {confirmLabel}
            </button>
          </footer>
        </form>
      </div>
    </div>
  );
}
