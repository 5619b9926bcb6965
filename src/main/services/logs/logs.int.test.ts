import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linesOf, type LogEvent, type LogExportEvent } from '../../../shared/domain';
import type { StreamEvent } from '../../../shared/wire';
import type { AppContext } from '../../app-context';
import { testContext } from '../../../../test-support/test-context';
import { copyImage, docker, dockerBoth, dockerPs, type EngineRef } from '../../../../test-support/docker-cli';
import { startExtraEngine, type ExtraEngine } from '../../../../test-support/extra-engine';
import { labProfile, steadyDemoReplicas } from '../../../../test-support/lab';
import { normaliseTimestamp } from './log-frames';

const lab = () => labProfile().docker;

/** `docker logs --timestamps` of one container as "ts text" lines (stdout and stderr). */
function dockerLogs(engine: EngineRef, id: string, args: string[] = []): string[] {
  const { stdout, stderr } = dockerBoth(engine, 'logs', '--timestamps', ...args, id);
  return `${stdout}${stderr}`
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const space = line.indexOf(' ');
      return `${normaliseTimestamp(line.slice(0, space))} ${line.slice(space + 1)}`;
    })
    .sort();
}

function collect(context: AppContext, stream: 'logs.tail' | 'logs.export', params: unknown) {
  const events: Array<LogEvent | LogExportEvent> = [];
  let ended: StreamEvent | undefined;
  const cancel = context.dispatcher.subscribe(stream, params, (event) => {
    if (event.type === 'data') events.push(...(event.items as LogEvent[]));
    else ended = event;
  });
  return {
    events,
    cancel,
    lines: () => (events as LogEvent[]).flatMap((e) => linesOf(e)).map(([src, ts, s, m]) => ({ src, ts, s, m })),
    async until(check: () => boolean, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out; ended=${JSON.stringify(ended)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    get ended() {
      return ended;
    },
  };
}


describe('merged service logs against the lab', () => {
  let context: AppContext;
  beforeAll(async () => {
    context = await testContext();
  });
  afterAll(() => context?.close());

  it("equal the union of docker logs --timestamps of the service's replicas, in order, nothing missing or doubled", async () => {
    const until = new Date(Date.now() - 1000).toISOString();
    const view = collect(context, 'logs.tail', { selection: { service: { project: 'prod', service: 'search' } }, since: '2000-01-01T00:00:00Z', until, follow: false });
    await view.until(() => view.ended !== undefined);
    expect(view.ended).toEqual({ type: 'end' });

    const replicas = lab().flatMap((engine) => dockerPs(engine).filter((c) => c.service === 'search' && c.name.startsWith('prod_')).map((c) => ({ engine, ...c })));
    expect(replicas.length).toBeGreaterThanOrEqual(2);
    const expected = replicas.flatMap((r) => dockerLogs(r.engine, r.id, ['--until', until]).map((l) => `${r.engine.name}/${r.id} ${l}`)).sort();
    const lines = view.lines();
    const container = new Map(view.events.filter((e): e is Extract<LogEvent, { kind: 'source' }> => !Array.isArray(e) && 'kind' in e && e.kind === 'source').map((e) => [e.src, `${e.engine}/${e.id}`]));
    const got = lines.map((l) => `${container.get(l.src)} ${l.ts} ${l.m}`);
    expect(got.length).toBeGreaterThan(10);
    expect([...got].sort()).toEqual(expected);
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.ts >= lines[i - 1]!.ts).toBe(true);
    expect(new Set(lines.map((l) => l.src)).size).toBe(replicas.length);
    expect(lines.some((l) => l.s === 'err')).toBe(true);
  });

  it('exports a range that equals docker logs for that range', async () => {
    const engine = lab()[0]!;
    const replica = steadyDemoReplicas(engine)[0]!;
    const since = new Date(Date.now() - 20_000).toISOString();
    const until = new Date(Date.now() - 2_000).toISOString();
    const view = collect(context, 'logs.export', { selection: { containers: [{ engine: engine.name, id: replica.id }] }, since, until, format: 'text' });
    await view.until(() => view.ended !== undefined);
    const text = view.events.filter((e): e is Extract<LogExportEvent, { kind: 'chunk' }> => !Array.isArray(e) && e.kind === 'chunk').map((e) => e.data).join('');
    const got = text.split('\n').filter(Boolean).map((line) => {
      const [ts, where, _stream, ...rest] = line.split(' ');
      expect(where).toBe(`${engine.name}/${replica.name}`);
      return `${ts} ${rest.join(' ')}`;
    });
    expect(got.length).toBeGreaterThan(5);
    expect([...got].sort()).toEqual(dockerLogs(engine, replica.id, ['--since', since, '--until', until]));
    for (let i = 1; i < got.length; i++) expect(got[i]!.slice(0, 30) >= got[i - 1]!.slice(0, 30)).toBe(true);
    const done = view.events.find((e) => !Array.isArray(e) && e.kind === 'done');
    expect(done).toMatchObject({ kind: 'done', lines: got.length });
  });
});

describe('following logs across an engine restart', () => {
  let extra: ExtraEngine;
  let context: AppContext;
  const ref = () => ({ name: 'extra-engine', host: extra.host });

  beforeAll(async () => {
    extra = await startExtraEngine();
    copyImage(lab()[0]!, ref(), 'lab/busybox:1');
    context = await testContext(`docker:\n  - name: extra-engine\n    host: ${extra.host}\n`);
  }, 120_000);
  afterAll(async () => {
    context?.close();
    await extra?.stop();
  });

  it('loses and doubles nothing, and says it is reconnecting', async () => {
    const id = docker(ref(), 'run', '-d', '--network', 'host', '--restart', 'always', '--name', 'counter', 'lab/busybox:1', 'sh', '-c', 'i=0; while true; do i=$((i+1)); echo "line $i"; echo "err $i" >&2; sleep 0.1; done');
    const view = collect(context, 'logs.tail', { selection: { containers: [{ engine: 'extra-engine', id }] }, tail: 5, follow: true });
    await view.until(() => view.lines().length >= 20);

    await extra.halt();
    await view.until(() => view.events.some((e) => !Array.isArray(e) && e.kind === 'source' && (e.state === 'reconnecting' || e.state === 'stopped')));
    await extra.resume();
    const before = view.lines().length;
    await view.until(() => view.lines().length >= before + 20, 30_000);
    view.cancel();

    const lines = view.lines();
    const lastTs = lines[lines.length - 1]!.ts;
    const firstTs = lines[0]!.ts;
    const expected = dockerLogs(ref(), id).filter((l) => l.slice(0, 30) >= firstTs && l.slice(0, 30) <= lastTs);
    const got = lines.map((l) => `${l.ts} ${l.m}`);
    expect([...got].sort()).toEqual(expected);
    expect(new Set(got).size).toBe(got.length);
  });
});
