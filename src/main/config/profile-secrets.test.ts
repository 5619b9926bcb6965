import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfile, ProfileError } from './load-profile';
import { moveSecretsToStore, plainSecretsInProfile } from './profile-secrets';
import { SecretStore } from './secret-store';

const PROFILE = `# lab profile
zabbix:
  url: http://127.0.0.1:28080/api_jsonrpc.php
  username: Admin
  password: Pl4nted-Secret-91 # typed by hand
etcd:
  endpoints: [http://127.0.0.1:21379]
`;

describe('secrets in the profile', () => {
  it('moves plain-text secrets into the store, keeping the rest of the file, and reads them back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-profile-'));
    const file = join(dir, 'connections.yaml');
    writeFileSync(file, PROFILE);
    const store = new SecretStore(join(dir, 'secrets.json'));
    expect(await plainSecretsInProfile(file)).toEqual(['zabbix.password']);

    expect(await moveSecretsToStore(file, store)).toEqual(['zabbix.password']);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('Pl4nted-Secret-91');
    expect(text).toContain('# lab profile');
    expect(text).toMatch(/password:\s*\n?\s*secret: zabbix\.password/);
    expect(await plainSecretsInProfile(file)).toEqual([]);
    expect(parseProfile(text, file, store).zabbix?.password).toBe('Pl4nted-Secret-91');
  });

  it('names the file and line of a secret the store does not have', () => {
    const text = PROFILE.replace('password: Pl4nted-Secret-91 # typed by hand', 'password: { secret: zabbix.password }');
    const store = new SecretStore(join(mkdtempSync(join(tmpdir(), 'ops-profile-')), 'secrets.json'));
    expect(() => parseProfile(text, 'connections.yaml', store)).toThrow(ProfileError);
    expect(() => parseProfile(text, 'connections.yaml', store)).toThrow(/^connections\.yaml:5: zabbix\.password: secret "zabbix\.password" is not in the secret store/);
  });
});
