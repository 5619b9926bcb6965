import { describe, expect, it } from 'vitest';
import { breadcrumbs, leafName, listLevel, normalizePrefix, prefixOf } from './key-tree';

const KEYS = [
  '/search_PRE/127.0.0.1-10',
  '/search_PRE/127.0.0.1-9',
  '/search_PROD/10.0.0.1-80',
  '/e2e/raw/key',
  '/e2e/raw/deeper/x',
  '/top',
  'no-slash',
  '/dir/',
];

describe('the key tree', () => {
  it('lists folders with their key counts and the keys directly at the root', () => {
    const level = listLevel(KEYS, '/');
    expect(level.folders).toEqual([
      { name: 'dir', prefix: '/dir/', count: 1 },
      { name: 'e2e', prefix: '/e2e/', count: 2 },
      { name: 'search_PRE', prefix: '/search_PRE/', count: 2 },
      { name: 'search_PROD', prefix: '/search_PROD/', count: 1 },
    ]);
    expect(level.keys).toEqual(['no-slash', '/top']);
  });

  it('lists a deeper level in natural order, and a key ending in / at its own folder', () => {
    expect(listLevel(KEYS, '/search_PRE/').keys).toEqual(['/search_PRE/127.0.0.1-9', '/search_PRE/127.0.0.1-10']);
    expect(listLevel(KEYS, '/e2e/raw/')).toEqual({ folders: [{ name: 'deeper', prefix: '/e2e/raw/deeper/', count: 1 }], keys: ['/e2e/raw/key'] });
    expect(listLevel(KEYS, '/dir/')).toEqual({ folders: [], keys: ['/dir/'] });
    expect(listLevel(KEYS, '/nothing/')).toEqual({ folders: [], keys: [] });
  });

  it('names keys at their level, and builds breadcrumbs and parent prefixes', () => {
    expect(leafName('/search_PRE/127.0.0.1-9', '/search_PRE/')).toBe('127.0.0.1-9');
    expect(leafName('no-slash', '/')).toBe('no-slash');
    expect(breadcrumbs('/')).toEqual([{ label: '/', prefix: '/' }]);
    expect(breadcrumbs('/e2e/raw/')).toEqual([
      { label: '/', prefix: '/' },
      { label: 'e2e', prefix: '/e2e/' },
      { label: 'raw', prefix: '/e2e/raw/' },
    ]);
    expect(prefixOf('/e2e/raw/key')).toBe('/e2e/raw/');
    expect(prefixOf('/top')).toBe('/');
    expect(prefixOf('no-slash')).toBe('/');
    expect(normalizePrefix('e2e/raw')).toBe('/e2e/raw/');
    expect(normalizePrefix(' /e2e/ ')).toBe('/e2e/');
  });
});
