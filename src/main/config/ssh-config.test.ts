import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSshHost } from './ssh-config';

function homeWithConfig(text: string): string {
  const home = mkdtempSync(join(tmpdir(), 'ssh-home-'));
  mkdirSync(join(home, '.ssh'));
  writeFileSync(join(home, '.ssh', 'config'), text);
  return home;
}

describe('resolveSshHost (~/.ssh/config)', () => {
  const config = [
    'Host docker-prod',
    '  HostName 127.0.0.1',
    '  User deploy',
    '  Port 2222',
    '  IdentityFile ~/.ssh/id_prod',
    '  IdentityFile %d/.ssh/id_fallback',
    '',
    'Match exec "touch /tmp/ssh-config-match-exec-ran"',
    '  User attacker',
    '',
    'Host docker-*',
    '  User ops',
    '  Port 2200',
    '',
    'Host *',
    '  User everyone',
    '  IdentityFile ~/.ssh/id_default',
    '',
  ].join('\n');

  it('reads HostName, User, Port and IdentityFile (first value wins, ~ and %d expanded)', () => {
    const home = homeWithConfig(config);
    expect(resolveSshHost('docker-prod', { HOME: home })).toEqual({
      hostName: '127.0.0.1',
      user: 'deploy',
      port: 2222,
      identityFiles: [join(home, '.ssh', 'id_prod'), join(home, '.ssh', 'id_fallback'), join(home, '.ssh', 'id_default')],
    });
  });

  it('applies patterns, and never runs Match exec', () => {
    rmSync('/tmp/ssh-config-match-exec-ran', { force: true });
    const home = homeWithConfig(config);
    expect(resolveSshHost('docker-staging', { HOME: home })).toEqual({ hostName: 'docker-staging', user: 'ops', port: 2200, identityFiles: [join(home, '.ssh', 'id_default')] });
    expect(existsSync('/tmp/ssh-config-match-exec-ran')).toBe(false);
  });

  it('uses the alias as it is without a config file', () => {
    const home = mkdtempSync(join(tmpdir(), 'ssh-home-'));
    expect(resolveSshHost('127.0.0.1', { HOME: home })).toEqual({ hostName: '127.0.0.1', identityFiles: [] });
  });
});
