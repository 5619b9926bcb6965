import { describe, expect, it } from 'vitest';
import { authStrategy, compareVersions, ZabbixClient, type FetchLike } from './zabbix-client';

describe('Zabbix version strategy', () => {
  it.each([
    ['5.0.30', 'user', 'body'],
    ['5.2.7', 'user', 'body'],
    ['5.4.12', 'username', 'body'],
    ['6.0.14', 'username', 'body'],
    ['6.4.0', 'username', 'header'],
    ['7.0.5', 'username', 'header'],
    ['7.2.1', 'username', 'header'],
  ])('%s logs in with %s and sends the credential in the %s', (version, loginField, credentialIn) => {
    expect(authStrategy(version)).toEqual({ loginField, credentialIn });
  });
  it('compares versions numerically', () => {
    expect(compareVersions('6.10', '6.4')).toBeGreaterThan(0);
    expect(compareVersions('6.4', '6.4.0')).toBe(0);
  });
});

function recorder(answers: Record<string, unknown[]>) {
  const requests: Array<{ headers: Record<string, string>; body: Record<string, unknown> }> = [];
  const fetchImpl: FetchLike = async (_url, init) => {
    const body = JSON.parse(init.body) as Record<string, unknown>;
    requests.push({ headers: init.headers, body });
    const answer = answers[body.method as string]?.shift();
    return { ok: true, status: 200, text: async () => JSON.stringify({ jsonrpc: '2.0', id: body.id, ...(answer as object) }) };
  };
  return { requests, fetchImpl };
}

describe('ZabbixClient', () => {
  it('on 6.0 logs in with username and passes auth in the body', async () => {
    const { requests, fetchImpl } = recorder({
      'apiinfo.version': [{ result: '6.0.14' }],
      'user.login': [{ result: 'sess' }],
      'host.get': [{ result: '2' }],
    });
    const client = new ZabbixClient({ name: 'z', url: 'http://z/api_jsonrpc.php', username: 'Admin', password: 'zabbix' }, fetchImpl);
    expect(await client.call('host.get', { countOutput: true })).toBe('2');
    expect(requests[1]?.body).toMatchObject({ method: 'user.login', params: { username: 'Admin', password: 'zabbix' } });
    expect(requests[2]?.body.auth).toBe('sess');
    expect(requests[2]?.headers.Authorization).toBeUndefined();
  });

  it('on 7.2 sends the token as a Bearer header, never in the body', async () => {
    const { requests, fetchImpl } = recorder({ 'apiinfo.version': [{ result: '7.2.0' }], 'host.get': [{ result: [] }] });
    const client = new ZabbixClient({ name: 'z', url: 'http://z/api_jsonrpc.php', apiToken: 'tok' }, fetchImpl);
    await client.call('host.get', {});
    expect(requests[1]?.headers.Authorization).toBe('Bearer tok');
    expect(requests[1]?.body.auth).toBeUndefined();
  });

  it('logs in again once when the session expired', async () => {
    const { requests, fetchImpl } = recorder({
      'apiinfo.version': [{ result: '6.0.14' }],
      'user.login': [{ result: 's1' }, { result: 's2' }],
      'host.get': [{ error: { code: -32602, message: 'Invalid params.', data: 'Session terminated, re-login, please.' } }, { result: '1' }],
    });
    const client = new ZabbixClient({ name: 'z', url: 'http://z/api_jsonrpc.php', username: 'Admin', password: 'x' }, fetchImpl);
    expect(await client.call('host.get', {})).toBe('1');
    expect(requests.filter((r) => r.body.method === 'user.login')).toHaveLength(2);
  });

  it("shows Zabbix's own message and data", async () => {
    const { fetchImpl } = recorder({
      'apiinfo.version': [{ result: '6.0.14' }],
      'host.get': [{ error: { code: -32602, message: 'Invalid params.', data: 'Incorrect API "host".' } }],
    });
    const client = new ZabbixClient({ name: 'z', url: 'http://z/api_jsonrpc.php', apiToken: 't' }, fetchImpl);
    await expect(client.call('host.get', {})).rejects.toThrow('Zabbix: Invalid params. Incorrect API "host".');
  });
});

// Recorded answers of each Zabbix line to apiinfo.version and user.login, and the request
// shape each one expects (login field, where the session goes).
const RECORDED = [
  { version: '5.0.42', login: { user: 'Admin' }, session: '0424bd59b807674191e7d77572075f33', auth: 'body' },
  { version: '5.4.12', login: { username: 'Admin' }, session: 'b52d4bbdc0f04ab4a43a3ce6a1a5c4e5', auth: 'body' },
  { version: '6.0.14', login: { username: 'Admin' }, session: '3f3a5c1e7a1f4b57a0a5a1b2c3d4e5f6', auth: 'body' },
  { version: '6.4.8', login: { username: 'Admin' }, session: '8b0e0e3e5c2b4f8c9d0a1b2c3d4e5f60', auth: 'header' },
  { version: '7.0.3', login: { username: 'Admin' }, session: 'c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6', auth: 'header' },
  { version: '7.2.1', login: { username: 'Admin' }, session: 'd2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7', auth: 'header' },
] as const;

describe.each(RECORDED)('Zabbix $version request shapes', ({ version, login, session, auth }) => {
  it('logs in with the right field and sends the session where that version reads it', async () => {
    const { requests, fetchImpl } = recorder({
      'apiinfo.version': [{ result: version }],
      'user.login': [{ result: session }],
      'problem.get': [{ result: [] }],
    });
    const client = new ZabbixClient({ name: 'z', url: 'http://z/api_jsonrpc.php', username: 'Admin', password: 'zabbix' }, fetchImpl);
    await client.call('problem.get', {});
    expect(requests[0]?.body).toMatchObject({ method: 'apiinfo.version' });
    expect(requests[0]?.body.auth).toBeUndefined();
    expect(requests[1]?.body).toMatchObject({ method: 'user.login', params: { ...login, password: 'zabbix' } });
    const call = requests[2]!;
    if (auth === 'body') {
      expect(call.body.auth).toBe(session);
      expect(call.headers.Authorization).toBeUndefined();
    } else {
      expect(call.headers.Authorization).toBe(`Bearer ${session}`);
      expect(call.body.auth).toBeUndefined();
    }
  });
});
