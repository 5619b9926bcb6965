/** Before every key the console keeps in localStorage or sessionStorage. */
export const STORAGE_PREFIX = 'ops-console.';

/** localStorage that never throws (private windows, file:// quirks, quota). */
export function readSetting(key: string): string | null {
  try {
    return window.localStorage.getItem(STORAGE_PREFIX + key);
  } catch {
    return null;
  }
}

export function writeSetting(key: string, value: string): void {
  try {
    window.localStorage.setItem(STORAGE_PREFIX + key, value);
  } catch {
    // Not remembered; the choice still applies to this window.
  }
}
