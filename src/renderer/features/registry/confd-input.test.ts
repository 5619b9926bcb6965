import { describe, expect, it } from 'vitest';
import { upstreamTemplate } from '../../../shared/confd-template';
import { checkConfdInput, errorLine, parseKeysInput } from './confd-input';
import { tabFromPath, tabHref } from './registry-route';
import { isProductionKey, keyEnvironment } from '../../../shared/production';

describe('confd preview inputs', () => {
  it('writes the platform upstream template for a service', () => {
    expect(upstreamTemplate('search_PRE')).toBe(
      '# nginx upstream rendered by confd from /search_PRE/*\nupstream search_PRE {\n{{- range getvs "/search_PRE/*"}}\n    server {{.}};\n{{- end}}\n}\n',
    );
  });

  it('reads the keys field and checks what the stream would refuse', () => {
    expect(parseKeysInput(' /a , /b,,')).toEqual(['/a', '/b']);
    expect(parseKeysInput('  ')).toEqual(['/']);
    expect(checkConfdInput('/', ['/a'])).toBeUndefined();
    expect(checkConfdInput('app', ['/a'])).toBe('prefix');
    expect(checkConfdInput('/', ['a'])).toBe('keys');
    expect(errorLine('line 3: unexpected {{end}}')).toBe(3);
    expect(errorLine('something else')).toBeUndefined();
  });
});

describe('registry routes and production keys', () => {
  it('maps hash paths to tabs', () => {
    expect(tabFromPath('/registry')).toBe('services');
    expect(tabFromPath('/registry/keys')).toBe('keys');
    expect(tabFromPath('/registry/cluster/extra')).toBe('cluster');
    expect(tabFromPath('/registry/bogus')).toBe('services');
    expect(tabHref('confd')).toBe('#/registry/confd');
  });

  it('knows production keys by their environment, case-insensitively', () => {
    expect(keyEnvironment('/search_PROD/1.2.3.4-80')).toBe('PROD');
    expect(keyEnvironment('/e2e/raw/key')).toBeUndefined();
    expect(isProductionKey('/search_PROD/1.2.3.4-80', ['prod'])).toBe(true);
    expect(isProductionKey('/e2eodd_PROD/anything', ['PROD'])).toBe(true);
    expect(isProductionKey('/search_PRE/1.2.3.4-80', ['PROD'])).toBe(false);
  });
});
