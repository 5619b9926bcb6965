import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The direction of the test support: tests (src/**/*.test.ts, e2e, bench) import test-support/,
// test-support/ imports scripts/lab/ and the product; the product imports neither, and the lab
// scripts never import test-support/.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|mjs|js)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** The top folder of the repository each relative import of a file lands in. */
function importedFolders(file: string): Array<{ specifier: string; folder: string }> {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]*)['"]/g)].map((m) => m[1]!);
  return specifiers.map((specifier) => ({ specifier, folder: relative(root, resolve(root, dirname(file), specifier)).split(sep)[0]! }));
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

describe('imports of the test support', () => {
  it('product code under src/ imports neither scripts/ nor test-support/', () => {
    const wrong = filesUnder('src')
      .filter((file) => !isTest(file))
      .flatMap((file) => importedFolders(file).filter((i) => i.folder === 'scripts' || i.folder === 'test-support').map((i) => `${file}: ${i.specifier}`));
    expect(wrong).toEqual([]);
  });

  it('tests under src/ reach the lab through test-support/, not scripts/', () => {
    const wrong = filesUnder('src')
      .filter(isTest)
      .flatMap((file) => importedFolders(file).filter((i) => i.folder === 'scripts').map((i) => `${file}: ${i.specifier}`));
    expect(wrong).toEqual([]);
  });

  it('the lab scripts do not import test-support/', () => {
    const wrong = filesUnder('scripts').flatMap((file) => importedFolders(file).filter((i) => i.folder === 'test-support').map((i) => `${file}: ${i.specifier}`));
    expect(wrong).toEqual([]);
  });

  it('sees the imports it checks (the int tests do import test-support/)', () => {
    const intTests = filesUnder('src').filter((file) => file.endsWith('.int.test.ts'));
    expect(intTests.some((file) => importedFolders(file).some((i) => i.folder === 'test-support'))).toBe(true);
  });
});
