import type { KeyBinding } from '../core/keymap';
import type { PlainMessageKey } from '../i18n';

/** `g` then a letter goes to a screen (the letters most consoles use; `x` for exec, as `t` is Topology). */
export const SCREEN_KEYS: ReadonlyArray<{ screen: string; letter: string; description: PlainMessageKey }> = [
  { screen: 'incidents', letter: 'i', description: 'keys.go.incidents' },
  { screen: 'topology', letter: 't', description: 'keys.go.topology' },
  { screen: 'containers', letter: 'c', description: 'keys.go.containers' },
  { screen: 'logs', letter: 'l', description: 'keys.go.logs' },
  { screen: 'terminal', letter: 'x', description: 'keys.go.terminal' },
  { screen: 'registry', letter: 'r', description: 'keys.go.registry' },
  { screen: 'metrics', letter: 'm', description: 'keys.go.metrics' },
  { screen: 'timeline', letter: 'e', description: 'keys.go.timeline' },
  { screen: 'connections', letter: 'n', description: 'keys.go.connections' },
  { screen: 'audit', letter: 'a', description: 'keys.go.audit' },
  { screen: 'settings', letter: 's', description: 'keys.go.settings' },
];

interface GlobalActions {
  goTo(screen: string): void;
  showHelp(): void;
  /** How the palette and sidebar shortcuts read on this machine ("Ctrl+K" or "⌘K"). */
  paletteKey: string;
  sidebarKey: string;
}

/** The keys that work on every screen: help, the palette, the sidebar, Escape, and `g` + a letter. */
export function globalBindings({ goTo, showHelp, paletteKey, sidebarKey }: GlobalActions): KeyBinding[] {
  return [
    { keys: ['?'], description: 'keys.help', run: showHelp },
    { keys: [paletteKey], description: 'keys.palette' },
    { keys: [sidebarKey], description: 'keys.sidebar' },
    { keys: ['Escape'], description: 'keys.escape' },
    ...SCREEN_KEYS.map(({ screen, letter, description }) => ({ keys: [`g ${letter}`], description, run: () => goTo(screen) })),
  ];
}
