import type { ReactNode, RefObject } from 'react';
import { IconSearch } from '../../components/icons';
import { useT } from '../../i18n';

interface ContainersToolbarProps {
  text: string;
  onTextChange(text: string): void;
  onlyProblems: boolean;
  onOnlyProblemsChange(value: boolean): void;
  /** The row count, shown at the end unless the screen shows it elsewhere. */
  shown?: number;
  total?: number;
  /** Extra controls after the toggles (the engine chips). */
  children?: ReactNode;
  /** The filter box, for the screen's `/` key. */
  inputRef?: RefObject<HTMLInputElement | null>;
}

/**
 * Filter box (the screen's "/" focuses it; Escape clears it, and when empty leaves it; Enter
 * leaves it keeping the text), the problems toggle and the row count.
 */
export function ContainersToolbar({ text, onTextChange, onlyProblems, onOnlyProblemsChange, shown, total, children, inputRef }: ContainersToolbarProps) {
  const t = useT();

  return (
    <div className="toolbar">
      <label className="search-field">
        <IconSearch className="search-field__icon" />
        <span className="visually-hidden">{t('containers.filterLabel')}</span>
        <input
          ref={inputRef}
          type="search"
          value={text}
          placeholder={t('containers.filterPlaceholder')}
          onChange={(event) => onTextChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && text) {
              event.stopPropagation();
              onTextChange('');
            } else if (event.key === 'Enter' || event.key === 'Escape') {
              // Done filtering: the field lets go, so the list's keys (j/k, Enter, l, s) work again.
              event.preventDefault();
              event.currentTarget.blur();
            }
          }}
          spellCheck={false}
          autoComplete="off"
          data-testid="container-filter"
        />
        {!text && <kbd aria-hidden="true">/</kbd>}
      </label>
      <label className="checkbox" title={t('containers.onlyProblemsHint')}>
        <input type="checkbox" checked={onlyProblems} onChange={(event) => onOnlyProblemsChange(event.target.checked)} />
        {t('containers.onlyProblems')}
      </label>
      {children}
      {shown !== undefined && total !== undefined && (
        <>
          <span className="toolbar__spacer" />
          <ContainerCount shown={shown} total={total} />
        </>
      )}
    </div>
  );
}

/** `detailsPending`: rows are Docker's list only for now (environment, restarts, ports follow). */
export function ContainerCount({ shown, total, detailsPending = false }: { shown: number; total: number; detailsPending?: boolean }) {
  const t = useT();
  return (
    <span className="muted toolbar__count" data-testid="container-count" data-shown={shown} data-total={total} data-details-pending={String(detailsPending)} aria-live="polite">
      {t('containers.count', { shown, total })}
      {detailsPending && ` · ${t('containers.readingDetails')}`}
    </span>
  );
}
