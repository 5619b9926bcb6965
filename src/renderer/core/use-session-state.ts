import { useEffect, useState } from 'react';
import { STORAGE_PREFIX } from './storage';

/** useState that survives moving between screens and reloads of this window (sessionStorage). */
export function useSessionState<T>(key: string, initial: T): [T, (value: T) => void] {
  const storageKey = STORAGE_PREFIX + key;
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = window.sessionStorage.getItem(storageKey);
      return stored === null ? initial : (JSON.parse(stored) as T);
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    try {
      window.sessionStorage.setItem(storageKey, JSON.stringify(value));
    } catch {
      // Not kept; fine.
    }
  }, [storageKey, value]);
  return [value, setValue];
}
