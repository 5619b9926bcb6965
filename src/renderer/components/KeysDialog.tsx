import { Fragment, useEffect, useId, useRef } from 'react';
import { displayKey, type KeyBinding, type KeyGroup } from '../core/keymap';
import { useT } from '../i18n';
import { useEscapeKey } from './use-escape-key';
import './keys-dialog.css';

/** One way to press a binding: "g i" is `g` then `i`. */
function KeyCombo({ value }: { value: string }) {
  const t = useT();
  const parts = displayKey(value);
  return (
    <span className="keys-combo">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <span className="keys-combo__then">{t('keys.then')}</span>}
          <kbd>{part}</kbd>
        </Fragment>
      ))}
    </span>
  );
}

function BindingRow({ binding }: { binding: KeyBinding }) {
  const t = useT();
  return (
    <div className="keys-row" data-testid="keys-row" data-keys={binding.keys.join(',')}>
      <dt className="keys-row__keys">
        {binding.keys.map((key, index) => (
          <Fragment key={key}>
            {index > 0 && <span className="keys-row__or">/</span>}
            <KeyCombo value={key} />
          </Fragment>
        ))}
      </dt>
      <dd className="keys-row__what">{t(binding.description)}</dd>
    </div>
  );
}

/**
 * The keyboard shortcuts: the current screen's keys first, then the ones that work everywhere.
 * Escape, `?` or a click beside it closes it; the focus goes back where it was.
 */
export function KeysDialog({ groups, onClose }: { groups: readonly KeyGroup[]; onClose(): void }) {
  const t = useT();
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEscapeKey(onClose);

  useEffect(() => {
    const returnTo = document.activeElement;
    closeRef.current?.focus();
    return () => {
      if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus({ preventScroll: true });
    };
  }, []);

  const screen = groups.filter((group) => group.scope === 'screen');
  const global = groups.filter((group) => group.scope === 'global');
  const sections = [...screen, ...global];

  return (
    <div className="dialog-overlay" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        className="dialog keys-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="keys-dialog"
        onKeyDown={(event) => {
          if (event.key === '?') {
            event.preventDefault();
            onClose();
          }
        }}
      >
        <header className="dialog__header">
          <h2 id={titleId} className="dialog__title">
            {t('keys.title')}
          </h2>
          <span className="keys-dialog__spacer" />
          <button ref={closeRef} type="button" className="btn btn--small btn--ghost" onClick={onClose} data-testid="keys-close">
            {t('keys.close')} <kbd>Esc</kbd>
          </button>
        </header>
        <div className="dialog__body">
          <p className="muted keys-dialog__hint">{t('keys.hint')}</p>
          <div className="keys-dialog__groups">
            {screen.length === 0 && (
              <section className="keys-group" data-testid="keys-group" data-scope="screen">
                <p className="muted">{t('keys.none')}</p>
              </section>
            )}
            {sections.map((group) => (
              <section key={group.id} className="keys-group" aria-labelledby={`${titleId}-${group.id}`} data-testid="keys-group" data-scope={group.scope}>
                <h3 className="keys-group__title" id={`${titleId}-${group.id}`}>
                  {t(group.title)}
                </h3>
                <dl className="keys-group__list">
                  {group.bindings.map((binding) => (
                    <BindingRow key={binding.keys.join(',')} binding={binding} />
                  ))}
                </dl>
              </section>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
