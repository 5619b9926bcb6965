import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../shared/wire';
import { RpcError } from '../../shared/errors';
import { RpcDispatcher } from './dispatcher';
import type { CallHandlers, StreamHandlers, StreamSink } from '../core/handlers';

const status = { id: 'docker:a', kind: 'docker', name: 'a', target: 'unix:///x', state: 'connected', facts: {} } as const;

function makeDispatcher(overrides: Partial<CallHandlers> = {}) {
  const calls = {
    'app.info': () => ({ name: 'x', version: '1', host: 'browser', profileSource: 'environment', productionEnvironments: [], platform: 'linux' }),
    'connections.list': () => [status],
    'connections.check': () => [status],
    'containers.list': ({ engines }: { engines?: string[] }) => (engines ?? []).map((engine: string) => ({ engine, ok: true as const, containers: [] })),
    ...overrides,
  } as unknown as CallHandlers;
  const streams = {
    'connections.status': (_input: unknown, sink: StreamSink<unknown>) => {
      sink.push(status);
      sink.push({ ...status, state: 'error', error: { code: 'UNAVAILABLE', message: 'down' } });
      const timer = setTimeout(() => sink.end(), 5);
      return () => clearTimeout(timer);
    },
  } as unknown as StreamHandlers;
  return new RpcDispatcher(calls, streams, { validateOutput: true, batching: { intervalMs: 1, maxItems: 1000, highWater: 10 } });
}

describe('RpcDispatcher', () => {
  it('answers a valid call', async () => {
    const reply = await makeDispatcher().invoke('containers.list', { engines: ['e1'] });
    expect(reply).toEqual({ ok: true, result: [{ engine: 'e1', ok: true, containers: [] }] });
  });

  it('applies input defaults when params are missing', async () => {
    const reply = await makeDispatcher().invoke('connections.list', undefined);
    expect(reply.ok).toBe(true);
  });

  it('refuses an unknown call with UNKNOWN_METHOD and the list of known calls', async () => {
    const reply = await makeDispatcher().invoke('containers.explode', {});
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('UNKNOWN_METHOD');
    expect(reply.error.message).toContain('containers.explode');
    expect((reply.error.details as { known: string[] }).known).toContain('containers.list');
  });

  it('refuses malformed input with BAD_REQUEST naming the field', async () => {
    const reply = await makeDispatcher().invoke('containers.list', { engines: 'e1' });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('BAD_REQUEST');
    expect(reply.error.message).toMatch(/engines/);
  });

  it('refuses unexpected fields', async () => {
    const reply = await makeDispatcher().invoke('connections.list', { evil: true });
    expect(reply.ok).toBe(false);
  });

  it('encodes a thrown RpcError as {code, message, details}', async () => {
    const dispatcher = makeDispatcher({ 'connections.check': () => { throw new RpcError('NOT_FOUND', 'No connection with id x', { id: 'x' }); } });
    expect(await dispatcher.invoke('connections.check', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No connection with id x', details: { id: 'x' } },
    });
  });

  it('turns an unexpected exception into INTERNAL without a stack trace', async () => {
    const dispatcher = makeDispatcher({ 'connections.list': () => { throw new TypeError('boom'); } });
    const reply = await dispatcher.invoke('connections.list', {});
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
    expect(JSON.stringify(reply)).not.toContain('at ');
  });

  it('turns an ECONNREFUSED into UNAVAILABLE', async () => {
    const err = Object.assign(new Error('connect ECONNREFUSED /x.sock'), { code: 'ECONNREFUSED' });
    const dispatcher = makeDispatcher({ 'connections.list': () => { throw err; } });
    const reply = await dispatcher.invoke('connections.list', {});
    expect(reply.ok === false && reply.error.code).toBe('UNAVAILABLE');
  });

  it('catches an answer that breaks the contract', async () => {
    const dispatcher = makeDispatcher({ 'connections.list': () => [{ nope: true }] as never });
    const reply = await dispatcher.invoke('connections.list', {});
    expect(reply.ok === false && reply.error.code).toBe('INTERNAL');
  });

  it('streams items in batches and ends once', async () => {
    const events: StreamEvent[] = [];
    await new Promise<void>((resolve) => {
      makeDispatcher().subscribe('connections.status', {}, (event) => {
        events.push(event);
        if (event.type === 'end') resolve();
      });
    });
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ type: 'data', items: [{ state: 'connected' }, { state: 'error' }] });
    expect(events[1]).toEqual({ type: 'end' });
  });

  it('ends an unknown stream with an error event', () => {
    const events: StreamEvent[] = [];
    makeDispatcher().subscribe('logs.nothing', {}, (e) => events.push(e));
    expect(events).toEqual([{ type: 'end', error: expect.objectContaining({ code: 'UNKNOWN_METHOD' }) }]);
  });

  it('runs the cleanup and sends nothing after cancel', async () => {
    const events: StreamEvent[] = [];
    const cancel = makeDispatcher().subscribe('connections.status', {}, (e) => events.push(e));
    cancel();
    await new Promise((r) => setTimeout(r, 20));
    expect(events).toEqual([]);
  });
});
