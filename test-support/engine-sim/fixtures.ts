import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the recorded answers of the lab's real engine live (record-fixtures.ts writes them). */
export const FIXTURE_DIR = join(import.meta.dirname, 'fixtures');

const cache = new Map<string, unknown>();

/** One recorded answer, parsed once; callers get their own deep copy. */
export function fixture<T>(name: string): T {
  if (!cache.has(name)) cache.set(name, JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.json`), 'utf8')));
  return structuredClone(cache.get(name)) as T;
}
