import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecEvent } from '../../../shared/domain';
import type { StreamEvent } from '../../../shared/wire';
import type { AppContext } from '../../app-context';
import { testContext } from '../../../../test-support/test-context';
import { docker } from '../../../../test-support/docker-cli';
import { labProfile } from '../../../../test-support/lab';

function openSession(context: AppContext, params: Record<string, unknown>) {
  const events: ExecEvent[] = [];
  let ended: StreamEvent | undefined;
  const cancel = context.dispatcher.subscribe('exec.session', params, (event) => {
    if (event.type === 'data') events.push(...(event.items as ExecEvent[]));
    else ended = event;
  });
  const output = () => events.filter((e): e is Extract<ExecEvent, { kind: 'data' }> => e.kind === 'data').map((e) => e.data).join('');
  const session = () => events.find((e): e is Extract<ExecEvent, { kind: 'started' }> => e.kind === 'started')?.session;
  const until = async (check: () => boolean, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out; output=${JSON.stringify(output())} ended=${JSON.stringify(ended)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const type = (data: string) => context.dispatcher.invoke('exec.input', { session: session(), data });
  return { events, output, session, until, type, cancel, get ended() { return ended; } };
}

describe('exec sessions in lab containers (every kind of engine connection)', () => {
  let context: AppContext;
  const name = `exec-test-${Date.now()}`;
  const prodName = `exec-prod-${Date.now()}`;

  beforeAll(async () => {
    for (const engine of labProfile().docker) {
      docker(engine, 'run', '-d', '--network', 'host', '--name', name, '-e', 'ENVIRONMENT=PRE', 'lab/busybox:1', 'sleep', '600');
    }
    docker(labProfile().docker[0]!, 'run', '-d', '--network', 'host', '--name', prodName, '-e', 'ENVIRONMENT=PROD', 'lab/busybox:1', 'sleep', '600');
    context = await testContext();
  });
  afterAll(() => {
    for (const engine of labProfile().docker) {
      for (const n of [name, prodName]) {
        try {
          docker(engine, 'rm', '-f', n);
        } catch {
          // not on this engine
        }
      }
    }
    context?.close();
  });

  it.each([0, 1])('runs echo, stty size after a resize, and reports exit 3 (engine %i)', async (index) => {
    const engine = labProfile().docker[index]!;
    const s = openSession(context, { engine: engine.name, id: name, cols: 80, rows: 24 });
    await s.until(() => !!s.session());
    expect(s.events[0]).toMatchObject({ kind: 'started', command: ['sh'] }); // no bash in busybox: sh is next
    await s.type('echo hello-$((6*7))\n');
    await s.until(() => s.output().includes('hello-42'));
    expect(await context.dispatcher.invoke('exec.resize', { session: s.session(), cols: 120, rows: 40 })).toEqual({ ok: true, result: { ok: true } });
    await s.type('stty size\n');
    await s.until(() => s.output().includes('40 120'));
    await s.type('exit 3\n');
    await s.until(() => s.ended !== undefined);
    expect(s.events[s.events.length - 1]).toMatchObject({ kind: 'exit', code: 3 });
    const [audit] = await context.audit.list(1);
    expect(audit).toMatchObject({ action: 'exec', target: name, result: 'ok', params: { command: ['sh'] } });
  });

  it('ends the session with a clear message when the container dies', async () => {
    const engine = labProfile().docker[0]!;
    const s = openSession(context, { engine: engine.name, id: name, command: ['sh'] });
    await s.until(() => !!s.session());
    docker(engine, 'kill', name);
    await s.until(() => s.ended !== undefined);
    expect(s.events[s.events.length - 1]).toMatchObject({ kind: 'exit', message: expect.stringMatching(/container stopped/) });
    expect(await s.type('echo late\n')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a stopped container clearly, and a production one without the typed name', async () => {
    const engine = labProfile().docker[0]!;
    const stopped = openSession(context, { engine: engine.name, id: name });
    await stopped.until(() => stopped.ended !== undefined);
    expect(stopped.ended).toMatchObject({ type: 'end', error: { code: 'CONFLICT', message: expect.stringMatching(/not running/) } });

    const prod = openSession(context, { engine: engine.name, id: prodName });
    await prod.until(() => prod.ended !== undefined);
    expect(prod.ended).toMatchObject({ type: 'end', error: { code: 'FORBIDDEN' } });
    const confirmed = openSession(context, { engine: engine.name, id: prodName, confirmName: prodName });
    await confirmed.until(() => !!confirmed.session());
    confirmed.cancel();
  });
});
