import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpPost } from './http-post';

describe('httpPost (the Zabbix client over node:http)', () => {
  let server: Server;
  let url: string;
  const seen: Array<{ method?: string; type?: string; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, type: req.headers['content-type'], body });
        if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000);
        res.writeHead(req.url === '/missing' ? 404 : 200, { 'Content-Type': 'application/json' });
        res.end(req.url === '/missing' ? 'no such page' : JSON.stringify({ jsonrpc: '2.0', result: 'ünïcode', id: 1 }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('posts the body with its headers and gives the status and the text', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', method: 'apiinfo.version', params: { q: 'é' }, id: 1 });
    const response = await httpPost(`${url}/api_jsonrpc.php`, { method: 'POST', headers: { 'Content-Type': 'application/json-rpc' }, body });
    expect(response.ok).toBe(true);
    expect(JSON.parse(await response.text()).result).toBe('ünïcode');
    expect(seen.at(-1)).toEqual({ method: 'POST', type: 'application/json-rpc', body });
  });

  it('says not ok with the status of an error page', async () => {
    const response = await httpPost(`${url}/missing`, { method: 'POST', headers: {}, body: '{}' });
    expect([response.ok, response.status, await response.text()]).toEqual([false, 404, 'no such page']);
  });

  it('stops when its signal aborts, and fails on a refused connection', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(httpPost(`${url}/slow`, { method: 'POST', headers: {}, body: '{}', signal: controller.signal })).rejects.toThrow(/abort/i);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(httpPost(`http://127.0.0.1:${port}/`, { method: 'POST', headers: {}, body: '{}' })).rejects.toThrow(/ECONNREFUSED/);
    await expect(httpPost('ftp://127.0.0.1/', { method: 'POST', headers: {}, body: '{}' })).rejects.toThrow(/Unsupported protocol/);
  });
});
