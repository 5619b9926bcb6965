import type { PlainMessageKey } from '../i18n';

/*
 * The console's keys, without React or the DOM: what a key press is called ("j", "Shift+Enter",
 * "g i"), when a press belongs to a field rather than to the screen, and which binding a press
 * (or a two-key sequence such as `g` then `i`) runs. `use-keymap.tsx` wires this to the window.
 */

/** One key of a screen or of the whole console, with what it does in the shortcuts dialog. */
export interface KeyBinding {
  /**
   * The presses that run it, as `keyName` writes them: "j", "N", "?", "Enter", "Shift+Enter",
   * "Space", "Home"; a sequence is two presses with a space between: "g i". Only presses with
   * Ctrl, Alt or Meta need them written ("Ctrl+K"); without, such presses never match.
   */
  keys: readonly string[];
  /** What it does, for the shortcuts dialog. */
  description: PlainMessageKey;
  /** Left out: listed only (a key handled elsewhere, such as Ctrl+K). Return false to let the press go on. */
  run?: (event: KeyPress) => boolean | void;
}

/** A group of keys: a screen's (while it is shown) or the console's own. */
export interface KeyGroup {
  id: string;
  /** The group's heading in the shortcuts dialog. */
  title: PlainMessageKey;
  scope: 'screen' | 'global';
  bindings: readonly KeyBinding[];
}

/** The parts of a KeyboardEvent the keymap reads (a plain object in tests). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  target: EventTarget | null;
}

/** Inputs that take no typing: keys pressed on them are still the screen's (a focused checkbox, say). */
const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

interface ElementLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
  closest?: (selector: string) => unknown;
}

/**
 * A press inside a text field, a text area, a select, rich text or the terminal is typing:
 * it belongs there, never to the screen's keys.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as ElementLike | null;
  if (!element || typeof element.tagName !== 'string') return false;
  const tag = element.tagName.toUpperCase();
  if (tag === 'INPUT') return !NOT_TYPED.has((element.type ?? 'text').toLowerCase());
  if (tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable) return true;
  return typeof element.closest === 'function' && !!element.closest('.xterm, [contenteditable="true"], [contenteditable=""]');
}

/** Enter and Space on a button, a link or a checkbox press it: they are not the screen's then. */
export function isActivationTarget(target: EventTarget | null): boolean {
  const element = target as ElementLike | null;
  if (!element || typeof element.tagName !== 'string') return false;
  const tag = element.tagName.toUpperCase();
  if (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || tag === 'INPUT') return true;
  return typeof element.closest === 'function' && !!element.closest('button, a[href], [role="button"], [role="tab"], [role="checkbox"], [role="option"]');
}

/**
 * The name of a press: printable keys as typed ("j", "N", "?": Shift is in the character),
 * named keys with Shift written ("Enter", "Shift+Enter", "Space"), then Ctrl, Alt and Meta
 * before it ("Ctrl+k"). Modifier keys alone have no name (undefined).
 */
export function keyName(press: Pick<KeyPress, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey'>): string | undefined {
  const { key } = press;
  if (!key || ['Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'Dead', 'Unidentified', 'Process'].includes(key)) return undefined;
  const base = key === ' ' ? 'Space' : key;
  const printable = base.length === 1;
  let name = printable || !press.shiftKey ? base : `Shift+${base}`;
  if (press.altKey) name = `Alt+${name}`;
  if (press.metaKey) name = `Meta+${name}`;
  if (press.ctrlKey) name = `Ctrl+${name}`;
  return name;
}

/** True when the press holds Ctrl, Alt or Meta: such presses match only bindings that name them. */
function hasCommandModifier(name: string): boolean {
  return /^(Ctrl|Meta|Alt)\+./.test(name);
}

export type Resolution =
  | { kind: 'run'; binding: KeyBinding; group: KeyGroup }
  /** The first press of a sequence: wait for the next one. */
  | { kind: 'prefix'; prefix: string }
  | { kind: 'none' };

/** The groups in the order presses are tried: the newest screen group first, the global ones last. */
export function inPriority(groups: readonly KeyGroup[]): KeyGroup[] {
  const screen = groups.filter((group) => group.scope === 'screen').reverse();
  const global = groups.filter((group) => group.scope === 'global').reverse();
  return [...screen, ...global];
}

/**
 * What a press does, given the first press of a sequence still waiting (`pending`, e.g. "g").
 * A press after a pending one either completes a sequence or cancels it (and does nothing).
 */
export function resolvePress(groups: readonly KeyGroup[], name: string, pending: string | null): Resolution {
  const ordered = inPriority(groups);
  const runnable = (binding: KeyBinding) => binding.run !== undefined;
  if (pending !== null) {
    const sequence = `${pending} ${name}`;
    for (const group of ordered) {
      const binding = group.bindings.find((b) => runnable(b) && b.keys.includes(sequence));
      if (binding) return { kind: 'run', binding, group };
    }
    return { kind: 'none' };
  }
  for (const group of ordered) {
    const binding = group.bindings.find((b) => runnable(b) && b.keys.includes(name));
    if (binding) return { kind: 'run', binding, group };
  }
  if (!hasCommandModifier(name) && ordered.some((group) => group.bindings.some((b) => runnable(b) && b.keys.some((k) => k.startsWith(`${name} `))))) {
    return { kind: 'prefix', prefix: name };
  }
  return { kind: 'none' };
}

/** How long the second press of a sequence may wait. */
export const SEQUENCE_TIMEOUT_MS = 1500;

/**
 * Feeds presses to the groups one by one, remembering the first press of a sequence for a
 * while. Returns true when the press was the keymap's (the caller then prevents its default).
 * `blocked`: a modal dialog is open, the press goes to it.
 */
export class KeySequencer {
  private pending: { prefix: string; at: number } | null = null;

  constructor(private readonly now: () => number = () => Date.now()) {}

  get waiting(): string | null {
    return this.pending && this.now() - this.pending.at <= SEQUENCE_TIMEOUT_MS ? this.pending.prefix : null;
  }

  press(groups: readonly KeyGroup[], press: KeyPress, blocked = false): boolean {
    const name = keyName(press);
    if (name === undefined) return false; // Shift on its way to "?" or "N" keeps a sequence waiting
    const pending = this.waiting;
    this.pending = null;
    if (blocked || isTypingTarget(press.target)) return false;
    if ((name === 'Enter' || name === 'Space' || name === 'Shift+Enter') && isActivationTarget(press.target)) return false;
    const resolution = resolvePress(groups, name, pending);
    if (resolution.kind === 'prefix') {
      this.pending = { prefix: resolution.prefix, at: this.now() };
      return true;
    }
    if (resolution.kind === 'run') return resolution.binding.run?.(press) !== false;
    // A cancelled sequence swallows its second press.
    return pending !== null;
  }

  reset(): void {
    this.pending = null;
  }
}

/** How a key is shown in `<kbd>`: "Space" → "Space", "ArrowDown" → "↓", "Shift+Enter" → "⇧ Enter". */
export function displayKey(key: string): string[] {
  return key.split(' ').map((part) =>
    part
      .replace(/^Shift\+/, '⇧ ')
      .replace('ArrowDown', '↓')
      .replace('ArrowUp', '↑')
      .replace('ArrowLeft', '←')
      .replace('ArrowRight', '→')
      .replace('Escape', 'Esc'),
  );
}
