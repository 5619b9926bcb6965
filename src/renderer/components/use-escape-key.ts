import { useEffect } from 'react';

/**
 * Escape, heard before anything below (a dialog or palette over a screen): it goes no further,
 * and calls `onEscape` unless `enabled` is false (e.g. while a change is running).
 */
export function useEscapeKey(onEscape: () => void, enabled = true): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      if (enabled) onEscape();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onEscape, enabled]);
}
