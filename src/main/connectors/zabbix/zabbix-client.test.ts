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
