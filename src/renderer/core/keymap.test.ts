import { describe, expect, it } from 'vitest';
import { displayKey, isTypingTarget, keyName, KeySequencer, resolvePress, SEQUENCE_TIMEOUT_MS, type KeyGroup, type KeyPress } from './keymap';

/** A stand-in for an element: the fields the guard reads, and `closest` over a list of ancestor selectors it matches. */
function element(tagName: string, extra: { type?: string; isContentEditable?: boolean; inside?: string[] } = {}): EventTarget {
  return {
    tagName,
    type: extra.type,
    isContentEditable: extra.isContentEditable ?? false,
    closest: (selector: string) => (extra.inside ?? []).some((s) => selector.split(',').map((p) => p.trim()).includes(s)) || null,
  } as unknown as EventTarget;
}

const body = element('BODY');
const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, target: body, ...more });

function recorder() {
  const ran: string[] = [];
  const group = (scope: KeyGroup['scope'], id: string, keys: string[]): KeyGroup => ({
    id,
    scope,
    title: 'keys.global',
    bindings: keys.map((key) => ({ keys: [key], description: 'keys.help', run: () => void ran.push(`${id}:${key}`) })),
  });
  return { ran, group };
}

describe('the keymap', () => {
  it('names presses: printable keys as typed, named keys with Shift, modifiers first', () => {
    expect(keyName(press('j'))).toBe('j');
    expect(keyName(press('N', { shiftKey: true }))).toBe('N');
    expect(keyName(press('?', { shiftKey: true }))).toBe('?');
    expect(keyName(press(' '))).toBe('Space');
    expect(keyName(press('Enter', { shiftKey: true }))).toBe('Shift+Enter');
    expect(keyName(press('k', { ctrlKey: true }))).toBe('Ctrl+k');
    expect(keyName(press('Shift', { shiftKey: true }))).toBeUndefined();
  });

  it('treats text fields, text areas, selects, rich text and the terminal as typing, not checkboxes or buttons', () => {
    expect(isTypingTarget(element('INPUT', { type: 'text' }))).toBe(true);
    expect(isTypingTarget(element('INPUT', { type: 'search' }))).toBe(true);
    expect(isTypingTarget(element('INPUT'))).toBe(true);
    expect(isTypingTarget(element('TEXTAREA'))).toBe(true);
    expect(isTypingTarget(element('SELECT'))).toBe(true);
    expect(isTypingTarget(element('DIV', { isContentEditable: true }))).toBe(true);
    expect(isTypingTarget(element('TEXTAREA', { inside: ['.xterm'] }))).toBe(true);
    expect(isTypingTarget(element('DIV', { inside: ['.xterm'] }))).toBe(true);
    expect(isTypingTarget(element('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTypingTarget(element('BUTTON'))).toBe(false);
    expect(isTypingTarget(body)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('never runs a key typed into a field or the terminal, nor one held with Ctrl, Alt or Meta', () => {
    const { ran, group } = recorder();
    const groups = [group('screen', 'logs', ['n', '/', 'g x'])];
    const keys = new KeySequencer();
    expect(keys.press(groups, press('n', { target: element('INPUT', { type: 'search' }) }))).toBe(false);
    expect(keys.press(groups, press('/', { target: element('TEXTAREA', { inside: ['.xterm'] }) }))).toBe(false);
    expect(keys.press(groups, press('n', { target: element('DIV', { isContentEditable: true }) }))).toBe(false);
    expect(keys.press(groups, press('n', { ctrlKey: true }))).toBe(false);
    expect(keys.press(groups, press('n', { altKey: true }))).toBe(false);
    expect(keys.press(groups, press('n', { metaKey: true }))).toBe(false);
    expect(keys.press(groups, press('g', { ctrlKey: true }))).toBe(false); // no sequence starts with Ctrl held
    expect(ran).toEqual([]);
    expect(keys.press(groups, press('n', { target: element('INPUT', { type: 'checkbox' }) }))).toBe(true);
    expect(ran).toEqual(['logs:n']);
  });

  it('runs a binding that names its modifier (a documented combo)', () => {
    const { ran, group } = recorder();
    expect(new KeySequencer().press([group('global', 'g', ['Ctrl+k'])], press('k', { ctrlKey: true }))).toBe(true);
    expect(ran).toEqual(['g:Ctrl+k']);
  });

  it('leaves Enter and Space to a focused button or link', () => {
    const { ran, group } = recorder();
    const groups = [group('screen', 'list', ['Enter', 'Space'])];
    const keys = new KeySequencer();
    expect(keys.press(groups, press('Enter', { target: element('BUTTON') }))).toBe(false);
    expect(keys.press(groups, press(' ', { target: element('A') }))).toBe(false);
    expect(keys.press(groups, press('Enter'))).toBe(true);
    expect(ran).toEqual(['list:Enter']);
  });

  it('does nothing while a modal dialog is open', () => {
    const { ran, group } = recorder();
    expect(new KeySequencer().press([group('global', 'g', ['?'])], press('?'), true)).toBe(false);
    expect(ran).toEqual([]);
  });

  it('goes to a screen with g then a letter; the g alone waits, and nothing else runs in between', () => {
    const { ran, group } = recorder();
    const groups = [group('global', 'global', ['g i', 'g l', '?']), group('screen', 'logs', ['l', 'i'])];
    const keys = new KeySequencer();
    expect(keys.press(groups, press('g'))).toBe(true);
    expect(keys.waiting).toBe('g');
    expect(keys.press(groups, press('Shift', { shiftKey: true }))).toBe(false); // a modifier on its own keeps it waiting
    expect(keys.press(groups, press('l'))).toBe(true);
    expect(ran).toEqual(['global:g l']);
    expect(keys.waiting).toBeNull();
    // Without the g, l is the screen's.
    keys.press(groups, press('l'));
    expect(ran).toEqual(['global:g l', 'logs:l']);
  });

  it('cancels a sequence on an unknown second key (swallowing it) or after a pause', () => {
    const { ran, group } = recorder();
    const groups = [group('global', 'global', ['g i']), group('screen', 's', ['z', 'i'])];
    let now = 1000;
    const keys = new KeySequencer(() => now);
    keys.press(groups, press('g'));
    expect(keys.press(groups, press('z'))).toBe(true);
    expect(ran).toEqual([]);
    expect(keys.waiting).toBeNull();
    keys.press(groups, press('g'));
    now += SEQUENCE_TIMEOUT_MS + 1;
    expect(keys.waiting).toBeNull();
    keys.press(groups, press('i'));
    expect(ran).toEqual(['s:i']);
  });

  it('tries the newest screen group first, the global ones last, and skips listed-only keys', () => {
    const { group } = recorder();
    const global = group('global', 'global', ['?', 'Escape']);
    const older = group('screen', 'older', ['j']);
    const newer = group('screen', 'newer', ['j', 'Escape']);
    const resolved = resolvePress([global, older, newer], 'j', null);
    expect(resolved.kind === 'run' && resolved.group.id).toBe('newer');
    const esc = resolvePress([global, older, newer], 'Escape', null);
    expect(esc.kind === 'run' && esc.group.id).toBe('newer');
    const listed: KeyGroup = { id: 'listed', scope: 'screen', title: 'keys.global', bindings: [{ keys: ['q'], description: 'keys.help' }] };
    expect(resolvePress([listed], 'q', null).kind).toBe('none');
  });

  it('lets a binding decline a press (returning false) so its default goes on', () => {
    const groups: KeyGroup[] = [{ id: 'x', scope: 'screen', title: 'keys.global', bindings: [{ keys: ['Enter'], description: 'keys.help', run: () => false }] }];
    expect(new KeySequencer().press(groups, press('Enter'))).toBe(false);
  });

  it('shows keys for <kbd>: arrows as arrows, Shift as ⇧, a sequence as its presses', () => {
    expect(displayKey('ArrowDown')).toEqual(['↓']);
    expect(displayKey('Shift+Enter')).toEqual(['⇧ Enter']);
    expect(displayKey('g i')).toEqual(['g', 'i']);
    expect(displayKey('Escape')).toEqual(['Esc']);
  });
});
