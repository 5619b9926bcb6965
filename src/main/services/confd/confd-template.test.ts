import { describe, expect, it } from 'vitest';
import cases from './confd-cases.json';
import golden from './confd-golden.json';
import { confdFunctions, confdStore, pathMatch } from './confd-functions';
import { executeTemplate } from './go-template-exec';

// The golden outputs were rendered by Go's own text/template with confd's functions
// (scripts/confd-reference, `npm run confd:golden`): the preview must render the same.
describe('confd preview renders as Go text/template with confd functions', () => {
  for (const testCase of cases) {
    const expected = golden.find((g) => g.name === testCase.name)!;
    it(testCase.name, () => {
      const store = new Map(Object.entries(testCase.keys));
      let output: string | undefined;
      let failed = false;
      try {
        output = executeTemplate(testCase.template, null, confdFunctions(store));
      } catch {
        failed = true;
      }
      expect(failed).toBe(expected.error);
      if (!expected.error) expect(output).toBe(expected.output);
    });
  }
});

describe('confd store and patterns', () => {
  it('matches keys as Go path.Match does', () => {
    expect(pathMatch('/search_PRE/*', '/search_PRE/127.0.0.1-1')).toBe(true);
    expect(pathMatch('/search_PRE/*', '/search_PRE/a/b')).toBe(false);
    expect(pathMatch('/s?arch_*/*', '/search_PRE/x')).toBe(true);
  });
  it('loads the keys under prefix + keys and strips the prefix, as confd does', () => {
    const all = new Map([
      ['/platform/search_PRE/a-1', 'a:1'],
      ['/platform/order_PRE/b-2', 'b:2'],
      ['/other/x', 'y'],
    ]);
    expect([...confdStore(all, '/platform', ['/search_PRE'])]).toEqual([['/search_PRE/a-1', 'a:1']]);
    expect([...confdStore(all, '/', ['/'])].length).toBe(3);
  });
});
