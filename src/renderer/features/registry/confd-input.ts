/** The keys field, comma-separated: `/a, /b` → ['/a', '/b']; empty means ['/']. */
export function parseKeysInput(text: string): string[] {
  const keys = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return keys.length ? keys : ['/'];
}

export type ConfdInputProblem = 'prefix' | 'keys' | undefined;

/** What the stream would refuse: every prefix and key must start with '/' (and at most 100 keys). */
export function checkConfdInput(prefix: string, keys: readonly string[]): ConfdInputProblem {
  if (!prefix.trim().startsWith('/')) return 'prefix';
  if (keys.length > 100 || keys.some((key) => !key.startsWith('/'))) return 'keys';
  return undefined;
}

/** The template line a render error points at ("line 3: unexpected {{end}}" → 3). */
export function errorLine(error: string | undefined): number | undefined {
  const match = error ? /\bline (\d+)\b/.exec(error) : null;
  return match ? Number(match[1]) : undefined;
}
