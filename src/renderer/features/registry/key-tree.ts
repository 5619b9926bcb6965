/**
 * The raw key space seen as folders: keys are split on '/' like paths. A level is named by its
 * prefix, which always ends in '/' ('/' is the root). Keys that do not start with '/' are listed
 * at the root under their full name.
 */
export const ROOT = '/';

export interface FolderEntry {
  /** The segment, e.g. `search_PRE`. */
  name: string;
  /** The level it opens, e.g. `/search_PRE/`. */
  prefix: string;
  /** Keys anywhere below it. */
  count: number;
}

export interface Level {
  folders: FolderEntry[];
  /** Full keys that sit directly at this level, sorted. */
  keys: string[];
}

/** Folders (with key counts) and keys directly under `prefix`. */
export function listLevel(keys: Iterable<string>, prefix: string): Level {
  const folders = new Map<string, number>();
  const here: string[] = [];
  for (const key of keys) {
    if (prefix === ROOT && !key.startsWith('/')) {
      here.push(key);
      continue;
    }
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) here.push(key);
    else {
      const name = rest.slice(0, slash);
      folders.set(name, (folders.get(name) ?? 0) + 1);
    }
  }
  return {
    folders: [...folders]
      .map(([name, count]) => ({ name, prefix: `${prefix}${name}/`, count }))
      .sort((a, b) => compareNames(a.name, b.name)),
    keys: here.sort((a, b) => compareNames(leafName(a, prefix), leafName(b, prefix)) || compareNames(a, b)),
  };
}

/** The last part of a key as shown at its level (the full key at the root when it has no leading '/'). */
export function leafName(key: string, prefix: string): string {
  return key.startsWith(prefix) ? key.slice(prefix.length) : key;
}

export interface Crumb {
  label: string;
  prefix: string;
}

/** `/a/b/` → [/, a, b] with the prefix each one opens. */
export function breadcrumbs(prefix: string): Crumb[] {
  const crumbs: Crumb[] = [{ label: ROOT, prefix: ROOT }];
  let current = ROOT;
  for (const segment of prefix.slice(1).split('/').slice(0, -1)) {
    current = `${current}${segment}/`;
    crumbs.push({ label: segment, prefix: current });
  }
  return crumbs;
}

/** The level a key is shown at: `/a/b/c` → `/a/b/`. */
export function prefixOf(key: string): string {
  if (!key.startsWith('/')) return ROOT;
  return key.slice(0, key.lastIndexOf('/') + 1);
}

/** A prefix typed or remembered: always starts and ends with '/'. */
export function normalizePrefix(prefix: string): string {
  let value = prefix.trim();
  if (!value.startsWith('/')) value = `/${value}`;
  if (!value.endsWith('/')) value = `${value}/`;
  return value;
}

/** Natural order: `127.0.0.1-9` before `127.0.0.1-10`. */
const collator = new Intl.Collator('en', { numeric: true });
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}
