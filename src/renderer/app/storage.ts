/** localStorage that never throws (private windows, file:// quirks, quota). */
const PREFIX = 'ops-console.';

export function readSetting(key: string): string | null {
  try {
    return window.localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

export function writeSetting(key: string, value: string): void {
  try {
    window.localStorage.setItem(PREFIX + key, value);
  } catch {
    // Not remembered; the choice still applies to this window.
  }
}
