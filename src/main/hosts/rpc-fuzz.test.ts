import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { calls, streams } from '../../shared/contract';
import { createAppContext, type AppContext } from '../app-context';
import { startWebServer, type WebServer } from './web-server';

/**
 * Throws random and malformed messages at the real WebSocket RPC boundary for a while
 * (FUZZ_SECONDS, default 60): the server must answer each with an error shape, never
 * crash, never leak a stack trace, and keep serving valid calls.
 */
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 60);

let server: WebServer;
let context: AppContext;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ops-fuzz-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html>');
  // A Docker engine that is not there, so calls go all the way down and fail cleanly.
  writeFileSync(join(dir, 'p.yaml'), `docker:\n  - name: gone\n    host: unix://${dir}/none.sock\n`);
  context = await createAppContext({ host: 'browser', version: 'fuzz', profilePath: join(dir, 'p.yaml'), env: { OPS_CONSOLE_DATA_DIR: dir }, checkIntervalMs: 60_000 });
  server = await startWebServer({ dispatcher: context.dispatcher, rendererDir: join(dir, 'renderer') });
});
afterAll(async () => {
  await server.close();
  context.close();
});

let seed = 12345;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function randomValue(depth = 0): unknown {
  const kinds = ['string', 'number', 'bool', 'null', 'array', 'object', 'huge', 'unicode', 'undefined'];
  switch (pick(depth > 2 ? kinds.slice(0, 4) : kinds)) {
    case 'string':
      return pick(['', 'x', '../../etc/passwd', '${jndi:x}', '<script>', 'lab-engine-1', '__proto__', 'constructor']);
    case 'number':
      return pick([0, -1, 1e308, Number.MAX_SAFE_INTEGER, 3.5, NaN]);
    case 'bool':
      return random() < 0.5;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: Math.floor(random() * 5) }, () => randomValue(depth + 1));
    case 'object':
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [pick(['engine', 'id', 'tail', 'selection', 'action', 'key', '__proto__', 'x']), randomValue(depth + 1)]));
    case 'huge':
      return 'y'.repeat(Math.floor(random() * 200_000));
    case 'unicode':
      return pick(['雪', '🔥', '\u0000', '\ud800', 'é'.repeat(100)]);
    default:
      return undefined;
  }
}

function randomFrame(id: number): string | Buffer {
  const names = [...Object.keys(calls), ...Object.keys(streams), 'nope.nothing', '', '__proto__'];
  switch (Math.floor(random() * 8)) {
    case 0:
      return Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256)));
    case 1:
      return '{"type":"invoke","id":' + id + ',"method":"containers.list","params":'; // torn JSON
    case 2:
      return JSON.stringify({ type: pick(['invoke', 'subscribe', 'unsubscribe', 'boom', 7]), id: pick([id, -1, 'x', null, 1.5]), method: pick(names), stream: pick(names), params: randomValue() });
    case 3:
      return JSON.stringify({ type: 'subscribe', id, stream: pick(Object.keys(streams)), params: randomValue() });
    case 4:
      return JSON.stringify({ type: 'unsubscribe', id: Math.floor(random() * id) });
    default:
      return JSON.stringify({ type: 'invoke', id, method: pick(names), params: randomValue() });
  }
}

describe('RPC boundary under fuzzing', () => {
  it(`survives ${SECONDS} s of random and malformed messages without a crash or a leaked stack trace`, async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/${server.token}/rpc`, { headers: { Origin: `http://127.0.0.1:${server.port}` } });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    let replies = 0;
    let leaked: string | undefined;
    ws.on('message', (data) => {
      replies++;
      const text = data.toString();
      if (/\n\s+at .+\(|node_modules|\.ts:\d+/.test(text)) leaked = text.slice(0, 500);
    });
    const deadline = Date.now() + SECONDS * 1000;
    let id = 1;
    while (Date.now() < deadline) {
      for (let i = 0; i < 50; i++) ws.send(randomFrame(id++));
      await new Promise((r) => setTimeout(r, 20));
      if (ws.readyState !== WebSocket.OPEN) break;
    }
    // Still serving: a valid call gets its answer.
    const answer = new Promise<unknown>((resolve) => {
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { id?: number };
        if (message.id === 999_999_999) resolve(message);
      });
    });
    ws.send(JSON.stringify({ type: 'invoke', id: 999_999_999, method: 'app.info', params: {} }));
    expect(await answer).toMatchObject({ ok: true, result: { version: 'fuzz' } });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    expect(leaked).toBeUndefined();
    expect(replies).toBeGreaterThan(100);
    ws.close();
  }, (SECONDS + 30) * 1000);
});
