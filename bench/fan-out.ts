import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { stringify } from 'yaml';
import { openConsolePage } from '../test-support/console-page';
import { copyImage, docker, dockerArgs, type EngineRef } from '../test-support/docker-cli';
import { startExtraEngine, type ExtraEngine } from '../test-support/extra-engine';
import { labProfile } from '../test-support/lab';
import { testContext } from '../test-support/test-context';
import { median, round, timed, WS_PROBE, type BenchResult } from './lib';

const ENGINES = Number(process.env.BENCH_ENGINES ?? 8);
const PER_ENGINE = Number(process.env.BENCH_CONTAINERS ?? 200);
const LABEL = 'io.ops-console.bench=fanout';

/** Creates `count` containers (created, not started: no process each) on an engine, a few at a time. */
async function createMany(engine: EngineRef, count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await new Promise<void>((resolve, reject) => {
        const child = spawn('docker', [...dockerArgs(engine), 'create', '--network', 'host', '--label', LABEL, '--name', `bench_fan_${i}`, 'lab/busybox:1', 'sleep', '600'], { stdio: 'ignore' });
        child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker create on ${engine.name} exited ${code}`))));
      });
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

function removeMany(engine: EngineRef): void {
  const ids = docker(engine, 'ps', '-aq', '--filter', `label=${LABEL}`).split('\n').filter(Boolean);
  for (let i = 0; i < ids.length; i += 100) docker(engine, 'rm', '-f', ...ids.slice(i, i + 100));
}

/**
 * K engines (the lab's two plus extra real dockerd) with M containers each: time from the
 * console creating its app until every engine's rows from Docker's list are out (the console
 * lists its engines as it starts), against `docker ps -a` run on all the engines in parallel
 * (what a script would do). Also: the Containers screen in Chromium, from its subscribe message
 * until it counts every container.
 */
export async function measureFanOut(browser: Browser, labEngines: EngineRef[]): Promise<BenchResult> {
  const extras: ExtraEngine[] = [];
  const engines: EngineRef[] = [...labEngines];
  try {
    for (let i = labEngines.length; i < ENGINES; i++) {
      const extra = await startExtraEngine();
      extras.push(extra);
      const ref: EngineRef = { name: `bench-engine-${i + 1}`, host: extra.host };
      copyImage(labEngines[0]!, ref, 'lab/busybox:1');
      engines.push(ref);
    }
    const existing = engines.map((e) => docker(e, 'ps', '-aq').split('\n').filter(Boolean).length);
    await Promise.all(engines.map((e, i) => createMany(e, Math.max(0, PER_ENGINE - existing[i]!))));
    const expected = engines.reduce((sum, e) => sum + docker(e, 'ps', '-aq').split('\n').filter(Boolean).length, 0);

    // Baselines (median of 3 rounds each): docker ps -a on every engine at once, as a script would
    // do it (the target); one after the other; the slowest engine alone.
    const rounds: number[][] = [];
    const parallelRounds: number[] = [];
    for (let r = 0; r < 3; r++) {
      const times: number[] = [];
      for (const e of engines) times.push(await timed('docker', [...dockerArgs(e), 'ps', '-a']));
      rounds.push(times);
      const started = performance.now();
      await Promise.all(engines.map((e) => timed('docker', [...dockerArgs(e), 'ps', '-a'])));
      parallelRounds.push(performance.now() - started);
    }
    const parallel = median(parallelRounds);
    const sequential = median(rounds.map((times) => times.reduce((a, b) => a + b, 0)));
    const slowestSingle = median(rounds.map((times) => Math.max(...times)));

    const dir = mkdtempSync(join(tmpdir(), 'ops-bench-fan-'));
    const profile = { ...labProfile(), docker: engines };
    writeFileSync(join(dir, 'connections.yaml'), stringify(profile));
    const runs: number[] = [];
    const detailedRuns: number[] = [];
    for (let run = 0; run < 3; run++) {
      // Without the background stats recorder, the engines are first listed when the screen subscribes.
      const { app, page, close } = await openConsolePage({ browser, profilePath: join(dir, 'connections.yaml'), env: { OPS_CONSOLE_RECORD_STATS: '0' } });
      try {
        await page.addInitScript(`${WS_PROBE}; window.__benchWs.sendMatch = '"containers.fleet"';`);
        await page.goto(`${app.url}#/containers`);
        await page.waitForFunction((n) => Number(document.querySelector('[data-testid="container-count"]')?.getAttribute('data-total') ?? 0) >= n, expected, { timeout: 120_000, polling: 'raf' });
        const done = await page.evaluate(() => performance.timeOrigin + performance.now());
        const subscribed = await page.evaluate(() => (window as unknown as { __benchWs: { sent: Array<{ t: number }> } }).__benchWs.sent[0]?.t ?? 0);
        runs.push(done - subscribed);
        // The rows come from Docker's list; environment, restarts and ports follow from an inspect each.
        await page.waitForFunction(() => document.querySelector('[data-testid="container-count"]')?.getAttribute('data-details-pending') === 'false', undefined, { timeout: 120_000, polling: 'raf' });
        detailedRuns.push((await page.evaluate(() => performance.timeOrigin + performance.now())) - subscribed);
      } finally {
        await close();
      }
    }
    const drawn = median(runs);
    const detailed = median(detailedRuns);
    // The fan-out itself: the console's own fleet, from creating its app until every engine's rows
    // from Docker's list are out (the page figure above depends on how far the console had started
    // when the page subscribed, since the console lists its engines as it starts).
    const listedRuns: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const context = await testContext(stringify(profile));
      try {
        const listed = new Set<string>();
        let off = () => undefined as void;
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`only ${listed.size} of ${engines.length} engines listed within 60 s`)), 60_000);
          off = context.fleet.subscribe((event) => {
            if (event.kind !== 'snapshot') return;
            listed.add(event.engine);
            if (listed.size < engines.length) return;
            clearTimeout(timer);
            resolve();
          });
        });
        off();
        listedRuns.push(performance.now() - started);
      } finally {
        context.close();
      }
    }
    const ours = median(listedRuns);
    return {
      id: 'fan-out',
      title: `Fan-out: fleet listed, ${engines.length} engines × ${PER_ENGINE} containers`,
      ours: round(ours),
      baseline: round(parallel),
      baselineName: `docker ps -a on the ${engines.length} engines in parallel`,
      unit: 'ms',
      ratio: round(parallel / ours, 2),
      target: '≤ 1.5 × docker ps -a on all engines in parallel',
      met: ours <= 1.5 * parallel,
      notes: `${expected.toLocaleString('en')} containers (created, not started) on ${engines.length} real engines (${labEngines.length} of the lab, ${extras.length} extra dockerd on unix sockets); ours is from the console creating its app to every engine's rows from Docker's list being out (median of 3, a fresh app context each), ${round(ours / parallel, 2)}× of \`docker ps -a\` on all engines in parallel (${round(parallel)} ms). In Chromium, from the Containers screen's subscribe message to it counting them all: ${round(drawn)} ms (median of 3, fresh console each; it includes whatever of the console's start was still running when the page subscribed). Also measured: one after the other ${round(sequential)} ms; the slowest engine alone ${round(slowestSingle)} ms. The rows are Docker's list (what \`docker ps\` shows); each container's inspect data (environment, restart count, exit code, ports) fills in after, complete at ${round(detailed)} ms (${round(detailed / parallel, 2)}× of the parallel CLI).`,
      extra: { containers: expected, drawnInPageMs: round(drawn), parallelMs: round(parallel), sequentialMs: round(sequential), slowestSingleMs: round(slowestSingle), oursOverParallel: round(ours / parallel, 2), detailsCompleteMs: round(detailed) },
    };
  } finally {
    for (const e of engines) {
      try {
        removeMany(e);
      } catch {
        // an engine that went away takes its containers with it
      }
    }
    for (const extra of extras) await extra.stop();
  }
}
