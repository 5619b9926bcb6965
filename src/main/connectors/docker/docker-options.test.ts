import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerOptions } from './docker-options';

describe('dockerOptions', () => {
  it('maps a unix socket', () => {
    expect(dockerOptions({ name: 'a', host: 'unix:///var/run/docker.sock' })).toEqual({ socketPath: '/var/run/docker.sock' });
  });
  it('maps tcp with TLS files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tls-'));
    for (const f of ['ca', 'cert', 'key']) writeFileSync(join(dir, `${f}.pem`), f);
    const options = dockerOptions({ name: 'a', host: 'tcp://127.0.0.1:23762', tls: { ca: join(dir, 'ca.pem'), cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') } });
    expect(options).toMatchObject({ host: '127.0.0.1', port: '23762', protocol: 'https' });
    expect(String(options.ca)).toBe('ca');
  });
  it('maps plain tcp to http on 2375', () => {
    expect(dockerOptions({ name: 'a', host: 'tcp://127.0.0.1' })).toEqual({ host: '127.0.0.1', port: '2375', protocol: 'http' });
  });
  it('maps ssh to the agent', () => {
    expect(dockerOptions({ name: 'a', host: 'ssh://ops@db-1:2222' }, { SSH_AUTH_SOCK: '/agent' })).toMatchObject({
      protocol: 'ssh', host: 'db-1', port: '2222', username: 'ops', sshOptions: { agent: '/agent' },
    });
  });
  it('fails clearly when a TLS file is missing', () => {
    expect(() => dockerOptions({ name: 'a', host: 'tcp://h:1', tls: { ca: '/nope/ca.pem' } })).toThrow(/ENOENT.*\/nope\/ca\.pem/);
  });
  it('maps SkipTLSVerify to https with an agent that does not check the certificate, keeping the client certificate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tls-'));
    for (const f of ['cert', 'key']) writeFileSync(join(dir, `${f}.pem`), f);
    const options = dockerOptions({ name: 'a', host: 'tcp://127.0.0.1:23762', tls: { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') }, tlsSkipVerify: true });
    expect(options).toMatchObject({ host: '127.0.0.1', port: '23762', protocol: 'https' });
    const agent = (options as { agent?: Agent & { options: { rejectUnauthorized?: boolean; cert?: Buffer } } }).agent;
    expect(agent).toBeInstanceOf(Agent);
    expect(agent?.options.rejectUnauthorized).toBe(false);
    expect(String(agent?.options.cert)).toBe('cert');
    // SkipTLSVerify alone still means TLS (on 2376).
    expect(dockerOptions({ name: 'b', host: 'tcp://127.0.0.1', tlsSkipVerify: true })).toMatchObject({ protocol: 'https', port: '2376' });
    expect(dockerOptions({ name: 'c', host: 'tcp://127.0.0.1:1', tls: { cert: join(dir, 'cert.pem') } })).not.toHaveProperty('agent');
  });
  it('resolves ssh:// through ~/.ssh/config: HostName, User, Port and the first IdentityFile that exists', () => {
    const home = mkdtempSync(join(tmpdir(), 'ssh-home-'));
    mkdirSync(join(home, '.ssh'));
    writeFileSync(join(home, '.ssh', 'config'), 'Host prod-docker\n  HostName 127.0.0.1\n  User deploy\n  Port 2222\n  IdentityFile ~/.ssh/missing\n  IdentityFile ~/.ssh/id_ed25519\n');
    writeFileSync(join(home, '.ssh', 'id_ed25519'), 'PRIVATE KEY');
    const options = dockerOptions({ name: 'a', host: 'ssh://prod-docker' }, { HOME: home, SSH_AUTH_SOCK: '/agent' });
    expect(options).toMatchObject({ protocol: 'ssh', host: '127.0.0.1', port: '2222', username: 'deploy', sshOptions: { agent: '/agent' } });
    expect(String((options.sshOptions as { privateKey: Buffer }).privateKey)).toBe('PRIVATE KEY');
    // What the URL says wins over the config, as for ssh.
    expect(dockerOptions({ name: 'b', host: 'ssh://root@prod-docker:22' }, { HOME: home })).toMatchObject({ host: '127.0.0.1', port: '22', username: 'root' });
  });
});
