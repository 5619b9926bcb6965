import { describe, expect, it } from 'vitest';
import { MASK, maskEnv, maskJson, maskText } from './mask-secrets';

describe('masking secrets', () => {
  it('masks secret-looking pairs, bearer tokens and known secrets in text', () => {
    expect(maskText('connect password=hunter22 user=bob')).toBe(`connect password=${MASK} user=bob`);
    expect(maskText('{"api_key": "abc123def"}')).toBe(`{"api_key": "${MASK}"}`);
    expect(maskText('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x.y')).toBe(`Authorization: Bearer ${MASK}`);
    expect(maskText('the value is zabbix-pass-1', ['zabbix-pass-1'])).toBe(`the value is ${MASK}`);
    expect(maskText('GET /api/items 200 35ms')).toBe('GET /api/items 200 35ms');
  });
  it('masks env values of secret names and nested fields', () => {
    expect(maskEnv(['DB_PASSWORD=x', 'PATH=/bin'])).toEqual([`DB_PASSWORD=${MASK}`, 'PATH=/bin']);
    expect(maskJson({ Config: { Env: ['TOKEN=abc'], Labels: { a: 'b' } }, password: 'p' })).toEqual({ Config: { Env: [`TOKEN=${MASK}`], Labels: { a: 'b' } }, password: MASK });
  });
});
