import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { calls, streams } from '../../shared/contract';
import { ErrorCodeSchema } from '../../shared/errors';
import { ClientMessageSchema } from '../../shared/wire';
import { createAppContext, type AppContext } from '../app-context';
import { startWebServer, type WebServer } from './web-server';

/**
 * Throws random and malformed messages at the real WebSocket RPC boundary for a while
 * (FUZZ_SECONDS, default 20; longer runs by hand): the server must answer each with an error shape, never
 * crash, never leak a stack trace, and keep serving valid calls. Every answer is checked:
 * each error in it has a code of the known set (src/shared/errors.ts), a non-empty message
 * and no stack; every frame that calls for an answer gets exactly one.
 */
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 20);

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

const KNOWN_CODES: readonly string[] = ErrorCodeSchema.options;
const STACK_TEXT = /\n\s+at .+\(|node_modules|\.ts:\d+/;

/** What is wrong with an error object as it crossed the boundary, or undefined when nothing is. */
function errorProblem(error: unknown): string | undefined {
  if (!error || typeof error !== 'object' || Array.isArray(error)) return 'the error is not an object';
  const e = error as Record<string, unknown>;
  if (typeof e.code !== 'string' || !KNOWN_CODES.includes(e.code)) return `code ${JSON.stringify(e.code)} is not one of ${KNOWN_CODES.join(', ')}`;
  if (typeof e.message !== 'string' || e.message.trim() === '') return `message ${JSON.stringify(e.message)} is not a non-empty string`;
  const extra = Object.keys(e).filter((k) => !['code', 'message', 'details'].includes(k));
  if (extra.length) return `unexpected fields ${extra.join(', ')}`;
  return undefined;
}

/** A `stack` field at any depth, or text that reads like a stack trace or a source path. */
function stackProblem(value: unknown, path = 'message'): string | undefined {
  if (typeof value === 'string') return STACK_TEXT.test(value) ? `${path} reads like a stack trace: ${value.slice(0, 200)}` : undefined;
  if (!value || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'stack') return `${path}.stack is present`;
    const problem = stackProblem(inner, `${path}.${key}`);
    if (problem) return problem;
  }
  return undefined;
}

type Answer =
  | { kind: 'result'; id: number; ok: boolean; error?: unknown }
  | { kind: 'error'; error: unknown }
  | { kind: 'data'; id: number }
  | { kind: 'end'; id: number; error?: unknown };

/** One server message as one of the shapes of ServerMessage (src/shared/wire.ts), or why it is none. */
function classify(message: unknown): Answer | string {
  if (!message || typeof message !== 'object') return 'not an object';
  const m = message as Record<string, unknown>;
  if (m.type === 'result' && typeof m.id === 'number' && m.ok === true && !('error' in m)) return { kind: 'result', id: m.id, ok: true };
  if (m.type === 'result' && typeof m.id === 'number' && m.ok === false) return { kind: 'result', id: m.id, ok: false, error: m.error };
  if (m.type === 'error' && m.id === null) return { kind: 'error', error: m.error };
  if (m.type === 'data' && typeof m.id === 'number' && Array.isArray(m.items)) return { kind: 'data', id: m.id };
  if (m.type === 'end' && typeof m.id === 'number') return 'error' in m ? { kind: 'end', id: m.id, error: m.error } : { kind: 'end', id: m.id };
  return 'none of the server message shapes';
}

/**
 * The answer a frame calls for, by the wire contract: text that is not JSON (or a binary
 * frame) gets a BAD_REQUEST error without an id; a malformed message a BAD_REQUEST result
 * under its id when it has a numeric one; a valid invoke one result; streams no fixed answer.
 */
function expectedAnswer(frame: string | Buffer): { key: string; code?: string } | undefined {
  if (typeof frame !== 'string') return { key: 'error', code: 'BAD_REQUEST' };
  let raw: unknown;
  try {
    raw = JSON.parse(frame);
  } catch {
    return { key: 'error', code: 'BAD_REQUEST' };
  }
  const parsed = ClientMessageSchema.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { id?: unknown } | null)?.id;
    return typeof id === 'number' ? { key: `result:${id}`, code: 'BAD_REQUEST' } : { key: 'error', code: 'BAD_REQUEST' };
  }
  return parsed.data.type === 'invoke' ? { key: `result:${parsed.data.id}` } : undefined;
}

describe('RPC boundary under fuzzing', () => {
  it(`survives ${SECONDS} s of random and malformed messages: every answer has the error shape, none leaks a stack`, async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/${server.token}/rpc`, { headers: { Origin: `http://127.0.0.1:${server.port}` } });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const problems: string[] = [];
    const problem = (text: string, what: string) => {
      if (problems.length < 20) problems.push(`${what} — in ${text.slice(0, 300)}`);
    };
    /** Answers expected and received per key (`error`, or `result:<id>`), with the codes received. */
    const expected = new Map<string, { count: number; code?: string }>();
    const received = new Map<string, string[]>();
    let errorsChecked = 0;
    ws.on('message', (data, isBinary) => {
      const text = data.toString();
      if (isBinary) return problem(text, 'a binary answer');
      let message: unknown;
      try {
        message = JSON.parse(text);
      } catch {
        return problem(text, 'an answer that is not JSON');
      }
      const answer = classify(message);
      if (typeof answer === 'string') return problem(text, answer);
      const leak = stackProblem(message);
      if (leak) problem(text, leak);
      if ('error' in answer) {
        errorsChecked++;
        const wrong = errorProblem(answer.error);
        if (wrong) problem(text, wrong);
      }
      if (answer.kind === 'result' || answer.kind === 'error') {
        const key = answer.kind === 'error' ? 'error' : `result:${answer.id}`;
        const code = answer.kind === 'result' && answer.ok ? 'ok' : String((answer.error as { code?: unknown }).code);
        received.set(key, [...(received.get(key) ?? []), code]);
      }
    });
    const send = (frame: string | Buffer) => {
      const wants = expectedAnswer(frame);
      if (wants) {
        const entry = expected.get(wants.key) ?? { count: 0, code: wants.code };
        entry.count++;
        expected.set(wants.key, entry);
      }
      ws.send(frame);
    };

    const deadline = Date.now() + SECONDS * 1000;
    let id = 1;
    while (Date.now() < deadline) {
      for (let i = 0; i < 50; i++) send(randomFrame(id++));
      await new Promise((r) => setTimeout(r, 20));
      if (ws.readyState !== WebSocket.OPEN) break;
    }
    expect(ws.readyState).toBe(WebSocket.OPEN);

    // Still serving: a valid call gets its answer.
    const answer = new Promise<unknown>((resolve) => {
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { id?: number };
        if (message.id === 999_999_999) resolve(message);
      });
    });
    send(JSON.stringify({ type: 'invoke', id: 999_999_999, method: 'app.info', params: {} }));
    expect(await answer).toMatchObject({ type: 'result', ok: true, result: { version: 'fuzz' } });

    // Every frame that calls for an answer got exactly one (the calls to the missing engine fail fast).
    const missing = () => [...expected].filter(([key, e]) => (received.get(key)?.length ?? 0) < e.count);
    for (let wait = 0; wait < 100 && missing().length; wait++) await new Promise((r) => setTimeout(r, 100));
    const mismatches = [...new Set([...expected.keys(), ...received.keys()])]
      .map((key) => ({ key, expected: expected.get(key), got: received.get(key) ?? [] }))
      .filter(({ expected, got }) => got.length !== (expected?.count ?? 0) || (expected?.code !== undefined && got.some((code) => code !== expected.code)))
      .slice(0, 10);
    expect(mismatches).toEqual([]);
    expect(problems).toEqual([]);
    // A guard that the checks above ran at all (the malformed frames alone call for error answers).
    expect(errorsChecked).toBeGreaterThan(0);
    ws.close();
  }, (SECONDS + 30) * 1000);
});
