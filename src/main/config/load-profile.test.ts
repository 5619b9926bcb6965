import { describe, expect, it } from 'vitest';
import { parseProfile, ProfileError } from './load-profile';

describe('parseProfile', () => {
  it('reads a full profile', () => {
    const profile = parseProfile(
      [
        'productionEnvironments: [PROD]',
        'docker:',
        '  - name: local',
        '    host: unix:///var/run/docker.sock',
        '  - name: remote',
        '    host: tcp://10.0.0.5:2376',
        '    tls: { ca: /c/ca.pem, cert: /c/cert.pem, key: /c/key.pem }',
        '  - name: bastion',
        '    host: ssh://ops@db-1',
        'etcd:',
        '  endpoints: [http://127.0.0.1:2379]',
        'zabbix:',
        '  url: https://zabbix.example/api_jsonrpc.php',
        '  apiToken: abc',
      ].join('\n'),
      'connections.yaml',
    );
    expect(profile.docker.map((d) => d.name)).toEqual(['local', 'remote', 'bastion']);
    expect(profile.etcd?.name).toBe('etcd');
    expect(profile.zabbix?.apiToken).toBe('abc');
  });

  it('treats an empty file as an empty profile', () => {
    expect(parseProfile('', 'p.yaml').docker).toEqual([]);
  });

  it('names the line of a wrong value', () => {
    const text = ['docker:', '  - name: a', '    host: unix:///a.sock', '  - name: b', '    host: http://wrong:2375'].join('\n');
    const error = (() => { try { parseProfile(text, 'p.yaml'); } catch (e) { return e as ProfileError; } })();
    expect(error).toBeInstanceOf(ProfileError);
    expect(error?.line).toBe(5);
    expect(error?.message).toMatch(/^p\.yaml:5: docker\.1\.host: must start with unix:\/\//);
  });

  it('names the line of a YAML syntax error', () => {
    expect(() => parseProfile('docker:\n  - name: a\n   host: [oops', 'p.yaml')).toThrow(/p\.yaml:\d+:/);
  });

  it('names an unknown key', () => {
    expect(() => parseProfile('etcd:\n  endpoints: [http://a:1]\n  passwrd: x\n', 'p.yaml')).toThrow(/p\.yaml:\d+: etcd: Unrecognized key/);
  });

  it('refuses duplicate engine names', () => {
    expect(() => parseProfile('docker:\n  - {name: a, host: "unix:///a"}\n  - {name: a, host: "unix:///b"}\n', 'p.yaml')).toThrow(/p\.yaml:3: .*duplicate engine name "a"/);
  });

  it('asks Zabbix for a token or a user', () => {
    expect(() => parseProfile('zabbix:\n  url: http://z/api_jsonrpc.php\n', 'p.yaml')).toThrow(/apiToken, or username/);
  });
});
