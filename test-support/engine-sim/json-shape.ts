/**
 * The shape of a JSON value: field names and types, values dropped. Objects named in `maps`
 * (by key, e.g. Labels, Attributes) are data keyed by name and count as `record<type>`; an
 * array's shape is its first element's. Two answers parse the same when their shapes are equal.
 */
export type Shape = string | Shape[] | { [key: string]: Shape };

export function shapeOf(value: unknown, maps: ReadonlySet<string> = new Set(), key = ''): Shape {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0], maps)] : 'array(empty)';
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (maps.has(key)) return `record<${[...new Set(entries.map(([, v]) => JSON.stringify(shapeOf(v, maps))))].sort().join('|') || 'empty'}>`;
    return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, shapeOf(v, maps, k)]));
  }
  return typeof value;
}
