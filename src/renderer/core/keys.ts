/** True on macOS, where the palette shortcut is ⌘K rather than Ctrl+K. */
export const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export const PALETTE_SHORTCUT = IS_MAC ? '⌘K' : 'Ctrl+K';

/** Ctrl+K, or Cmd+K on macOS (either works everywhere). */
export function isPaletteShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';
}
