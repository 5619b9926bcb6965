import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretsStatus, ZabbixHost } from '../../shared/domain';
import type { AppContext } from '../app-context';
import { labProfileText } from '../testing/lab-profile';
import { testContext } from '../testing/test-context';
import { zabbixApi } from '../testing/zabbix-api';

/** A real Zabbix user with a password no other text of the lab contains, so any leak shows. */
const username = `ops-secret-${process.pid}`;
const password = `Zx-${Date.now().toString(36)}-planted-Secret`;
let userid: string;

const invoke = async <T>(context: AppContext, method: string, params: object = {}): Promise<T> => {
  const result = await context.dispatcher.invoke(method, params);
  if (!result.ok) throw new Error(result.error.message);
  return result.result as T;
};

describe('profile secrets against the lab', () => {
  let first: AppContext & { dir: string };
  beforeAll(async () => {
    const [group] = await zabbixApi<Array<{ usrgrpid: string }>>('usergroup.get', { filter: { name: 'Zabbix administrators' }, output: ['usrgrpid'] });
    const created = await zabbixApi<{ userids: string[] }>('user.create', { username, passwd: password, roleid: '3', usrgrps: [{ usrgrpid: group!.usrgrpid }] });
    userid = created.userids[0]!;
    const profile = labProfileText().replace(/username: Admin\n\s*password: .*/, `username: ${username}\n  password: ${password}`);
    expect(profile).toContain(password);
    first = await testContext(profile);
  });
  afterAll(async () => {
    first?.close();
    if (userid) await zabbixApi('user.delete', [userid]);
  });

  it('moves a plain password into a 0600 store, connects with it afterwards, and never shows it', async () => {
    const profileFile = join(first.dir, 'connections.yaml');
    // Connected with the plain password first.
    expect((await invoke<ZabbixHost[]>(first, 'zabbix.hosts')).length).toBeGreaterThan(0);
    const before = await invoke<SecretsStatus>(first, 'secrets.status');
    expect(before).toMatchObject({ protection: 'file-0600', plainInProfile: ['zabbix.password'], stored: [] });

    const after = await invoke<SecretsStatus>(first, 'secrets.protect');
    expect(after).toMatchObject({ plainInProfile: [], stored: ['zabbix.password'] });
    expect(readFileSync(profileFile, 'utf8')).not.toContain(password);
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
    } finally {
      second.close();
    }
  }, 60_000);
});
