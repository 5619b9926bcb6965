import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bytesToDisplayText,
  clip,
  defaultMode,
  hexDump,
  hexLine,
  hexLineCount,
  hexLineWidth,
  prettyJson,
  previewValue,
  valueBytes,
} from './value-format';

describe('value formatting', () => {
  it('dumps bytes as hex with offsets and printable ASCII', () => {
    const bytes = base64ToBytes(btoa('\x00\xff\x10\x41\x80'));
    expect(hexLine(bytes, 0)).toBe(`00000000  00 ff 10 41 80 ${' '.repeat(3 * 3)} ${' '.repeat(3 * 8)} |...A.|`);
    const long = valueBytes('0123456789abcdefXYZ', 'utf8');
    expect(hexDump(long)).toEqual([
      '00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|',
      `00000010  58 59 5a ${' '.repeat(3 * 5)} ${' '.repeat(3 * 8)} |XYZ|`,
    ]);
    expect(hexDump(long, 16)).toHaveLength(1);
    expect(hexDump(long, Infinity, 8)).toEqual([
      '00000000  30 31 32 33 34 35 36 37  |01234567|',
      '00000008  38 39 61 62 63 64 65 66  |89abcdef|',
      `00000010  58 59 5a ${' '.repeat(3 * 5)} |XYZ|`,
    ]);
    expect(hexLineWidth()).toBe(78);
    expect(hexLineWidth(8)).toBe(45);
    expect(hexLineCount(0)).toBe(1);
    expect(hexLineCount(16)).toBe(1);
    expect(hexLineCount(17)).toBe(2);
    expect(hexLineCount(1024 * 1024)).toBe(65536);
  });

  it('shows binary as text without invisible characters, and clips long values', () => {
    expect(bytesToDisplayText(new Uint8Array([0x00, 0x41, 0x0a, 0x1b, 0xff]))).toBe('␀A\n␛\ufffd');
    expect(clip('x'.repeat(10), 4)).toEqual({ text: 'xxxx', clipped: true });
    expect(clip('abc', 4)).toEqual({ text: 'abc', clipped: false });
  });

  it('pretty-prints JSON or says why not', () => {
    expect(prettyJson('{"hello":"world","n":[1]}')).toEqual({ ok: true, text: '{\n  "hello": "world",\n  "n": [\n    1\n  ]\n}' });
    expect(prettyJson('{nope').ok).toBe(false);
  });

  it('opens binary in hex and JSON as JSON, and previews values on one line', () => {
    expect(defaultMode('AAE=', 'base64')).toBe('hex');
    expect(defaultMode(' {"a":1}', 'utf8')).toBe('json');
    expect(defaultMode('{not json', 'utf8')).toBe('text');
    expect(defaultMode('127.0.0.1:80', 'utf8')).toBe('text');
    expect(previewValue('a\nb\tc', 'text')).toBe('a b c');
    expect(previewValue(btoa('\x00\xff\x10'), 'binary')).toBe('00 ff 10');
    expect(previewValue('y'.repeat(500), 'text', 10)).toBe(`${'y'.repeat(10)}…`);
  });
});
