import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfile, ProfileError } from './load-profile';
import { profileFromEnvironment } from './environment-profile';
import { moveSecretsToStore, plainSecretsInProfile } from './profile-secrets';
import { addEngineToProfile } from './save-profile';
import { SecretStore } from './secret-store';

const PLANTED = 'Pl4nted-Secret-91';
const PROFILE = `# lab profile
zabbix:
  name: lab-zabbix
  url: http://127.0.0.1:28080/api_jsonrpc.php
  username: Admin
  password: ${PLANTED} # typed by hand
etcd:
  endpoints: [http://127.0.0.1:21379]
`;
const tempDir = () => mkdtempSync(join(tmpdir(), 'ops-profile-'));

describe('secrets in the profile', () => {
  it('a secret typed into a hand-written profile still works as it is', () => {
    expect(parseProfile(PROFILE, 'connections.yaml', new SecretStore(join(tempDir(), 'secrets.json'))).zabbix?.password).toBe(PLANTED);
  });

  it('moves plain-text secrets into the store, keeping the rest of the file, and reads them back', async () => {
    const dir = tempDir();
    const file = join(dir, 'connections.yaml');
    writeFileSync(file, PROFILE, { mode: 0o600 });
    const store = new SecretStore(join(dir, 'secrets.json'));
    expect(await plainSecretsInProfile(file)).toEqual(['zabbix.password']);

    expect(await moveSecretsToStore(file, store)).toEqual(['zabbix.password']);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(PLANTED);
    expect(text).toContain('# lab profile');
    expect(text).toContain('password: { secret: zabbix/lab-zabbix/password } # typed by hand');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await plainSecretsInProfile(file)).toEqual([]);
    expect(parseProfile(text, file, store).zabbix?.password).toBe(PLANTED);
  });

  it('never overwrites another profile’s secret of the same name in a shared store', async () => {
    const dir = tempDir();
    const store = new SecretStore(join(dir, 'secrets.json'));
    const lab = join(dir, 'lab.yaml');
    const prod = join(dir, 'prod.yaml');
    writeFileSync(lab, PROFILE);
    writeFileSync(prod, PROFILE.replace(PLANTED, 'the-prod-one'));
    await moveSecretsToStore(lab, store);
    await moveSecretsToStore(prod, store);
    expect(readFileSync(prod, 'utf8')).toContain('secret: zabbix/lab-zabbix/password-2');
    expect(parseProfile(readFileSync(lab, 'utf8'), lab, store).zabbix?.password).toBe(PLANTED);
    expect(parseProfile(readFileSync(prod, 'utf8'), prod, store).zabbix?.password).toBe('the-prod-one');
  });

  it('names the file, line and connection of a secret the store does not have', () => {
    const text = PROFILE.replace(`password: ${PLANTED} # typed by hand`, 'password: { secret: zabbix/lab-zabbix/password }');
    const store = new SecretStore(join(tempDir(), 'secrets.json'));
    expect(() => parseProfile(text, 'connections.yaml', store)).toThrow(ProfileError);
    expect(() => parseProfile(text, 'connections.yaml', store)).toThrow(
      /^connections\.yaml:6: zabbix\.password: zabbix "lab-zabbix": secret "zabbix\/lab-zabbix\/password" is not in the secret store/,
    );
  });

  it('explains a malformed reference at its line', () => {
    const text = PROFILE.replace(`password: ${PLANTED} # typed by hand`, 'password: { secrte: zabbix }');
    expect(() => parseProfile(text, 'connections.yaml', new SecretStore(join(tempDir(), 'secrets.json')))).toThrow(
      /^connections\.yaml:6: zabbix\.password: must be the password itself or a reference to the secret store, written \{ secret: <name> \}/,
    );
  });

  it('does not echo a secret in the message of a mistake on its line', () => {
    for (const broken of [`password: "${PLANTED}`, `password: ${PLANTED}: extra: x`, `password: [${PLANTED}`, `password:\n    - ${PLANTED}`]) {
      const text = PROFILE.replace(`password: ${PLANTED} # typed by hand`, broken);
      let message = '';
      try {
        parseProfile(text, 'connections.yaml');
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, broken).toMatch(/^connections\.yaml:\d+: /);
      expect(message, broken).not.toContain(PLANTED);
    }
  });

  it('a profile the console writes from the environment gets references, the values go to the store', async () => {
    const dir = tempDir();
    const file = join(dir, 'config', 'connections.yaml');
    const store = new SecretStore(join(dir, 'config', 'secrets.json'));
    const fromEnv = profileFromEnvironment(
      { ZABBIX_URL: 'http://127.0.0.1:28080/api_jsonrpc.php', ZABBIX_USER: 'Admin', ZABBIX_PASSWORD: PLANTED, ETCDCTL_ENDPOINTS: '127.0.0.1:21379', ETCDCTL_USER: 'root:etcd-Pl4nted' },
      join(dir, 'no-docker-config'),
    );
    await addEngineToProfile(file, fromEnv, { name: 'added', host: 'tcp://127.0.0.1:2375' }, store);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(PLANTED);
    expect(text).not.toContain('etcd-Pl4nted');
    expect(text).toContain('secret: zabbix/zabbix/password');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const reread = parseProfile(text, file, store);
    expect(reread.zabbix?.password).toBe(PLANTED);
    expect(reread.etcd).toMatchObject({ username: 'root', password: 'etcd-Pl4nted' });
    expect(reread.docker.map((d) => d.name)).toContain('added');
  });
});
