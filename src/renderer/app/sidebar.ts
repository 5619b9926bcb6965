/** Below this window width the sidebar starts collapsed (icons only) unless the user chose otherwise. */
export const SIDEBAR_AUTO_COLLAPSE_BELOW = 1200;

/** The storage key (through core/storage) of the user's choice: 'collapsed' or 'expanded'. */
export const SIDEBAR_SETTING = 'sidebar';

export type SidebarChoice = 'collapsed' | 'expanded';

/** The stored choice, if it is one. */
export function parseSidebarChoice(stored: string | null): SidebarChoice | null {
  return stored === 'collapsed' || stored === 'expanded' ? stored : null;
}

/** The media query that is true while the window is narrower than 1200 px. */
export const NARROW_WINDOW_QUERY = `(max-width: ${SIDEBAR_AUTO_COLLAPSE_BELOW - 0.02}px)`;

/** Collapsed when the user said so; without a choice, while the window is narrow. */
export function sidebarCollapsed(choice: SidebarChoice | null, narrowWindow: boolean): boolean {
  return choice ? choice === 'collapsed' : narrowWindow;
}

/** The key that toggles the sidebar with Ctrl (⌘ on macOS): Ctrl+B, as in most editors. */
export const SIDEBAR_KEY = 'b';

interface ShortcutEvent {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  target: EventTarget | null;
}

/**
 * Ctrl+B or Cmd+B, except inside a terminal, where Ctrl+B belongs to the shell (tmux's prefix,
 * readline's back one character), and in rich text where it means bold.
 */
export function isSidebarShortcut(event: ShortcutEvent): boolean {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== SIDEBAR_KEY) return false;
  const target = event.target as { closest?: (selector: string) => unknown } | null;
  if (target && typeof target.closest === 'function' && target.closest('.xterm, [contenteditable="true"]')) return false;
  return true;
}
