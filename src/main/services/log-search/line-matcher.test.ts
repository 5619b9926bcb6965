import { describe, expect, it } from 'vitest';
import { RpcError } from '../../../shared/errors';
import { displayText, lineMatcher, MATCH_TEXT_CHARS } from './line-matcher';

describe('lineMatcher', () => {
  it('matches a text case-insensitively by default, and exactly when asked', () => {
    const loose = lineMatcher('Timeout', { regex: false, caseSensitive: false });
    expect(loose.test('db TIMEOUT after 5s')).toBe(true);
    expect(loose.locate('db TIMEOUT after 5s')).toEqual([3, 7]);
    const exact = lineMatcher('Timeout', { regex: false, caseSensitive: true });
    expect(exact.test('db TIMEOUT after 5s')).toBe(false);
    expect(exact.test('a Timeout')).toBe(true);
  });

  it('takes regex characters of a text literally', () => {
    const m = lineMatcher('a.b(c)*', { regex: false, caseSensitive: false });
    expect(m.test('xx a.b(c)* yy')).toBe(true);
    expect(m.test('axb(c)')).toBe(false);
  });

  it('matches a regex, and keeps no state between lines', () => {
    const m = lineMatcher('err(or)?\\s+\\d{3}', { regex: true, caseSensitive: false });
    expect(m.test('ERROR 500')).toBe(true);
    expect(m.test('ERROR 500')).toBe(true);
    expect(m.test('error: 500')).toBe(false);
    expect(m.locate('got err 404 here')).toEqual([4, 7]);
  });

  it('turns a bad regex into a BAD_REQUEST that says why', () => {
    let caught: unknown;
    try {
      lineMatcher('foo(', { regex: true, caseSensitive: false });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RpcError);
    expect((caught as RpcError).code).toBe('BAD_REQUEST');
    expect((caught as RpcError).message).toMatch(/regular expression/);
  });
});

describe('displayText', () => {
  it('keeps a short line whole', () => {
    expect(displayText('hello world', [6, 5])).toEqual({ text: 'hello world', hl: [6, 5] });
  });

  it('shows a window around the match of a huge line, with the highlight moved along', () => {
    const line = `${'x'.repeat(100_000)}NEEDLE${'y'.repeat(100_000)}`;
    const shown = displayText(line, [100_000, 6]);
    expect(shown.text.length).toBeLessThanOrEqual(MATCH_TEXT_CHARS + 2);
    expect(shown.text.startsWith('…')).toBe(true);
    expect(shown.text.endsWith('…')).toBe(true);
    const [start, length] = shown.hl!;
    expect(shown.text.slice(start, start + length)).toBe('NEEDLE');
  });
});
