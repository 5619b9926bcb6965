import { GoStruct, type TemplateFunction } from './go-template-exec';

/** Go's path.Clean for slash paths. */
export function pathClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
    } else parts.push(part);
  }
  const joined = parts.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

export function pathBase(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export function pathDir(p: string): string {
  const i = p.lastIndexOf('/');
  return pathClean(p.slice(0, i + 1));
}

/** Go's path.Match: * matches any run of non-slash characters, ? one, [...] a class. */
export function pathMatch(pattern: string, name: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) throw new Error('syntax error in pattern');
      let cls = pattern.slice(i + 1, end);
      if (cls.startsWith('^')) cls = `^${cls.slice(1)}`;
      re += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '\\') {
      re += `\\${pattern[++i] ?? ''}`;
    } else re += c.replace(/[.+^${}()|\]\\]/g, '\\$&');
  }
  return new RegExp(`${re}$`).test(name);
}

const pathToTerms = (p: string) => pathClean(p).split('/');
const samePrefixTerms = (prefix: string[], path: string[]) => prefix.length <= path.length && prefix.every((t, i) => t === path[i]);
const stripKey = (key: string, prefix: string) => key.replace(prefix, '').replace(/^\//, '');
const sortStrings = (values: string[]) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * confd's template functions over a key/value store, ported from confd's memkv store and
 * template_funcs.go (including their quirks, so the preview renders what confd renders).
 */
export function confdFunctions(store: Map<string, string>, env: NodeJS.ProcessEnv = {}): Record<string, TemplateFunction> {
  const kv = (key: string, value: string) => new GoStruct({ Key: key, Value: value });
  const getAll = (pattern: string) =>
    sortStrings([...store.keys()].filter((k) => pathMatch(pattern, k))).map((k) => kv(k, store.get(k)!));
  return {
    exists: (key) => store.has(String(key)),
    get: (key) => {
      if (!store.has(String(key))) throw new Error(`key does not exist: ${String(key)}`);
      return kv(String(key), store.get(String(key))!);
    },
    gets: (pattern) => getAll(String(pattern)),
    getv: (key, ...fallback) => {
      if (store.has(String(key))) return store.get(String(key));
      if (fallback.length) return fallback[0];
      throw new Error(`key does not exist: ${String(key)}`);
    },
    getvs: (pattern) => sortStrings(getAll(String(pattern)).map((p) => String(p.fields.Value))),
    ls: (filePath) => {
      const dir = String(filePath);
      const prefix = pathToTerms(dir);
      const names = new Set<string>();
      for (const key of store.keys()) {
        if (key === dir) {
          names.add(pathBase(key));
          continue;
        }
        if (samePrefixTerms(prefix, pathToTerms(pathDir(key)))) names.add(stripKey(key, dir).split('/')[0]!);
      }
      return sortStrings([...names]);
    },
    lsdir: (filePath) => {
      const dir = String(filePath);
      const prefix = pathToTerms(dir);
      const names = new Set<string>();
      for (const key of store.keys()) {
        if (!key.startsWith(dir)) continue;
        const items = pathToTerms(pathDir(key));
        if (samePrefixTerms(prefix, items) && items.length - prefix.length >= 1) names.add(items[prefix.length]!);
      }
      return sortStrings([...names]);
    },
    base: (p) => pathBase(String(p)),
    dir: (p) => pathDir(String(p)),
    split: (s, sep) => String(s).split(String(sep)),
    join: (items, sep) => (items as unknown[]).map(String).join(String(sep)),
    json: (s) => {
      const value = JSON.parse(String(s)) as unknown;
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('json: cannot unmarshal into map');
      return value;
    },
    jsonArray: (s) => {
      const value = JSON.parse(String(s)) as unknown;
      if (!Array.isArray(value)) throw new Error('json: cannot unmarshal into array');
      return value;
    },
    toUpper: (s) => String(s).toUpperCase(),
    toLower: (s) => String(s).toLowerCase(),
    contains: (s, sub) => String(s).includes(String(sub)),
    replace: (s, old, replacement, n) => {
      let count = Number(n);
      if (count < 0) return String(s).split(String(old)).join(String(replacement));
      let out = String(s);
      let from = 0;
      while (count-- > 0) {
        const i = out.indexOf(String(old), from);
        if (i < 0) break;
        out = out.slice(0, i) + String(replacement) + out.slice(i + String(old).length);
        from = i + String(replacement).length;
      }
      return out;
    },
    trimSuffix: (s, suffix) => (String(s).endsWith(String(suffix)) ? String(s).slice(0, -String(suffix).length) : String(s)),
    getenv: (name, ...fallback) => env[String(name)] || (fallback[0] as string | undefined) || '',
    base64Encode: (s) => Buffer.from(String(s)).toString('base64'),
    base64Decode: (s) => Buffer.from(String(s), 'base64').toString('utf8'),
    parseBool: (s) => ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(String(s)),
    reverse: (values) => [...(values as unknown[])].reverse(),
    sortByLength: (values) => [...(values as string[])].sort((a, b) => a.length - b.length),
    atoi: (s) => {
      const n = Number.parseInt(String(s), 10);
      if (!/^[-+]?\d+$/.test(String(s))) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(String(s))}: invalid syntax`);
      return n;
    },
    add: (a, b) => Number(a) + Number(b),
    sub: (a, b) => Number(a) - Number(b),
    mul: (a, b) => Number(a) * Number(b),
    div: (a, b) => Math.trunc(Number(a) / Number(b)),
    mod: (a, b) => Number(a) % Number(b),
    seq: (first, last) => Array.from({ length: Math.max(0, Number(last) - Number(first) + 1) }, (_, i) => Number(first) + i),
  };
}

/**
 * The keys confd would load for a template resource: every key under prefix + each of keys,
 * stored without the prefix (confd strips it), as confd's template resource does.
 */
export function confdStore(all: Map<string, string>, prefix: string, keys: string[]): Map<string, string> {
  const store = new Map<string, string>();
  const cleanPrefix = prefix === '/' ? '' : prefix.replace(/\/+$/, '');
  const roots = keys.map((k) => pathClean(`${cleanPrefix}/${k}`));
  for (const [key, value] of all) {
    if (!roots.some((root) => key === root || key.startsWith(root === '/' ? '/' : `${root}/`) || key.startsWith(root))) continue;
    const relative = cleanPrefix && key.startsWith(cleanPrefix) ? key.slice(cleanPrefix.length) : key;
    store.set(pathClean(`/${relative}`), value);
  }
  return store;
}
