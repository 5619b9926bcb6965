import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus, SecretsStatus } from '../shared/domain';
import { createAppContext, type AppContext } from './app-context';
import type { SecretCipher } from './config/secret-store';

const PASSWORD = `Zbx-${process.pid}-planted-Pw`;
const ETCD_PASSWORD = `Etcd-${process.pid}-planted-Pw`;

/** Stands in for the OS keychain (Electron's safeStorage cannot run here, there is no Electron runtime). */
const fakeKeychain: SecretCipher = {
  encrypt: (plain) => `k1:${Buffer.from(plain).toString('base64').split('').reverse().join('')}`,
  decrypt: (sealed) => Buffer.from(sealed.slice(3).split('').reverse().join(''), 'base64').toString(),
};

/** A Zabbix API on loopback that knows one user: it shows which password the console sent. */
function fakeZabbix(): Promise<{ server: Server; url: string; logins: string[] }> {
  const logins: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const call = JSON.parse(body) as { method: string; params: { password?: string }; id: number };
      const reply = (result: unknown) => res.end(JSON.stringify({ jsonrpc: '2.0', result, id: call.id }));
      if (call.method === 'apiinfo.version') return reply('6.0.14');
      if (call.method === 'user.login') {
        logins.push(call.params.password ?? '');
        if (call.params.password === PASSWORD) return reply('session-1');
        return res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32602, message: 'Invalid params.', data: 'Incorrect user name or password or account is temporarily blocked.' }, id: call.id }));
      }
      reply('0');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api_jsonrpc.php`, logins })));
}

const profileText = (zabbixUrl: string) => `# written by hand
zabbix:
  name: lab-zabbix
  url: ${zabbixUrl}
  username: Admin
  password: ${PASSWORD}
etcd:
  endpoints: [http://127.0.0.1:9]
  username: root
  password: ${ETCD_PASSWORD}
`;

async function start(dir: string, cipher?: SecretCipher): Promise<AppContext & { logged: string[] }> {
  const logged: string[] = [];
  const context = await createAppContext({
    host: 'browser',
    version: 'test',
    profilePath: join(dir, 'config', 'connections.yaml'),
    env: { OPS_CONSOLE_DATA_DIR: join(dir, 'data') },
    checkIntervalMs: 60_000,
    secretCipher: cipher,
    log: (message, error) => logged.push(`${message} ${error instanceof Error ? `${error.message} ${error.stack}` : String(error ?? '')}`),
  });
  return Object.assign(context, { logged });
}

async function invoke<T>(context: AppContext, method: string, params: object = {}): Promise<T> {
  const result = await context.dispatcher.invoke(method, params);
  if (!result.ok) throw new Error(result.error.message);
  return result.result as T;
}

async function zabbixState(context: AppContext): Promise<ConnectionStatus> {
  const checked = await invoke<ConnectionStatus[]>(context, 'connections.check', { id: 'zabbix:lab-zabbix' });
  return checked.find((s) => s.id === 'zabbix:lab-zabbix')!;
}

describe('secrets through the console (no lab: a fake Zabbix on loopback, an unreachable etcd)', () => {
  let zabbix: Awaited<ReturnType<typeof fakeZabbix>>;
  let dir: string;
  const contexts: AppContext[] = [];
  beforeAll(async () => {
    zabbix = await fakeZabbix();
    dir = mkdtempSync(join(tmpdir(), 'ops-secrets-app-'));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'config'), { mode: 0o700 });
    writeFileSync(join(dir, 'config', 'connections.yaml'), profileText(zabbix.url), { mode: 0o600 });
  });
  afterAll(() => {
    for (const context of contexts) context.close();
    zabbix?.server.close();
  });

  it('moves the hand-written secrets into the keychain-sealed store; nothing the renderer, the logs or the audit log get holds them', async () => {
    const first = await start(dir, fakeKeychain);
    contexts.push(first);
    const card = async (id: string) => (await invoke<ConnectionStatus[]>(first, 'connections.list')).find((s) => s.id === id)!;
    expect((await zabbixState(first)).state).toBe('connected');
    expect((await card('zabbix:lab-zabbix')).facts).toMatchObject({ auth: 'user Admin', password: 'profile file, plain text' });
    expect((await card('etcd:etcd')).facts).toMatchObject({ password: 'profile file, plain text' });
    const before = await invoke<SecretsStatus>(first, 'secrets.status');
    expect(before).toMatchObject({ protection: 'os-keychain', plainInProfile: ['etcd.password', 'zabbix.password'], stored: [] });

    const after = await invoke<SecretsStatus>(first, 'secrets.protect');
    expect(after).toMatchObject({ plainInProfile: [], stored: ['etcd/etcd/password', 'zabbix/lab-zabbix/password'] });
    expect((await card('zabbix:lab-zabbix')).facts).toMatchObject({ password: 'secret store (OS keychain)' });
    expect((await card('etcd:etcd')).facts).toMatchObject({ password: 'secret store (OS keychain)' });

    const profile = readFileSync(join(dir, 'config', 'connections.yaml'), 'utf8');
    expect(profile).not.toContain(PASSWORD);
    expect(profile).not.toContain(ETCD_PASSWORD);
    expect(profile).toContain('password: { secret: zabbix/lab-zabbix/password }');
    const store = readFileSync(after.file, 'utf8');
    expect(store).not.toContain(PASSWORD);
    expect(store).not.toContain(ETCD_PASSWORD);
    expect(statSync(after.file).mode & 0o777).toBe(0o600);

    const answers = JSON.stringify([
      await invoke(first, 'app.info'),
      await invoke(first, 'connections.list'),
      await invoke(first, 'connections.check', { id: 'etcd:etcd' }).catch((e: unknown) => String(e)),
      after,
      await invoke(first, 'audit.list', { limit: 50 }),
    ]);
    expect(answers).toContain('protect-secrets');
    expect(answers).not.toContain(PASSWORD);
    expect(answers).not.toContain(ETCD_PASSWORD);
    const dataFiles = readdirSync(join(dir, 'data')).map((f) => readFileSync(join(dir, 'data', f), 'utf8')).join('\n');
    expect(dataFiles).toContain('protect-secrets');
    expect(dataFiles).not.toContain(PASSWORD);
    expect(first.logged.join('\n')).not.toContain(PASSWORD);
  });

  it('a console started on the rewritten profile logs in with the password from the store', async () => {
    zabbix.logins.length = 0;
    const second = await start(dir, fakeKeychain);
    contexts.push(second);
    expect(second.info.profileError).toBeUndefined();
    expect((await zabbixState(second)).state).toBe('connected');
    expect(zabbix.logins).toEqual([PASSWORD]);
    expect((await zabbixState(second)).facts).toMatchObject({ password: 'secret store (OS keychain)' });
    expect(JSON.stringify(await invoke(second, 'connections.list'))).not.toContain(PASSWORD);
  });

  it('without the keychain (browser mode) the sealed store gives a clear error at the line, and no value', async () => {
    const third = await start(dir);
    contexts.push(third);
    expect(third.info.profileError).toMatch(/connections\.yaml:10: etcd\.password: etcd: secret "etcd\/etcd\/password" is encrypted with the desktop app's OS keychain; open the desktop app/);
    expect(third.logged.join('\n')).toContain('profile error');
    expect(third.logged.join('\n')).not.toContain(PASSWORD);
    expect(JSON.stringify(await invoke(third, 'app.info'))).not.toContain(PASSWORD);
  });

  it('a wrong password is reported without echoing it', async () => {
    const other = mkdtempSync(join(tmpdir(), 'ops-secrets-app-'));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(other, 'config'));
    const wrong = `${PASSWORD}-wrong`;
    writeFileSync(join(other, 'config', 'connections.yaml'), profileText(zabbix.url).replace(`password: ${PASSWORD}`, `password: ${wrong}`));
    const context = await start(other);
    contexts.push(context);
    const state = await zabbixState(context);
    expect(state.state).toBe('error');
    expect(JSON.stringify(state)).not.toContain(wrong);
    expect(context.logged.join('\n')).not.toContain(wrong);
  });

  it('a store others can read is tightened at start-up, and the log says so', async () => {
    const { chmodSync } = await import('node:fs');
    const file = join(dir, 'config', 'secrets.json');
    chmodSync(file, 0o644);
    const context = await start(dir, fakeKeychain);
    contexts.push(context);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(context.logged.join('\n')).toContain(`${file} was readable by others: its permissions were set to 0600`);
    expect(await invoke<SecretsStatus>(context, 'secrets.status')).toMatchObject({ repaired: true });
  });
});
