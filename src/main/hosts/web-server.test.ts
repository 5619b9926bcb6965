import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAppContext, type AppContext } from '../app-context';
import { startWebServer, type WebServer } from './web-server';

// A real server on loopback with a real (empty) app context: what each way in gets.
let server: WebServer;
let context: AppContext;
let serverRendererDir: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ops-web-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Ops Console</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
  writeFileSync(join(dir, 'empty.yaml'), 'docker: []\n');
  context = await createAppContext({ host: 'browser', version: 'test', profilePath: join(dir, 'empty.yaml'), env: {} });
  serverRendererDir = rendererDir;
  server = await startWebServer({ dispatcher: context.dispatcher, rendererDir });
});

afterAll(async () => {
  await server.close();
  context.close();
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(path: string, origin: string | undefined, host?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers: { ...(origin ? { Origin: origin } : {}), ...(host ? { Host: host } : {}) } });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const own = () => `http://127.0.0.1:${server.port}`;

describe('browser mode server', () => {
  it('binds to loopback and prints a URL with a long random token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/[A-Za-z0-9_-]{43}/$`));
  });

  it('serves the app with the token, with a CSP and no CORS', async () => {
    const res = await get(`/${server.token}/`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Ops Console');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect((await get(`/${server.token}/assets/app.js`)).status).toBe(200);
  });

  it.each(['/', '/index.html', '/assets/app.js', '/wrongtoken/', `/${'x'.repeat(43)}/`])('refuses %s without the token', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('Ops Console');
  });

  it('refuses a token that is only a prefix or suffix', async () => {
    expect((await get(`/${server.token.slice(0, -1)}/`)).status).toBe(403);
    expect((await get(`/${server.token}x/`)).status).toBe(403);
  });

  it('refuses a DNS-rebinding Host header even with the token', async () => {
    expect((await get(`/${server.token}/`, { host: `evil.example:${server.port}` })).status).toBe(421);
  });

  it('does not serve files outside the renderer', async () => {
    expect((await get(`/${server.token}/../secret.txt`)).status).not.toBe(200);
    expect((await get(`/${server.token}/%2e%2e/secret.txt`)).status).toBe(404);
  });

  it('refuses a WebSocket without the token, from a foreign Origin, without Origin, or with a foreign Host', async () => {
    await expect(openSocket('/rpc', own())).rejects.toThrow('HTTP 403');
    await expect(openSocket(`/${server.token}/rpc`, 'https://evil.example')).rejects.toThrow('HTTP 403');
    await expect(openSocket(`/${server.token}/rpc`, 'http://127.0.0.1:1')).rejects.toThrow('HTTP 403');
    await expect(openSocket(`/${server.token}/rpc`, undefined)).rejects.toThrow('HTTP 403');
    await expect(openSocket(`/${server.token}/rpc`, `http://evil.example:${server.port}`, `evil.example:${server.port}`)).rejects.toThrow('HTTP 403');
  });

  it('answers calls over an accepted socket, refuses malformed and unknown calls, and keeps serving', async () => {
    const ws = await openSocket(`/${server.token}/rpc`, own());
    const replies: unknown[] = [];
    ws.on('message', (data) => replies.push(JSON.parse(data.toString())));
    ws.send('not json');
    ws.send(JSON.stringify({ type: 'invoke', id: 1, method: 'nope.nothing', params: {} }));
    ws.send(JSON.stringify({ type: 'invoke', id: 2, method: 'containers.list', params: { engines: 5 } }));
    ws.send(Buffer.from([0xff, 0x00, 0xfe]), { binary: true });
    ws.send(JSON.stringify({ type: 'invoke', id: 3, method: 'app.info', params: {} }));
    await new Promise((r) => setTimeout(r, 300));
    expect(replies).toContainEqual({ type: 'error', id: null, error: { code: 'BAD_REQUEST', message: 'Message is not valid JSON.' } });
    expect(replies).toContainEqual(expect.objectContaining({ id: 1, ok: false, error: expect.objectContaining({ code: 'UNKNOWN_METHOD' }) }));
    expect(replies).toContainEqual(expect.objectContaining({ id: 2, ok: false, error: expect.objectContaining({ code: 'BAD_REQUEST' }) }));
    expect(replies).toContainEqual(expect.objectContaining({ id: 3, ok: true, result: expect.objectContaining({ host: 'browser' }) }));
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it('while the app is still starting, serves the page and answers a socket\'s calls once it is ready', async () => {
    let ready: (dispatcher: AppContext['dispatcher']) => void = () => undefined;
    const later = await startWebServer({ dispatcher: new Promise((resolve) => (ready = resolve)), rendererDir: serverRendererDir });
    try {
      const page = await new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port: later.port, path: `/${later.token}/`, headers: { host: `127.0.0.1:${later.port}` } }, (res) => resolve(res.statusCode ?? 0))
          .on('error', reject)
          .end();
      });
      expect(page).toBe(200);
      const ws = await new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(`ws://127.0.0.1:${later.port}/${later.token}/rpc`, { headers: { Origin: `http://127.0.0.1:${later.port}` } });
        socket.once('open', () => resolve(socket));
        socket.once('error', reject);
      });
      const replies: Array<{ id: number; ok: boolean }> = [];
      ws.on('message', (data) => replies.push(JSON.parse(data.toString())));
      ws.send(JSON.stringify({ type: 'invoke', id: 1, method: 'app.info', params: {} }));
      ws.send(JSON.stringify({ type: 'invoke', id: 2, method: 'nope.nothing', params: {} }));
      await new Promise((r) => setTimeout(r, 200));
      expect(replies).toEqual([]);
      ready(context.dispatcher);
      await new Promise((r) => setTimeout(r, 300));
      expect(replies.map((r) => [r.id, r.ok]).sort()).toEqual([
        [1, true],
        [2, false],
      ]);
      ws.close();
    } finally {
      await later.close();
    }
  });
});
