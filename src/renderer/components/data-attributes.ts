/** { engine: 'lab-engine-1' } → { 'data-engine': 'lab-engine-1' }: extra data-* attributes for tests. */
export function dataAttributes(data: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(data ?? {}).map(([key, value]) => [`data-${key}`, value]));
}
