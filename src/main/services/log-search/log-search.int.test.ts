import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogSearchEvent } from '../../../shared/domain';
import type { StreamEvent } from '../../../shared/wire';
import type { AppContext } from '../../app-context';
import { docker, dockerBoth, type EngineRef } from '../../../../test-support/docker-cli';
import { labProfile } from '../../../../test-support/lab';
import { testContext } from '../../../../test-support/test-context';
import { LogSearchService } from './log-search-service';

const stamp = Date.now().toString(36);
const NEEDLE = `needle-${stamp}-q7`;
const engines = () => labProfile().docker;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `docker logs <c> 2>&1 | grep -c <text>`: the reference count. */
function grepCount(engine: EngineRef, name: string, text: string): number {
  const { stdout, stderr } = dockerBoth(engine, 'logs', name);
  return `${stdout}${stderr}`.split('\n').filter((line) => line.includes(text)).length;
}

async function waitForLine(engine: EngineRef, name: string, text: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!docker(engine, 'logs', '--tail', '3', name).includes(text)) {
    if (Date.now() > deadline) throw new Error(`${name} never printed ${text}`);
    await sleep(250);
  }
}

function runSearch(context: AppContext, input: unknown) {
  const events: LogSearchEvent[] = [];
  return new Promise<{ events: LogSearchEvent[]; end: StreamEvent }>((resolve) => {
    context.dispatcher.subscribe('logs.search', input, (event) => {
      if (event.type === 'data') events.push(...(event.items as LogSearchEvent[]));
      else resolve({ events, end: event });
    });
  });
}

const results = (events: LogSearchEvent[]) => events.filter((e): e is Extract<LogSearchEvent, { kind: 'result' }> => e.kind === 'result');

describe('searching the logs of every container', () => {
  let context: AppContext;
  const planted: Array<{ engine: EngineRef; name: string; id: string; times: number }> = [];
  const ENV = `SRCH${stamp}`;
  const since = new Date(Date.now() - 60_000).toISOString();

  beforeAll(async () => {
    context = await testContext();
    // 10 containers over both engines, each printing the needle a different number of times
    // (on stdout and stderr) among other lines, some long and some with odd bytes.
    for (let i = 0; i < 10; i++) {
      const engine = engines()[i % 2]!;
      const times = i + 1;
      const name = `search_${stamp}_${i}`;
      const script = [
        `i=0; while [ $i -lt 300 ]; do echo "line $i of ${name}"; i=$((i+1)); done`,
        `j=0; while [ $j -lt ${times} ]; do if [ $((j % 2)) -eq 0 ]; then echo "GET /x ${NEEDLE} $j"; else echo "warn ${NEEDLE} $j" >&2; fi; echo "between $j"; j=$((j+1)); done`,
        `printf 'bad \\377\\376 bytes near needle-${stamp}\\n'`,
        "head -c 300000 /dev/zero | tr '\\0' 'x'; echo",
        'echo planted-done',
        'sleep 600',
      ].join('; ');
      const id = docker(engine, 'run', '-d', '--network', 'host', '--name', name, '--label', `environment=${i < 4 ? ENV : `${ENV}-other`}`, 'lab/busybox:1', 'sh', '-c', script);
      planted.push({ engine, name, id, times });
    }
    for (const p of planted) await waitForLine(p.engine, p.name, 'planted-done');
  });

  afterAll(() => {
    for (const p of planted) docker(p.engine, 'rm', '-f', p.name);
    context?.close();
  });

  it('finds the needle in each of the 10 containers, with the count grep -c gives on docker logs', async () => {
    const { events, end } = await runSearch(context, { query: NEEDLE, scope: { kind: 'all' }, since });
    expect(end).toEqual({ type: 'end' });
    const found = results(events);
    for (const p of planted) {
      const result = found.find((r) => r.id === p.id);
      expect(result, p.name).toBeDefined();
      expect(result!.engine).toBe(p.engine.name);
      expect(result!.name).toBe(p.name);
      expect(result!.count).toBe(grepCount(p.engine, p.name, NEEDLE));
      expect(result!.count).toBe(p.times);
      expect(result!.matches).toHaveLength(p.times);
      expect(result!.matches.every((m) => m.text.includes(NEEDLE) && m.text.slice(m.hl![0], m.hl![0] + m.hl![1]) === NEEDLE)).toBe(true);
      if (p.times > 1) expect(result!.matches.some((m) => m.stream === 'err')).toBe(true);
    }
    // Nothing else in the lab prints it.
    expect(found.filter((r) => r.count > 0).map((r) => r.id).sort()).toEqual(planted.map((p) => p.id).sort());
    const summary = events.at(-1)!;
    expect(summary.kind).toBe('summary');
    if (summary.kind === 'summary') {
      expect(summary.matchedContainers).toBe(10);
      expect(summary.matches).toBe(planted.reduce((sum, p) => sum + p.times, 0));
      expect(summary.failed).toBe(0);
    }
    const progress = events.filter((e): e is Extract<LogSearchEvent, { kind: 'progress' }> => e.kind === 'progress');
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
  });

  it('keeps only the first matches, narrows by environment and host, and matches a regex case-insensitively', async () => {
    const byEnv = results((await runSearch(context, { query: `${NEEDLE.toUpperCase()} [0-9]+$`, regex: true, scope: { kind: 'environment', environment: ENV }, since, maxMatches: 2 })).events);
    expect(byEnv.map((r) => r.name).sort()).toEqual(planted.slice(0, 4).map((p) => p.name).sort());
    for (const r of byEnv) {
      const p = planted.find((x) => x.id === r.id)!;
      expect(r.count).toBe(p.times);
      expect(r.matches).toHaveLength(Math.min(2, p.times));
    }
    const engine = engines()[1]!;
    const byHost = results((await runSearch(context, { query: NEEDLE, caseSensitive: true, scope: { kind: 'engine', engine: engine.name }, since })).events);
    expect(byHost.map((r) => r.name).sort()).toEqual(planted.filter((p) => p.engine.name === engine.name).map((p) => p.name).sort());
  });

  it('answers a bad regex with a BAD_REQUEST that says why', async () => {
    const { events, end } = await runSearch(context, { query: 'timeout (', regex: true, scope: { kind: 'all' }, since });
    expect(events).toEqual([]);
    expect(end.type).toBe('end');
    expect(end.type === 'end' && end.error?.code).toBe('BAD_REQUEST');
    expect(end.type === 'end' && end.error?.message).toMatch(/regular expression/);
  });
});

describe('searching large logs', () => {
  let context: AppContext;
  // 800,000 lines in all: held as strings they would take well over the 40 MB budget below.
  const LINES = 200_000;
  const big: Array<{ engine: EngineRef; name: string }> = [];
  const since = new Date(Date.now() - 60_000).toISOString();
  const project = `bigsearch${stamp}`;

  beforeAll(async () => {
    context = await testContext();
    for (let i = 0; i < 4; i++) {
      const engine = engines()[i % 2]!;
      const name = `${project}_seq_${i}`;
      // A log file big enough for all of it (the lab's engines rotate at 3 x 10 MB).
      docker(engine, 'run', '-d', '--network', 'host', '--name', name, '--log-opt', 'max-size=200m', '--log-opt', 'max-file=1', '--label', `com.docker.compose.project=${project}`, '--label', 'com.docker.compose.service=seq', 'lab/busybox:1', 'sh', '-c', `seq 1 ${LINES}; echo seq-done; sleep 600`);
      big.push({ engine, name });
    }
    for (const b of big) await waitForLine(b.engine, b.name, 'seq-done', 240_000);
  }, 300_000);

  afterAll(() => {
    for (const b of big) docker(b.engine, 'rm', '-f', b.name);
    context?.close();
  });

  it('reads 4 x 200k lines with bounded memory and the right counts', async () => {
    const service = new LogSearchService(context.connectors, context.fleet);
    // Numbers of 1..LINES that contain "77": what each container must count.
    let expected = 0;
    for (let n = 1; n <= LINES; n++) if (String(n).includes('77')) expected++;
    const base = process.memoryUsage();
    let peak = 0;
    let peakReads = 0;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak = Math.max(peak, now.heapUsed + now.external - base.heapUsed - base.external);
      peakReads = Math.max(peakReads, service.openReads);
    }, 20);
    const events: LogSearchEvent[] = [];
    await service.run({ query: '77', regex: false, caseSensitive: false, scope: { kind: 'service', project, service: 'seq' }, since, maxMatches: 200 }, new AbortController().signal, (e) => void events.push(e));
    clearInterval(sampler);
    console.log(`peak heap+external growth ${(peak / 1e6).toFixed(1)} MB, peak open reads ${peakReads}`);
    const found = results(events);
    expect(found).toHaveLength(4);
    for (const r of found) {
      expect(r.count).toBe(expected);
      expect(r.lines).toBe(LINES + 1);
      expect(r.matches).toHaveLength(200);
      expect(r.matches[0]!.text).toBe('77');
    }
    expect(peak).toBeLessThan(40 * 1024 * 1024);
    expect(peakReads).toBeLessThanOrEqual(2 * 3);
    expect(service.openReads).toBe(0);
  }, 240_000);

  it('stops every Docker read within 2 s of a cancel', async () => {
    const service = new LogSearchService(context.connectors, context.fleet, { perEngine: 3 });
    const abort = new AbortController();
    let lines = 0;
    const run = service.run({ query: 'never-there', regex: false, caseSensitive: false, scope: { kind: 'service', project, service: 'seq' }, since, maxMatches: 200 }, abort.signal, (e) => {
      if (e.kind === 'progress') lines = e.lines;
      if (e.kind === 'summary') throw new Error('the search ended before the cancel');
    });
    const deadline = Date.now() + 60_000;
    while (lines < 50_000 && Date.now() < deadline) await sleep(20);
    expect(lines).toBeGreaterThan(0);
    expect(service.openReads).toBeGreaterThan(0);
    const cancelledAt = Date.now();
    abort.abort();
    await run;
    while (service.openReads > 0 && Date.now() - cancelledAt < 5000) await sleep(10);
    const took = Date.now() - cancelledAt;
    console.log(`cancel took ${took} ms after ${lines} lines`);
    expect(service.openReads).toBe(0);
    expect(took).toBeLessThan(2000);
  }, 120_000);
});
