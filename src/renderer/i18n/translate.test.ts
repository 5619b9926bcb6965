import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';
import { createTranslate, initialLanguage, interpolate } from './translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('gives every Chinese message the same placeholders as the English one, and no empty text', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
      expect(zhCN[key].trim(), key).not.toBe('');
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{shown} of {total}', { shown: 3, total: 10 })).toBe('3 of 10');
    expect(interpolate('{missing} here', {})).toBe('{missing} here');
    expect(createTranslate('zh-CN')('containers.count', { shown: 1, total: 2 })).toBe('1 / 2 个容器');
  });

  it('starts in the remembered language, else the system one', () => {
    expect(initialLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(initialLanguage(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(initialLanguage('fr', ['en-GB'])).toBe('en');
  });
});
