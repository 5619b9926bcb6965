import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RpcError } from '../../../shared/errors';
import type { ConnectionStatus } from '../../../shared/domain';
import { ConsoleLog } from './console-log';
import { logConnectionChanges } from './connection-log';

/** Secrets planted in everything that is logged; none may reach the file. */
const PLANTED = {
  profilePassword: 'Pl4nted-Etcd-Pw!',
  zabbixToken: 'b7e9c0ffee0ddba11deadbeef1234567',
  zabbixSession: '0424bd59b807674191e7d77572075f33',
  urlPassword: 'hunter2-in-url',
  bearer: 'eyJhbGciOiJIUzI1NiJ9.planted.bearer',
  envSecret: 'envSecretValue99',
  basic: 'YWRtaW46c2VjcmV0cGFzcw==',
  pem: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7planted',
};

function logFile(): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'console-log-'));
  return { dir, path: join(dir, 'console.log') };
}

describe('ConsoleLog', () => {
  it('writes timestamped lines and never a planted secret (errors, causes, configs, URLs, headers, Zabbix auth)', () => {
    const { path } = logFile();
    const log = new ConsoleLog(path);
    log.addSecrets([PLANTED.profilePassword, PLANTED.zabbixToken]);

    log.info('profile loaded', { etcd: { endpoints: ['https://127.0.0.1:2379'], username: 'root', password: PLANTED.profilePassword }, zabbix: { url: 'http://127.0.0.1/api_jsonrpc.php', apiToken: PLANTED.zabbixToken } });
    log.error('zabbix call failed', new Error(`request {"jsonrpc":"2.0","method":"host.get","params":{},"auth":"${PLANTED.zabbixSession}","id":3} was refused`));
    log.error('etcd unreachable', new Error('connect failed', { cause: Object.assign(new Error(`dial https://root:${PLANTED.urlPassword}@127.0.0.1:2379 refused`), { code: 'ECONNREFUSED' }) }));
    log.error('docker call failed', new RpcError('UNAVAILABLE', 'engine said no', { request: { headers: { Authorization: `Bearer ${PLANTED.bearer}` } } }));
    log.warn(`raw header line Authorization: Basic ${PLANTED.basic}`);
    log.warn(`container env DB_PASSWORD=${PLANTED.envSecret} API_TOKEN=${PLANTED.envSecret}`);
    log.warn(`the profile password ${PLANTED.profilePassword} appeared in a message`);
    log.error('tls', new Error(`bad key -----BEGIN RSA PRIVATE KEY-----\n${PLANTED.pem}\n-----END RSA PRIVATE KEY-----`));
    log.info('zabbix login', { params: { username: 'Admin', password: PLANTED.profilePassword }, auth: PLANTED.zabbixSession });

    const text = readFileSync(path, 'utf8');
    for (const [name, secret] of Object.entries(PLANTED)) expect(text, name).not.toContain(secret);
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(9);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO |WARN |ERROR) /);
    // What is not secret is still there, with the cause chain.
    expect(text).toContain('etcd unreachable: connect failed <- cause: dial https://root:••••••@127.0.0.1:2379 refused [ECONNREFUSED]');
    expect(text).toContain('docker call failed: engine said no [UNAVAILABLE]');
    expect(text).toContain('"username":"root"');
    expect(statSync(path).mode & 0o077).toBe(0);
  });

  it('logs connection state changes once per change, with the error and its cause', () => {
    const { path } = logFile();
    const log = new ConsoleLog(path);
    const listeners: Array<(s: ConnectionStatus) => void> = [];
    const base = { id: 'etcd:etcd', kind: 'etcd' as const, name: 'etcd', target: `https://root:${PLANTED.urlPassword}@127.0.0.1:2379`, facts: {} };
    logConnectionChanges((l) => (listeners.push(l), () => undefined), [{ ...base, state: 'connecting' }], log);
    const emit = (s: ConnectionStatus) => listeners.forEach((l) => l(s));
    emit({ ...base, state: 'connected', version: '3.4.23', latencyMs: 2 });
    emit({ ...base, state: 'connected', version: '3.4.23', latencyMs: 3 });
    emit({ ...base, state: 'error', error: { code: 'UNAVAILABLE', message: 'connect ECONNREFUSED 127.0.0.1:2379', details: { cause: 'ECONNREFUSED' } } });
    emit({ ...base, state: 'error', error: { code: 'UNAVAILABLE', message: 'connect ECONNREFUSED 127.0.0.1:2379', details: { cause: 'ECONNREFUSED' } } });
    emit({ ...base, state: 'connected', version: '3.4.23', latencyMs: 2 });
    const lines = log.tail();
    expect(lines.map((l) => l.replace(/^\S+ /, ''))).toEqual([
      'INFO  connection etcd:etcd (https://root:••••••@127.0.0.1:2379) is connecting',
      'INFO  connection etcd:etcd (https://root:••••••@127.0.0.1:2379) is now connected {"version":"3.4.23","latencyMs":2}',
      'ERROR connection etcd:etcd (https://root:••••••@127.0.0.1:2379) is now error: connect ECONNREFUSED 127.0.0.1:2379 [UNAVAILABLE] {"cause":"ECONNREFUSED"}',
      'INFO  connection etcd:etcd (https://root:••••••@127.0.0.1:2379) is now connected {"version":"3.4.23","latencyMs":2}',
    ]);
  });

  it('rotates by size, keeps the configured number of files, and tails across them', () => {
    const { dir, path } = logFile();
    const log = new ConsoleLog(path, { maxBytes: 1000, maxFiles: 3 });
    for (let i = 0; i < 100; i++) log.info(`line ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
    expect(readdirSync(dir).sort()).toEqual(['console.log', 'console.log.1', 'console.log.2']);
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(1000);
    // Two full files (about 12 lines each) and the current one are always there.
    const tail = log.tail(20);
    expect(tail).toHaveLength(20);
    expect(tail.at(-1)).toContain('line 099');
    expect(tail[0]).toContain('line 080');
  });

  it('never throws when the file cannot be written', () => {
    const { path } = logFile();
    writeFileSync(path, 'a file where a directory would be');
    const log = new ConsoleLog(join(path, 'sub', 'console.log'));
    expect(() => log.error('x', new Error('y'))).not.toThrow();
    expect(log.writeError).toBeTruthy();
    expect(log.tail()).toEqual([]);
  });
});
