import { describe, expect, it } from 'vitest';
import { isSidebarShortcut, NARROW_WINDOW_QUERY, parseSidebarChoice, sidebarCollapsed } from './sidebar';

const key = (overrides: Partial<Parameters<typeof isSidebarShortcut>[0]> = {}) => ({
  key: 'b',
  ctrlKey: true,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  target: null,
  ...overrides,
});
/** A stand-in for an element: closest() answers for the selectors it is inside. */
const inside = (match: boolean) => ({ closest: () => (match ? {} : null) }) as unknown as EventTarget;

describe('the collapsible sidebar', () => {
  it('starts collapsed below 1200 px unless the user chose', () => {
    expect(NARROW_WINDOW_QUERY).toBe('(max-width: 1199.98px)');
    expect(sidebarCollapsed(null, true)).toBe(true);
    expect(sidebarCollapsed(null, false)).toBe(false);
    expect(sidebarCollapsed('expanded', true)).toBe(false);
    expect(sidebarCollapsed('collapsed', false)).toBe(true);
  });

  it('reads only the choices it wrote', () => {
    expect(parseSidebarChoice('collapsed')).toBe('collapsed');
    expect(parseSidebarChoice('expanded')).toBe('expanded');
    expect(parseSidebarChoice(null)).toBeNull();
    expect(parseSidebarChoice('true')).toBeNull();
  });

  it('toggles with Ctrl+B or Cmd+B, never from a terminal', () => {
    expect(isSidebarShortcut(key())).toBe(true);
    expect(isSidebarShortcut(key({ key: 'B' }))).toBe(true);
    expect(isSidebarShortcut(key({ ctrlKey: false, metaKey: true }))).toBe(true);
    expect(isSidebarShortcut(key({ ctrlKey: false }))).toBe(false);
    expect(isSidebarShortcut(key({ shiftKey: true }))).toBe(false);
    expect(isSidebarShortcut(key({ altKey: true }))).toBe(false);
    expect(isSidebarShortcut(key({ key: 'k' }))).toBe(false);
    expect(isSidebarShortcut(key({ target: inside(true) }))).toBe(false);
    expect(isSidebarShortcut(key({ target: inside(false) }))).toBe(true);
  });
});
