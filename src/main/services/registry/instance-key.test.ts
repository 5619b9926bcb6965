import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTANCE_PATTERN, describeValue, parseInstanceKey } from './instance-key';

const pattern = new RegExp(DEFAULT_INSTANCE_PATTERN);

describe('instance keys', () => {
  it('parses the platform convention', () => {
    expect(parseInstanceKey('/search_PRE/172.18.100.31-86', pattern)).toEqual({ app: 'search', env: 'PRE', ip: '172.18.100.31', port: 86 });
    expect(parseInstanceKey('/order_PROD/127.0.0.1-34567', pattern)).toEqual({ app: 'order', env: 'PROD', ip: '127.0.0.1', port: 34567 });
  });
  it.each(['/search_PRE/172.18.100.31', '/search/1.2.3.4-80', '/search_PRE/1.2.3.4-99999', '/a_B/c/d-1', 'search_PRE/1.2.3.4-80'])('rejects %s', (key) => {
    expect(parseInstanceKey(key, pattern)).toBeUndefined();
  });
});

describe('describeValue', () => {
  it('keeps text and recognises JSON', () => {
    expect(describeValue(Buffer.from('127.0.0.1:80'))).toEqual({ value: '127.0.0.1:80', valueKind: 'text', size: 12, truncated: false });
    expect(describeValue(Buffer.from('{"a":1}')).valueKind).toBe('json');
    expect(describeValue(Buffer.from('服务 ✓')).valueKind).toBe('text');
  });
  it('shows binary as base64', () => {
    const value = Buffer.from([0x00, 0xff, 0x10, 0x41]);
    expect(describeValue(value)).toEqual({ value: value.toString('base64'), valueKind: 'binary', size: 4, truncated: false });
  });
  it('previews a 1 MB value without copying it all', () => {
    const big = Buffer.alloc(1024 * 1024, 'a');
    const described = describeValue(big);
    expect(described).toMatchObject({ valueKind: 'text', size: 1024 * 1024, truncated: true });
    expect(described.value.length).toBe(4096);
  });
});
