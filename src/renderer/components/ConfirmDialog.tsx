import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { dataAttributes } from './data-attributes';
import { IconAlert } from './icons';
import { Spinner } from './Spinner';
import { useEscapeKey } from './use-escape-key';

/** A word that must be typed exactly before Confirm is enabled (production). */
export interface TypedWord {
  word: string;
  /** Why it is asked, e.g. "search_1 is in production (PROD)." */
  intro: ReactNode;
  /** Shown before the word, e.g. "Type this to confirm:". */
  prompt?: ReactNode;
  /** data-testid of the input. */
  testId: string;
}

/** What came of the change (or of asking for it): a summary, or an error with its code. */
export interface DialogOutcome {
  ok: boolean;
  message: ReactNode;
  code?: string;
  /** More lines below the message (what was and was not done …). */
  details?: ReactNode;
  testId?: string;
}

export interface DialogButton {
  label: ReactNode;
  testId?: string;
  disabled?: boolean;
}

interface ConfirmDialogProps {
  title: ReactNode;
  /** What will happen, in a sentence or two. */
  description?: ReactNode;
  /** The production tag's text: set when the change touches production (the stronger styling). */
  production?: ReactNode;
  /** The word to type; Confirm stays disabled until it matches. */
  typed?: TypedWord;
  /** What it applies to and its parameters, between the description and the typed word. */
  children?: ReactNode;
  /** A change is running: no closing, a spinner on Confirm. */
  busy?: boolean;
  error?: DialogOutcome;
  result?: DialogOutcome;
  /** The confirm button (submits the form); left out, there is none (e.g. once done). */
  confirm?: DialogButton & { danger?: boolean };
  /** Called with the typed word, when one was asked for. */
  onConfirm(confirmName: string | undefined): void;
  /** The cancel button: closes, unless onClick says otherwise; disabled while busy unless it says otherwise. */
  cancel: DialogButton & { onClick?(): void };
  /** More buttons, between Cancel and Confirm. */
  footer?: ReactNode;
  onClose(): void;
  className?: string;
  testId: string;
  /** Extra data-* attributes for tests, e.g. { action: 'stop' }. */
  data?: Record<string, string>;
}

/**
 * The one confirmation of a change: the title, what will happen, what it applies to, for
 * production a word typed exactly, then Confirm or Cancel, and what came of it. Escape or a
 * click beside it closes it, except while busy. The typed word gets the initial focus when
 * asked for; else the first field marked data-autofocus, else Confirm.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, description, production, typed, children, busy = false, error, result, confirm, onConfirm, cancel, footer, onClose, className, testId, data } = props;
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const [typedValue, setTypedValue] = useState('');
  const wordMatches = !typed || typedValue === typed.word;
  const canConfirm = !!confirm && !confirm.disabled && !busy && wordMatches;

  useEscapeKey(onClose, !busy);

  // The typed word focuses itself (autoFocus), also when it appears later (after a plan).
  const typedAtStart = useRef(!!typed);
  useEffect(() => {
    if (typedAtStart.current) return;
    const dialog = dialogRef.current;
    (dialog?.querySelector<HTMLElement>('[data-autofocus]') ?? dialog?.querySelector<HTMLElement>('[data-confirm]'))?.focus();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canConfirm) onConfirm(typed?.word);
  };

  return (
    <div className="dialog-overlay" onMouseDown={(event) => event.target === event.currentTarget && !busy && onClose()}>
      <div
        ref={dialogRef}
        className={`dialog${className ? ` ${className}` : ''}${production ? ' dialog--production' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        data-production={String(!!production)}
        {...dataAttributes(data)}
      >
        <form onSubmit={submit}>
          <header className="dialog__header">
            <h2 id={titleId} className="dialog__title">
              {title}
            </h2>
            {production && <span className="tag tag--prod">{production}</span>}
          </header>
          <div className="dialog__body">
            {description && <p className="dialog__describe">{description}</p>}
            {children}
            {typed && (
              <div className="dialog__production" role="alert">
                <IconAlert className="dialog__production-icon" />
                <div className="dialog__production-body">
                  <p>{typed.intro}</p>
                  <label className="dialog__confirm-label">
                    <span>
                      {typed.prompt} <code className="dialog__word">{typed.word}</code>
                    </span>
                    <input
                      className="input mono"
                      value={typedValue}
                      onChange={(event) => setTypedValue(event.target.value)}
                      placeholder={typed.word}
                      autoComplete="off"
                      spellCheck={false}
                      aria-invalid={typedValue !== '' && !wordMatches}
                      data-testid={typed.testId}
                      autoFocus
                    />
                  </label>
                </div>
              </div>
            )}
            {error && <Outcome outcome={error} />}
            {result && <Outcome outcome={result} />}
          </div>
          <footer className="dialog__footer">
            <button type="button" className="btn" onClick={cancel.onClick ?? onClose} disabled={cancel.disabled ?? busy} data-testid={cancel.testId}>
              {cancel.label}
            </button>
            {footer}
            {confirm && (
              <button type="submit" className={`btn ${confirm.danger ? 'btn--danger' : 'btn--primary'}`} disabled={!canConfirm} data-testid={confirm.testId} data-confirm="">
                {busy && <Spinner />}
                {confirm.label}
              </button>
            )}
          </footer>
        </form>
      </div>
    </div>
  );
}

function Outcome({ outcome }: { outcome: DialogOutcome }) {
  return (
    <div
      className={`dialog__summary dialog__summary--${outcome.ok ? 'ok' : 'error'}`}
      role={outcome.ok ? 'status' : 'alert'}
      data-testid={outcome.testId}
      data-ok={String(outcome.ok)}
    >
      {outcome.code && <code className="code-tag">{outcome.code}</code>} {outcome.details ? <strong>{outcome.message}</strong> : outcome.message}
      {outcome.details}
    </div>
  );
}
