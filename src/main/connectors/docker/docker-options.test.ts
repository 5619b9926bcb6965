import { mkdtempSync, writeFileSync } from 'node:fs';
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
});
