import { useEffect } from 'react';
import type { FleetContainer } from '../../../shared/domain';
import type { FleetItem } from './container-list';

const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color']);

/** Keys typed into a text field or a select are theirs, not the table's (a focused checkbox is fine). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TYPED.has(target.type);
  return target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

interface FleetKeyboard {
  items: readonly FleetItem[];
  highlighted: string | null;
  setHighlighted(key: string | null): void;
  selection: ReadonlySet<string>;
  select(keys: readonly string[], on: boolean): void;
  clearSelection(): void;
  open(container: FleetContainer): void;
}

/** The fleet table's keys: Up/Down or j/k move, Home/End, Enter opens, x selects, Escape clears. */
export function useFleetKeyboard({ items, highlighted, setHighlighted, selection, select, clearSelection, open }: FleetKeyboard): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      const rows = items.filter((item) => item.kind === 'row');
      const index = highlighted === null ? -1 : rows.findIndex((item) => item.key === highlighted);
      const moveTo = (next: number) => {
        const item = rows[Math.max(0, Math.min(rows.length - 1, next))];
        if (item) setHighlighted(item.key);
      };
      switch (event.key) {
        case 'ArrowDown':
        case 'j':
          event.preventDefault();
          moveTo(index < 0 ? 0 : index + 1);
          break;
        case 'ArrowUp':
        case 'k':
          event.preventDefault();
          moveTo(index < 0 ? 0 : index - 1);
          break;
        case 'Home':
          event.preventDefault();
          moveTo(0);
          break;
        case 'End':
          event.preventDefault();
          moveTo(rows.length - 1);
          break;
        case 'Enter': {
          if (event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement) return;
          const item = rows[index];
          if (item?.kind === 'row') {
            event.preventDefault();
            open(item.container);
          }
          break;
        }
        case 'x':
        case 'X':
          if (highlighted !== null && index >= 0) {
            event.preventDefault();
            select([highlighted], !selection.has(highlighted));
          }
          break;
        case 'Escape':
          if (selection.size > 0) clearSelection();
          else setHighlighted(null);
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, highlighted, setHighlighted, selection, select, clearSelection, open]);
}
