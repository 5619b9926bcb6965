import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Diagnostics } from '../../../shared/domain';
import { labProfile } from '../../../../test-support/lab';
import { testContext } from '../../../../test-support/test-context';

/**
 * diagnostics.get against the lab: the real engines and etcd, plus planted secrets where a
 * careless report would leak them (a password in an engine URL, a Zabbix API token). The
 * token is wrong on purpose: a token does not count towards Zabbix's login lockout, a wrong
 * password would.
 */
const PLANTED_URL_PASSWORD = 'Url-Pl4nted-Pw-7731';
const PLANTED_TOKEN = 'f00dfacecafe0123456789abcdef4242f00dfacecafe0123456789abcdef4242';

describe('diagnostics.get (lab)', () => {
  let context: Awaited<ReturnType<typeof testContext>>;
  let report: Diagnostics;

  beforeAll(async () => {
    const lab = labProfile();
    const profile = {
      docker: [...lab.docker, { name: 'with-credentials', host: `tcp://ops:${PLANTED_URL_PASSWORD}@127.0.0.1:1` }],
      etcd: { name: 'lab-etcd', endpoints: lab.etcd.endpoints },
      zabbix: { name: 'lab-zabbix', url: lab.zabbix.url, apiToken: PLANTED_TOKEN },
    };
    context = await testContext(stringify(profile));
    await context.connections.check();
    context.consoleLog.error('a failed call', new Error(`POST ${lab.zabbix.url} {"jsonrpc":"2.0","method":"host.get","auth":"${PLANTED_TOKEN}"}`));
    const answer = await context.dispatcher.invoke('diagnostics.get', {});
    if (!answer.ok) throw new Error(answer.error.message);
    report = answer.result as Diagnostics;
  });

  afterAll(() => context?.close());

  it('holds the versions, every connection with its state and version, and the last log lines', () => {
    expect(report.versions.node).toBe(process.versions.node);
    expect(report.versions.app).toBe('Ops Console test');
    const byId = Object.fromEntries(report.connections.map((c) => [c.id, c]));
    expect(byId['docker:lab-engine-1']).toMatchObject({ state: 'connected', version: expect.stringMatching(/^\d+\./) });
    expect(byId['docker:lab-engine-2']).toMatchObject({ state: 'connected' });
    expect(byId['etcd:lab-etcd']).toMatchObject({ state: 'connected', version: expect.stringMatching(/^3\./) });
    expect(byId['docker:with-credentials']).toMatchObject({ state: 'error', target: 'tcp://ops:••••••@127.0.0.1:1' });
    expect(byId['zabbix:lab-zabbix']).toMatchObject({ state: 'error', version: '6.0.14' });
    expect(report.text).toMatch(/^etcd:lab-etcd http:\/\/127\.0\.0\.1:21379.*: connected, version 3\./m);
    expect(report.text).toMatch(/^docker:lab-engine-1 unix:\/\/.*: connected, version/m);
    expect(report.text).toMatch(/^zabbix:lab-zabbix .*: error, version 6\.0\.14 — /m);
    // The log lines: the start, each connection's state change, the error logged above.
    expect(report.logFile).toBe(join(context.dir, 'console.log'));
    expect(report.logLines.some((l) => /INFO {2}connection etcd:lab-etcd .* is now connected/.test(l))).toBe(true);
    expect(report.logLines.some((l) => /ERROR connection docker:with-credentials .* is now error: /.test(l))).toBe(true);
    expect(report.logLines.some((l) => l.includes('a failed call: POST'))).toBe(true);
  });

  it('contains no planted secret, neither does the log file', () => {
    const everything = JSON.stringify(report);
    const file = readFileSync(join(context.dir, 'console.log'), 'utf8');
    for (const secret of [PLANTED_URL_PASSWORD, PLANTED_TOKEN]) {
      expect(everything).not.toContain(secret);
      expect(file).not.toContain(secret);
    }
  });

  it('shows the log file path in app.info (Settings)', async () => {
    const info = await context.dispatcher.invoke('app.info', {});
    expect(info).toMatchObject({ ok: true, result: { logFile: join(context.dir, 'console.log') } });
  });
});
