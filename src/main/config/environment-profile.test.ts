import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileFromEnvironment } from './environment-profile';

describe('profileFromEnvironment', () => {
  const empty = mkdtempSync(join(tmpdir(), 'docker-config-'));

  it('uses DOCKER_HOST with DOCKER_CERT_PATH, ETCDCTL_ENDPOINTS and ZABBIX_URL + token', () => {
    const profile = profileFromEnvironment(
      {
        DOCKER_HOST: 'tcp://127.0.0.1:2376',
        DOCKER_TLS_VERIFY: '1',
        DOCKER_CERT_PATH: '/certs',
        ETCDCTL_ENDPOINTS: '127.0.0.1:2379, https://127.0.0.1:2380',
        ZABBIX_URL: 'http://127.0.0.1/api_jsonrpc.php',
        ZABBIX_API_TOKEN: 'tok',
      },
      empty,
    );
    expect(profile.docker).toEqual([{ name: 'docker', host: 'tcp://127.0.0.1:2376', tls: { ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem' } }]);
    expect(profile.etcd?.endpoints).toEqual(['http://127.0.0.1:2379', 'https://127.0.0.1:2380']);
    expect(profile.zabbix).toMatchObject({ url: 'http://127.0.0.1/api_jsonrpc.php', apiToken: 'tok' });
  });

  it('reads the current docker context', () => {
    const dir = mkdtempSync(join(tmpdir(), 'docker-config-'));
    const id = createHash('sha256').update('staging').digest('hex');
    mkdirSync(join(dir, 'contexts', 'meta', id), { recursive: true });
    mkdirSync(join(dir, 'contexts', 'tls', id, 'docker'), { recursive: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ currentContext: 'staging' }));
    writeFileSync(join(dir, 'contexts', 'meta', id, 'meta.json'), JSON.stringify({ Name: 'staging', Endpoints: { docker: { Host: 'tcp://127.0.0.1:3376' } } }));
    writeFileSync(join(dir, 'contexts', 'tls', id, 'docker', 'ca.pem'), 'x');
    const profile = profileFromEnvironment({}, dir);
    expect(profile.docker[0]).toMatchObject({ name: 'staging', host: 'tcp://127.0.0.1:3376', tls: { ca: join(dir, 'contexts', 'tls', id, 'docker', 'ca.pem') } });
  });

  it('has no etcd or zabbix without their variables', () => {
    const profile = profileFromEnvironment({}, empty);
    expect(profile.etcd).toBeUndefined();
    expect(profile.zabbix).toBeUndefined();
  });

  it('reads ETCDCTL_CACERT, ETCDCTL_CERT and ETCDCTL_KEY, and makes bare endpoints https with them (as etcdctl)', () => {
    const profile = profileFromEnvironment(
      { ETCDCTL_ENDPOINTS: '127.0.0.1:2379,https://127.0.0.1:22379', ETCDCTL_CACERT: '/pki/ca.pem', ETCDCTL_CERT: '/pki/client.pem', ETCDCTL_KEY: '/pki/client-key.pem', ETCDCTL_USER: 'root:s3:cret' },
      empty,
    );
    expect(profile.etcd).toMatchObject({
      endpoints: ['https://127.0.0.1:2379', 'https://127.0.0.1:22379'],
      tls: { ca: '/pki/ca.pem', cert: '/pki/client.pem', key: '/pki/client-key.pem' },
      username: 'root',
      password: 's3:cret',
    });
  });

  it('DOCKER_TLS_VERIFY without DOCKER_CERT_PATH reads the certificates from ~/.docker, as the docker CLI', () => {
    const home = mkdtempSync(join(tmpdir(), 'home-'));
    mkdirSync(join(home, '.docker'));
    const profile = profileFromEnvironment({ HOME: home, DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_TLS_VERIFY: '1' });
    expect(profile.docker).toEqual([
      { name: 'docker', host: 'tcp://127.0.0.1:2376', tls: { ca: join(home, '.docker', 'ca.pem'), cert: join(home, '.docker', 'cert.pem'), key: join(home, '.docker', 'key.pem') } },
    ]);
    // DOCKER_CONFIG moves the CLI's directory, and the certificates' default with it.
    const moved = profileFromEnvironment({ HOME: home, DOCKER_CONFIG: join(home, 'dc'), DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_TLS_VERIFY: '1' });
    expect(moved.docker[0]?.tls?.ca).toBe(join(home, 'dc', 'ca.pem'));
    // Without DOCKER_TLS_VERIFY: plain tcp.
    expect(profileFromEnvironment({ HOME: home, DOCKER_HOST: 'tcp://127.0.0.1:2375' }).docker[0]?.tls).toBeUndefined();
  });

  it("honours a docker context's SkipTLSVerify, with the TLS files it has", () => {
    const dir = mkdtempSync(join(tmpdir(), 'docker-config-'));
    const id = createHash('sha256').update('lab-insecure').digest('hex');
    mkdirSync(join(dir, 'contexts', 'meta', id), { recursive: true });
    mkdirSync(join(dir, 'contexts', 'tls', id, 'docker'), { recursive: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ currentContext: 'lab-insecure' }));
    writeFileSync(join(dir, 'contexts', 'meta', id, 'meta.json'), JSON.stringify({ Name: 'lab-insecure', Endpoints: { docker: { Host: 'tcp://127.0.0.1:3376', SkipTLSVerify: true } } }));
    for (const f of ['cert', 'key']) writeFileSync(join(dir, 'contexts', 'tls', id, 'docker', `${f}.pem`), 'x');
    const tlsDir = join(dir, 'contexts', 'tls', id, 'docker');
    expect(profileFromEnvironment({}, dir).docker[0]).toEqual({
      name: 'lab-insecure',
      host: 'tcp://127.0.0.1:3376',
      tls: { cert: join(tlsDir, 'cert.pem'), key: join(tlsDir, 'key.pem') },
      tlsSkipVerify: true,
    });
  });
});
