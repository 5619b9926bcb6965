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
});
