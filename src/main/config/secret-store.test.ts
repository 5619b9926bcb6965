import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretStore, type SecretCipher } from './secret-store';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'ops-secrets-')), 'config', 'secrets.json');
const mode = (path: string) => statSync(path).mode & 0o777;

/**
 * Stands in for the OS keychain. Electron's runtime is not available on this machine, so
 * safeStorage itself cannot run here; this fake only plays its part (reversible, no plain text
 * left behind), which is all the store relies on. hosts/electron.ts wires the real one.
 */
const fakeKeychain: SecretCipher = {
  encrypt: (plain) => `sealed:${Buffer.from([...plain].reverse().join('')).toString('base64')}`,
  decrypt: (sealed) => {
    if (!sealed.startsWith('sealed:')) throw new Error('not sealed by this keychain');
    return [...Buffer.from(sealed.slice(7), 'base64').toString()].reverse().join('');
  },
};

describe('the secret store', () => {
  it('writes a file only the user can read, in a directory only the user can enter', () => {
    const file = fresh();
    const store = new SecretStore(file);
    store.set('zabbix.password', 'hunter2-plain');
    expect(mode(file)).toBe(0o600);
    expect(mode(join(file, '..'))).toBe(0o700);
    expect(store.get('zabbix.password')).toBe('hunter2-plain');
    expect(store.names()).toEqual(['zabbix.password']);
    expect(store.protection).toBe('file-0600');
  });

  it('tightens a file others can read to 0600 and says so', () => {
    const file = fresh();
    new SecretStore(file).set('etcd.password', 'p');
    chmodSync(file, 0o644);
    const store = new SecretStore(file);
    expect(store.get('etcd.password')).toBe('p');
    expect(store.repaired).toBe(true);
    expect(mode(file)).toBe(0o600);
  });

  it('seals values with the OS keychain when one is given: no plain text in the file', () => {
    const file = fresh();
    const store = new SecretStore(file, fakeKeychain);
    store.set('zabbix.apiToken', 'tok-0123456789abcdef');
    expect(readFileSync(file, 'utf8')).not.toContain('tok-0123456789abcdef');
    expect(JSON.parse(readFileSync(file, 'utf8')).protection).toBe('os-keychain');
    expect(new SecretStore(file, fakeKeychain).get('zabbix.apiToken')).toBe('tok-0123456789abcdef');
    expect(mode(file)).toBe(0o600);
  });

  it('says clearly when sealed secrets are read without the keychain, or the file is not a secrets file', () => {
    const file = fresh();
    new SecretStore(file, fakeKeychain).set('zabbix.password', 'x');
    expect(() => new SecretStore(file).get('zabbix.password')).toThrow(/encrypted with the desktop app's OS keychain/);
    writeFileSync(file, 'not json', { mode: 0o600 });
    expect(() => new SecretStore(file).get('zabbix.password')).toThrow(/secrets\.json/);
  });

  it('re-seals plain secrets when the keychain becomes available', () => {
    const file = fresh();
    new SecretStore(file).set('etcd.password', 'first-plain');
    const sealed = new SecretStore(file, fakeKeychain);
    sealed.set('zabbix.password', 'second');
    expect(readFileSync(file, 'utf8')).not.toContain('first-plain');
    expect(sealed.get('etcd.password')).toBe('first-plain');
  });

  it('leaves no temporary file behind and keeps the file 0600 across rewrites', () => {
    const file = fresh();
    const store = new SecretStore(file);
    store.set('a/b/password', 'one');
    store.set('a/b/token', 'two');
    expect(readdirSync(join(file, '..'))).toEqual(['secrets.json']);
    expect(mode(file)).toBe(0o600);
  });

  it('refuses to write into a directory other users can write to', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ops-secrets-')), 'shared');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    expect(() => new SecretStore(join(dir, 'secrets.json')).set('zabbix/z/password', 'p')).toThrow(/can be written by other users \(mode 777\)/);
    chmodSync(dir, 0o755);
    new SecretStore(join(dir, 'secrets.json')).set('zabbix/z/password', 'p');
    expect(mode(join(dir, 'secrets.json'))).toBe(0o600);
  });

  it.runIf(process.getuid?.() === 0)('refuses a store file that belongs to another user', () => {
    const file = fresh();
    new SecretStore(file).set('zabbix/z/password', 'p');
    chownSync(file, 4242, 4242);
    expect(() => new SecretStore(file).get('zabbix/z/password')).toThrow(/belongs to another user \(uid 4242\)/);
  });

  it('accepts only plain secret names', () => {
    const store = new SecretStore(fresh());
    for (const name of ['__proto__', '', '../x', 'a b']) expect(() => store.set(name, 'v'), name).toThrow(/not a valid secret name/);
    expect(store.get('constructor')).toBeUndefined();
  });
});
