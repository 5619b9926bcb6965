import { describe, expect, it } from 'vitest';
import { isProductionEnvironment, isProductionKey, keyEnvironment } from './production';

describe('production rule', () => {
  it('compares names trimmed and case-insensitively', () => {
    expect(isProductionEnvironment('prod', ['PROD'])).toBe(true);
    expect(isProductionEnvironment(' PROD ', ['prod '])).toBe(true);
    expect(isProductionEnvironment('PRE', ['PROD'])).toBe(false);
    expect(isProductionEnvironment(undefined, ['PROD'])).toBe(false);
    expect(isProductionEnvironment('  ', ['', 'PROD'])).toBe(false);
  });
  it('reads the environment of a registry key', () => {
    expect(keyEnvironment('/user_PROD/127.0.0.1-8080')).toBe('PROD');
    expect(keyEnvironment('/plain/key')).toBeUndefined();
    expect(isProductionKey('/user_PROD/127.0.0.1-8080', ['prod'])).toBe(true);
    expect(isProductionKey('/user_PRE/127.0.0.1-8080', ['prod'])).toBe(false);
  });
});
