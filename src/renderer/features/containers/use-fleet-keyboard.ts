import type { RefObject } from 'react';
import type { FleetContainer } from '../../../shared/domain';
import { containerLogsHref, terminalHref } from '../../core/links';
import { useKeymap } from '../../core/use-keymap';
import type { FleetItem } from './container-list';

interface FleetKeyboard {
  items: readonly FleetItem[];
  highlighted: string | null;
  setHighlighted(key: string | null): void;
  selection: ReadonlySet<string>;
  select(keys: readonly string[], on: boolean): void;
  clearSelection(): void;
  open(container: FleetContainer): void;
  /** The filter box (`/` focuses it). */
  filter: RefObject<HTMLInputElement | null>;
}

/**
 * The fleet table's keys (on the console's keymap): j/k or the arrows move, Home/End, Enter
 * opens, l its logs, s a shell, x selects, Escape clears, / the filter.
 */
export function useFleetKeyboard({ items, highlighted, setHighlighted, selection, select, clearSelection, open, filter }: FleetKeyboard): void {
  const rows = items.flatMap((item) => (item.kind === 'row' ? [item] : []));
  const index = highlighted === null ? -1 : rows.findIndex((item) => item.key === highlighted);
  const current = rows[index];
  const moveTo = (next: number) => {
    const item = rows[Math.max(0, Math.min(rows.length - 1, next))];
    if (item) setHighlighted(item.key);
  };
  const goTo = (href: (c: { engine: string; id: string }) => string) => {
    if (!current) return false;
    window.location.hash = href(current.container);
  };

  useKeymap('nav.containers', [
    { keys: ['j', 'ArrowDown'], description: 'keys.list.down', run: () => moveTo(index < 0 ? 0 : index + 1) },
    { keys: ['k', 'ArrowUp'], description: 'keys.list.up', run: () => moveTo(index < 0 ? 0 : index - 1) },
    { keys: ['Home'], description: 'keys.list.first', run: () => moveTo(0) },
    { keys: ['End'], description: 'keys.list.last', run: () => moveTo(rows.length - 1) },
    {
      keys: ['Enter'],
      description: 'keys.list.open',
      run: () => {
        if (!current) return false;
        open(current.container);
      },
    },
    { keys: ['l'], description: 'keys.list.logs', run: () => goTo(containerLogsHref) },
    { keys: ['s'], description: 'keys.list.shell', run: () => goTo(terminalHref) },
    {
      keys: ['x'],
      description: 'keys.list.select',
      run: () => {
        if (highlighted === null || index < 0) return false;
        select([highlighted], !selection.has(highlighted));
      },
    },
    {
      keys: ['Escape'],
      description: 'keys.list.clear',
      run: () => {
        if (selection.size > 0) clearSelection();
        else setHighlighted(null);
        return false;
      },
    },
    {
      keys: ['/'],
      description: 'keys.list.filter',
      run: () => {
        filter.current?.focus();
        filter.current?.select();
      },
    },
    // Listed only: the filter box handles them itself (ContainersToolbar).
    { keys: ['Enter', 'Escape'], description: 'keys.list.filterKeys' },
  ]);
}
