import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createAppContext, type AppContext } from '../app-context';
import { dockerPs, type EngineRef } from '../../../test-support/docker-cli';
import { labProfile } from '../../../test-support/lab';

/** Writes a docker CLI context the way `docker context create` does: meta.json and TLS files. */
function writeContext(configDir: string, name: string, host: string, tls: { ca: string; cert: string; key: string }): void {
  const id = createHash('sha256').update(name).digest('hex');
  mkdirSync(join(configDir, 'contexts', 'meta', id), { recursive: true });
  writeFileSync(
    join(configDir, 'contexts', 'meta', id, 'meta.json'),
    JSON.stringify({ Name: name, Metadata: { Description: 'lab tls engine' }, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }),
  );
  const tlsDir = join(configDir, 'contexts', 'tls', id, 'docker');
  mkdirSync(tlsDir, { recursive: true });
  copyFileSync(tls.ca, join(tlsDir, 'ca.pem'));
  copyFileSync(tls.cert, join(tlsDir, 'cert.pem'));
  copyFileSync(tls.key, join(tlsDir, 'key.pem'));
  writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: name }));
}

describe('docker context import', () => {
  let context: AppContext;
  let dir: string;
  let tlsEngine: EngineRef;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ops-ctx-'));
    tlsEngine = labProfile().docker.find((e) => e.tls)!;
    writeContext(join(dir, 'docker'), 'lab-tls', tlsEngine.host, tlsEngine.tls!);
    writeFileSync(join(dir, 'connections.yaml'), '# my hosts\ndocker: []\n');
    context = await createAppContext({
      host: 'browser',
      version: 'test',
      profilePath: join(dir, 'connections.yaml'),
      env: { DOCKER_CONFIG: join(dir, 'docker'), OPS_CONSOLE_DATA_DIR: dir },
      checkIntervalMs: 60_000,
    });
  });
  afterAll(() => context?.close());

  it('lists the context, imports it, reaches the TLS engine through it and saves it to the profile', async () => {
    expect(await context.dispatcher.invoke('contexts.list', {})).toEqual({
      ok: true,
      result: [{ name: 'lab-tls', host: tlsEngine.host, tls: true, current: true, imported: false }],
    });
    const imported = await context.dispatcher.invoke('contexts.import', { name: 'lab-tls' });
    expect(imported).toMatchObject({ ok: true, result: [{ name: 'lab-tls', imported: true }] });

    const statuses = await context.connections.check('docker:lab-tls');
    expect(statuses.find((s) => s.id === 'docker:lab-tls')).toMatchObject({ state: 'connected', version: expect.stringMatching(/^20\.10/) });
    const [listed] = await context.containers.list(['lab-tls']);
    expect(listed?.ok && listed.containers.map((c) => c.name).sort()).toEqual(dockerPs(tlsEngine).map((c) => c.name).sort());

    // Its containers join the live fleet too.
    const states: string[] = [];
    const off = context.fleet.subscribe((event) => {
      if (event.kind === 'engine' && event.engine === 'lab-tls') states.push(event.state);
    });
    const deadline = Date.now() + 15_000;
    while (!states.includes('live') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    off();
    expect(states).toContain('live');

    const text = readFileSync(join(dir, 'connections.yaml'), 'utf8');
    expect(text).toContain('# my hosts');
    expect(parse(text).docker[0]).toMatchObject({ name: 'lab-tls', host: tlsEngine.host, tls: { ca: expect.stringContaining('ca.pem') } });
    expect(await context.dispatcher.invoke('contexts.import', { name: 'lab-tls' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
