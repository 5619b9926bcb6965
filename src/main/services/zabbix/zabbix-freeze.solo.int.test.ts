import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { freeze, until } from '../../../../test-support/freeze';
import { labProfile, readLabInfo } from '../../../../test-support/lab';
import { startOwnZabbixFrontend, type OwnZabbixFrontend } from '../../../../test-support/own-zabbix-frontend';
import { testContext } from '../../../../test-support/test-context';

/** zabbix_server and its worker processes (the trappers answer on its port). */
function zabbixServerPids(): number[] {
  const main = readLabInfo().zabbix.server.pid;
  if (!main) throw new Error('no zabbix_server pid in lab.json');
  const children = execFileSync('pgrep', ['-P', String(main)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  return [main, ...children];
}

describe('a frozen Zabbix', () => {
  let frontend: OwnZabbixFrontend;
  let context: AppContext;
  const engine = () => labProfile().docker[0]!;

  beforeAll(async () => {
    frontend = await startOwnZabbixFrontend();
    const { server, username, password } = readLabInfo().zabbix;
    const profile = [
      'docker:',
      `  - name: ${engine().name}`,
      `    host: ${engine().host}`,
      'zabbix:',
      '  name: own-zabbix',
      `  url: ${frontend.url}`,
      `  server: ${server.host}:${server.port}`,
      `  username: ${username}`,
      `  password: ${password}`,
      '',
    ].join('\n');
    context = await testContext(profile, {}, { checkIntervalMs: 2000 });
  }, 60_000);
  afterAll(async () => {
    context?.close();
    await frontend?.stop();
  });

  const watchStatuses = () => {
    const statuses = new Map<string, ConnectionStatus>();
    const off = context.connections.onChange((s) => statuses.set(s.name, s));
    return { get: (name: string) => statuses.get(name), off };
  };

  it('frontend (API) frozen: not responding within 10 s, Docker keeps working, and the API is back after SIGCONT', async () => {
    const statuses = watchStatuses();
    await until(() => statuses.get('own-zabbix')?.state === 'connected', 15_000, 'Zabbix connected');
    const frozen = freeze([frontend.pid]);
    try {
      const frozenAt = Date.now();
      await until(() => statuses.get('own-zabbix')?.state === 'error', 10_000, 'Zabbix shown as not responding');
      expect(Date.now() - frozenAt).toBeLessThan(10_000);
      expect(statuses.get('own-zabbix')?.error?.code).toBe('TIMEOUT');
      expect(statuses.get('own-zabbix')?.respondedAt).toBeLessThanOrEqual(frozenAt);
      const docker = await context.connections.check(`docker:${engine().name}`);
      expect(docker.find((s) => s.name === engine().name)?.state).toBe('connected');
      await new Promise((r) => setTimeout(r, 5000));
    } finally {
      frozen.thaw();
    }
    await until(() => statuses.get('own-zabbix')?.state === 'connected', 15_000, 'Zabbix answering again');
    const hosts = await context.dispatcher.invoke('zabbix.hosts', {});
    expect(hosts.ok).toBe(true);
    statuses.off();
  }, 60_000);

  it("the lab's zabbix_server frozen briefly: the server part is not responding within 10 s while the API still answers", async () => {
    const statuses = watchStatuses();
    await until(() => statuses.get('own-zabbix')?.parts?.[0]?.responding === true, 15_000, 'the server answering');
    const frozen = freeze(zabbixServerPids());
    try {
      const frozenAt = Date.now();
      await until(() => statuses.get('own-zabbix')?.parts?.[0]?.responding === false, 10_000, 'the server shown as not responding');
      expect(Date.now() - frozenAt).toBeLessThan(10_000);
      const status = statuses.get('own-zabbix')!;
      expect(status.parts?.[0]?.error?.code).toBe('TIMEOUT');
      expect(status.state).toBe('connected');
    } finally {
      frozen.thaw();
    }
    await until(() => statuses.get('own-zabbix')?.parts?.[0]?.responding === true, 10_000, 'the server answering again');
    statuses.off();
  }, 60_000);
});
