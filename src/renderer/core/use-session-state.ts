import { useEffect, useState } from 'react';
import { rememberValue, sessionValue } from './session';
import { STORAGE_PREFIX } from './storage';

/** Whether a kept value has the shape of the default (a file edited by hand, or an older version's value, is not used). */
function sameKind(value: unknown, initial: unknown): boolean {
  if (initial === null || initial === undefined) return true;
  if (Array.isArray(initial)) return Array.isArray(value);
  return typeof value === typeof initial && value !== null && Array.isArray(value) === false;
}

/**
 * useState that survives moving between screens, reloads of this window (sessionStorage, this
 * window's own) and restarts of the console (the session kept main-side, see core/session).
 */
export function useSessionState<T>(key: string, initial: T): [T, (value: T) => void] {
  const storageKey = STORAGE_PREFIX + key;
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = window.sessionStorage.getItem(storageKey);
      if (stored !== null) return JSON.parse(stored) as T;
    } catch {
      // Fall back to the kept session.
    }
    const kept = sessionValue(key);
    return kept !== undefined && sameKind(kept, initial) ? (kept as T) : initial;
  });
  useEffect(() => {
    try {
      window.sessionStorage.setItem(storageKey, JSON.stringify(value));
    } catch {
      // Not kept in this window; the session below still has it.
    }
    rememberValue(key, value);
  }, [key, storageKey, value]);
  return [value, setValue];
}
