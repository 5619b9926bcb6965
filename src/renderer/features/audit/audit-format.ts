const HEX_ID = /^(sha256:)?[0-9a-f]{64}$/;

function formatValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = HEX_ID.test(value) ? value.replace(/^sha256:/, '').slice(0, 12) : value;
    return /[\s"=]/.test(shown) || shown === '' ? JSON.stringify(shown) : shown;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(value);
}

/** An audit entry's parameters as compact `key=value` pairs (long ids shortened like `docker ps`). */
export function formatParams(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${formatValue(value)}`)
    .join(' ');
}

/** The entries matching every word of the filter (user, engine, target, action, result, message, parameters). */
export function matchesAudit(
  entry: { user: string; engine?: string; target: string; action: string; result: string; message?: string; params: Record<string, unknown> },
  text: string,
): boolean {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [entry.user, entry.engine ?? '', entry.target, entry.action, entry.result, entry.message ?? '', formatParams(entry.params)]
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}
