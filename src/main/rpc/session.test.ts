import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../shared/wire';
import { RpcDispatcher } from './dispatcher';
import type { CallHandlers, StreamHandlers, StreamSink } from '../core/handlers';
import { RpcSession } from './session';

function setup() {
  let cleanups = 0;
  const calls = {
    'connections.list': () => [],
  } as unknown as CallHandlers;
  const streams = {
    'connections.status': (_i: unknown, sink: StreamSink<unknown>) => {
      sink.push({ id: 'etcd:x', kind: 'etcd', name: 'x', target: 't', state: 'connecting', facts: {} });
      return () => cleanups++;
    },
  } as unknown as StreamHandlers;
  const sent: ServerMessage[] = [];
  const session = new RpcSession(new RpcDispatcher(calls, streams, { batching: { intervalMs: 1, maxItems: 100, highWater: 100 } }), (m) => sent.push(m));
  return { session, sent, cleanups: () => cleanups };
}

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('RpcSession', () => {
  it.each([
    ['not JSON', '{{{'],
    ['no type', '{"id":1}'],
    ['wrong id', '{"type":"invoke","id":"one","method":"x"}'],
    ['a number', '42'],
    ['null', 'null'],
  ])('answers a malformed frame (%s) with BAD_REQUEST and keeps serving', async (_what, frame) => {
    const { session, sent } = setup();
    session.handleText(frame);
    expect(sent[0]).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    session.handleText(JSON.stringify({ type: 'invoke', id: 7, method: 'connections.list', params: {} }));
    await tick();
    expect(sent[1]).toEqual({ type: 'result', id: 7, ok: true, result: [] });
  });

  it('refuses an oversized frame', () => {
    const { session, sent } = setup();
    session.handleText('x'.repeat(2 * 1024 * 1024));
    expect(sent[0]).toMatchObject({ type: 'error', error: { code: 'BAD_REQUEST', message: expect.stringMatching(/too large/) } });
  });

  it('delivers stream data under the subscription id and cancels streams on unsubscribe and close', async () => {
    const { session, sent, cleanups } = setup();
    session.handleText(JSON.stringify({ type: 'subscribe', id: 3, stream: 'connections.status', params: {} }));
    session.handleText(JSON.stringify({ type: 'subscribe', id: 4, stream: 'connections.status', params: {} }));
    await tick();
    expect(sent.filter((m) => m.id === 3 && m.type === 'data')).toHaveLength(1);
    expect(session.openStreams).toBe(2);
    session.handleText(JSON.stringify({ type: 'unsubscribe', id: 3 }));
    expect(cleanups()).toBe(1);
    session.close();
    expect(cleanups()).toBe(2);
    expect(session.openStreams).toBe(0);
  });
});
