import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExtraEngine, type ExtraEngine } from '../../../../test-support/extra-engine';
import { labProfile, labProfilePath, labProfileText } from '../../../../test-support/lab';
import { createAppContext, type AppContext } from '../../app-context';

/** What the docker CLI says is on an engine: the reference the console must equal. */
function dockerPsNames(host: string, tls?: { ca: string; cert: string; key: string }): string[] {
  const args = ['-H', host];
  if (tls) args.push('--tlsverify', '--tlscacert', tls.ca, '--tlscert', tls.cert, '--tlskey', tls.key);
  const out = execFileSync('/usr/bin/docker', [...args, 'ps', '-a', '--format', '{{.Names}}'], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).sort();
}

describe('connections and containers against the lab', () => {
  let context: AppContext;

  beforeAll(async () => {
    context = await createAppContext({ host: 'browser', version: 'test', profilePath: labProfilePath(), env: {}, checkIntervalMs: 60_000 });
  });
  afterAll(() => context.close());

  it('connects to both engines, etcd and Zabbix with their versions', async () => {
    const statuses = await context.connections.check();
    const byId = Object.fromEntries(statuses.map((s) => [s.id, s]));
    for (const id of ['docker:lab-engine-1', 'docker:lab-engine-2', 'etcd:lab-etcd', 'zabbix:lab-zabbix']) {
      expect(byId[id], id).toMatchObject({ state: 'connected' });
      expect(byId[id]?.latencyMs).toBeGreaterThanOrEqual(0);
    }
    expect(byId['docker:lab-engine-1']?.version).toMatch(/^20\.10\./);
    expect(byId['etcd:lab-etcd']?.version).toMatch(/^3\.4\./);
    expect(byId['etcd:lab-etcd']?.facts.members).toBe('3');
    expect(byId['zabbix:lab-zabbix']?.version).toMatch(/^6\.0\./);
  });

  it('lists exactly the containers docker ps lists, on each engine', async () => {
    const profile = labProfile() as unknown as { docker: Array<{ name: string; host: string; tls?: { ca: string; cert: string; key: string } }> };
    type Listed = Array<{ engine: string; ok: boolean; containers: Array<{ name: string; service?: string; state: string }> }>;
    for (const engine of profile.docker) {
      // Tests running beside this one create and remove containers: compare until a list and
      // docker ps of the same moment agree.
      let listed: Listed[number] | undefined;
      let expected: string[] = [];
      for (let tries = 0; tries < 20; tries++) {
        const result = await context.dispatcher.invoke('containers.list', {});
        expect(result.ok).toBe(true);
        listed = (result as { result: Listed }).result.find((e) => e.engine === engine.name);
        expected = dockerPsNames(engine.host, engine.tls);
        if (JSON.stringify(listed?.containers.map((c) => c.name).sort()) === JSON.stringify(expected)) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(listed?.ok, engine.name).toBe(true);
      expect(listed!.containers.map((c) => c.name).sort()).toEqual(expected);
      expect(listed!.containers.some((c) => c.service && c.state === 'running')).toBe(true);
    }
  });
});

describe('an engine that stops', () => {
  let extra: ExtraEngine;
  let context: AppContext;

  beforeAll(async () => {
    extra = await startExtraEngine();
    const dir = mkdtempSync(join(tmpdir(), 'ops-profile-'));
    const profile = `${labProfileText()}\n`.replace(/^docker:\n/m, `docker:\n  - name: extra-engine\n    host: ${extra.host}\n`);
    writeFileSync(join(dir, 'connections.yaml'), profile);
    context = await createAppContext({ host: 'browser', version: 'test', profilePath: join(dir, 'connections.yaml'), env: {}, checkIntervalMs: 60_000 });
  }, 60_000);
  afterAll(async () => {
    context?.close();
    await extra?.stop();
  });

  it('is listed while up, then shows its error while the other engines are still listed', async () => {
    let engines = await context.containers.list();
    expect(engines.find((e) => e.engine === 'extra-engine')).toMatchObject({ ok: true, containers: [] });

    await extra.stop();
    engines = await context.containers.list();
    const stopped = engines.find((e) => e.engine === 'extra-engine');
    expect(stopped).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(stopped?.ok === false && stopped.error.message).toMatch(/ENOENT|ECONNREFUSED/);
    for (const name of ['lab-engine-1', 'lab-engine-2']) {
      const other = engines.find((e) => e.engine === name);
      expect(other?.ok && other.containers.length).toBeGreaterThan(0);
    }
    const statuses = await context.connections.check();
    expect(statuses.find((s) => s.id === 'docker:extra-engine')).toMatchObject({ state: 'error' });
    expect(statuses.find((s) => s.id === 'docker:lab-engine-1')).toMatchObject({ state: 'connected' });
  });
});
