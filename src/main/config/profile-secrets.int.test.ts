import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretsStatus, SnapshotEvent, ZabbixHost } from '../../shared/domain';
import type { StreamEvent } from '../../shared/wire';
import type { AppContext } from '../app-context';
import { docker } from '../../../test-support/docker-cli';
import { labProfile, labProfileText } from '../../../test-support/lab';
import { testContext } from '../../../test-support/test-context';
import { zabbixApi } from '../../../test-support/zabbix-api';

/** A real Zabbix user with a password no other text of the lab contains, so any leak shows. */
const username = `ops-secret-${process.pid}`;
const password = `Zx-${Date.now().toString(36)}-planted-Secret`;
const stamp = Date.now().toString(36);
const CONTAINER = `secrets_leak_${stamp}_1`;
let userid: string;

const invoke = async <T>(context: AppContext, method: string, params: object = {}): Promise<T> => {
  const result = await context.dispatcher.invoke(method, params);
  if (!result.ok) throw new Error(result.error.message);
  return result.result as T;
};

/** Exports an incident snapshot and returns every file of it, unpacked, as one text. */
async function snapshotText(context: AppContext, from: number, services: Array<{ project: string; service: string }>): Promise<string> {
  const events: SnapshotEvent[] = [];
  const end = await new Promise<StreamEvent>((resolve) => {
    context.dispatcher.subscribe('snapshot.export', { from, to: Date.now(), services }, (event) => {
      if (event.type === 'data') events.push(...(event.items as SnapshotEvent[]));
      else resolve(event);
    });
  });
  expect(end).toEqual({ type: 'end' });
  const bundle = Buffer.concat(events.filter((e): e is Extract<SnapshotEvent, { kind: 'chunk' }> => e.kind === 'chunk').map((e) => Buffer.from(e.data, 'base64')));
  const out = mkdtempSync(join(tmpdir(), 'ops-snap-secrets-'));
  writeFileSync(join(out, 'bundle.tar.gz'), bundle);
  execFileSync('tar', ['-xzf', 'bundle.tar.gz'], { cwd: out });
  return execFileSync('sh', ['-c', 'find . -type f ! -name bundle.tar.gz -exec cat {} +'], { cwd: out, maxBuffer: 64 * 1024 * 1024 }).toString();
}

describe('profile secrets against the lab', () => {
  let first: AppContext & { dir: string };
  const engine = () => labProfile().docker[0]!;
  let started: number;
  beforeAll(async () => {
    const [group] = await zabbixApi<Array<{ usrgrpid: string }>>('usergroup.get', { filter: { name: 'Zabbix administrators' }, output: ['usrgrpid'] });
    const created = await zabbixApi<{ userids: string[] }>('user.create', { username, passwd: password, roleid: '3', usrgrps: [{ usrgrpid: group!.usrgrpid }] });
    userid = created.userids[0]!;
    const profile = labProfileText().replace(/username: Admin\n\s*password: .*/, `username: ${username}\n  password: ${password}`);
    expect(profile).toContain(password);
    first = await testContext(profile);
    started = Date.now() - 2000;
    // A careless service that prints the same password in its log, under a name no masking rule knows.
    docker(engine(), 'run', '-d', '--network', 'host', '--name', CONTAINER, '--label', `com.docker.compose.project=sec${stamp}`, '--label', 'com.docker.compose.service=web',
      'lab/busybox:1', 'sh', '-c', `echo "zbx creds ${username} ${password}"; sleep 600`);
  });
  afterAll(async () => {
    first?.close();
    try {
      docker(engine(), 'rm', '-f', CONTAINER);
    } catch {
      // not started
    }
    if (userid) await zabbixApi('user.delete', [userid]);
  });

  it('moves a plain password into a 0600 store, connects with it afterwards, and never shows it', async () => {
    const profileFile = join(first.dir, 'connections.yaml');
    // Connected with the plain password first.
    expect((await invoke<ZabbixHost[]>(first, 'zabbix.hosts')).length).toBeGreaterThan(0);
    const before = await invoke<SecretsStatus>(first, 'secrets.status');
    expect(before).toMatchObject({ protection: 'file-0600', plainInProfile: ['zabbix.password'], stored: [] });

    const after = await invoke<SecretsStatus>(first, 'secrets.protect');
    expect(after).toMatchObject({ plainInProfile: [], stored: ['zabbix/lab-zabbix/password'] });
    expect(readFileSync(profileFile, 'utf8')).not.toContain(password);
    expect(readFileSync(profileFile, 'utf8')).toContain('password: { secret: zabbix/lab-zabbix/password }');
    expect(statSync(after.file).mode & 0o777).toBe(0o600);
    const audit = readFileSync(join(first.dir, 'audit.jsonl'), 'utf8');
    expect(audit).toContain('protect-secrets');
    expect(audit).not.toContain(password);

    // A console started on the rewritten profile reads the password from the store and logs in with it.
    const second = await testContext(readFileSync(profileFile, 'utf8'), { OPS_CONSOLE_SECRETS: after.file });
    try {
      expect(second.info.profileError).toBeUndefined();
      expect((await invoke<ZabbixHost[]>(second, 'zabbix.hosts')).length).toBeGreaterThan(0);
      const answers = JSON.stringify([await invoke(second, 'app.info'), await invoke(second, 'secrets.status'), await invoke(second, 'connections.list')]);
      expect(answers).not.toContain(password);

      // An incident snapshot (logs of the careless service, timeline with the audit entry) holds no trace of it.
      second.timeline.start();
      await new Promise((r) => setTimeout(r, 1500));
      const bundle = await snapshotText(second, started, [{ project: `sec${stamp}`, service: 'web' }]);
      expect(bundle).toContain(`zbx creds ${username}`);
      expect(bundle).not.toContain(password);
    } finally {
      second.close();
    }
  }, 90_000);
});
