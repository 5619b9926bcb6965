import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { PlainMessageKey } from '../i18n';
import { KeySequencer, type KeyBinding, type KeyGroup } from './keymap';

/** Adds or replaces a group (by id); returns its removal. */
type Register = (group: KeyGroup) => () => void;

const RegisterContext = createContext<Register | null>(null);
const GroupsContext = createContext<readonly KeyGroup[]>([]);

/** A modal dialog is open: its own keys (Escape, Tab, Enter) are the only ones. */
function modalOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}

/** One window listener for every screen's keys and the global ones (see core/keymap.ts). */
export function KeymapProvider({ children }: { children: ReactNode }) {
  const [groups, setGroups] = useState<readonly KeyGroup[]>([]);
  const groupsRef = useRef(groups);
  groupsRef.current = groups;

  useEffect(() => {
    const sequencer = new KeySequencer();
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (sequencer.press(groupsRef.current, event, modalOpen())) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const register = useCallback<Register>((group) => {
    setGroups((current) => {
      const index = current.findIndex((g) => g.id === group.id);
      if (index < 0) return [...current, group];
      const next = [...current];
      next[index] = group;
      return next;
    });
    return () => setGroups((current) => current.filter((g) => g.id !== group.id));
  }, []);
  return (
    <RegisterContext.Provider value={register}>
      <GroupsContext.Provider value={groups}>{children}</GroupsContext.Provider>
    </RegisterContext.Provider>
  );
}

/** The groups registered now (the shortcuts dialog lists them). */
export function useKeyGroups(): readonly KeyGroup[] {
  return useContext(GroupsContext);
}

/**
 * A screen's (or the console's) keys while the component is mounted. Bindings may be new on
 * every render: each press runs the latest; the group is re-registered only when its keys or
 * descriptions change. Outside a KeymapProvider it does nothing.
 */
export function useKeymap(title: PlainMessageKey, bindings: readonly KeyBinding[], scope: KeyGroup['scope'] = 'screen'): void {
  const register = useContext(RegisterContext);
  const id = useId();
  const latest = useRef(bindings);
  latest.current = bindings;
  const shape = JSON.stringify(bindings.map((b) => [b.keys, b.description, b.run !== undefined]));

  useEffect(() => {
    if (!register) return;
    const stable: KeyBinding[] = latest.current.map((binding, index) => ({
      keys: binding.keys,
      description: binding.description,
      run: binding.run && ((press) => latest.current[index]?.run?.(press)),
    }));
    return register({ id, title, scope, bindings: stable });
  }, [register, id, title, scope, shape]);
}
