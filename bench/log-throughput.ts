import type { Browser } from 'playwright-core';
import { openConsolePage } from '../test-support/console-page';
import { docker, dockerArgs, type EngineRef } from '../test-support/docker-cli';
import { countLines, median, peakRssMb, profilePage, round, sleep, timed, type BenchResult } from './lib';

/** Runs of each side (ours and the baseline alike); the figures are the medians. */
const RUNS = Math.max(1, Number(process.env.BENCH_LOG_RUNS ?? 3));

interface Replica {
  engine: EngineRef;
  id: string;
}

/** Counts, in the page, the lines the Logs screen holds (kept + dropped), from before the app starts. */
const BUFFER_PROBE = (target: number) => `
(() => {
  const probe = (window.__benchLogs = { target: ${target}, first: 0, last: 0, count: 0, heapPeak: 0 });
  const heap = () => { const m = performance.memory; if (m) probe.heapPeak = Math.max(probe.heapPeak, m.usedJSHeapSize); };
  setInterval(heap, 200);
  const check = (el) => {
    const n = Number(el.getAttribute('data-lines') || 0) + Number(el.getAttribute('data-dropped') || 0);
    probe.count = n;
    const t = performance.timeOrigin + performance.now();
    if (n > 0 && !probe.first) probe.first = t;
    if (n >= probe.target && !probe.last) { probe.last = t; heap(); }
  };
  new MutationObserver((records) => {
    for (const r of records) if (r.target.getAttribute && r.target.getAttribute('data-testid') === 'log-view') check(r.target);
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-lines', 'data-dropped'] });
})();
`;

/** A container that prints `lines` numbered lines as fast as busybox awk can, then exits. */
function printer(engine: EngineRef, name: string, lines: number, labels: string[] = []): string {
  const script = `BEGIN { for (i = 1; i <= ${lines}; i++) printf "%d 2026-11-24T00:00:00Z INFO bench payload of a typical service log line, request served\\n", i }`;
  return docker(engine, 'run', '-d', '--network', 'host', '--log-opt', 'max-size=2g', ...labels.flatMap((l) => ['--label', l]), '--name', name, 'lab/busybox:1', 'awk', script);
}

async function waitExited(replicas: Replica[]): Promise<void> {
  for (const r of replicas) {
    for (let i = 0; docker(r.engine, 'inspect', '-f', '{{.State.Running}}', r.id) !== 'false'; i++) {
      if (i > 1200) throw new Error(`container ${r.id} did not finish printing`);
      await sleep(100);
    }
  }
}

/**
 * Time for the console to bring a whole finished log into the renderer's buffer (opening the
 * view to the last line, browser mode, real Chromium) against `docker logs` of the same
 * container(s) to /dev/null (run in parallel for several replicas), measured the same way:
 * the same containers and line count on both sides (each side's count is checked, so a ratio
 * is never reported for different work), RUNS runs of each, the ratio of the two medians.
 */
export async function measureLogs(
  browser: Browser,
  options: { id: string; title: string; engines: EngineRef[]; replicas: number; lines: number; target?: (ratio: number, rendererMb: number) => boolean; targetText: string },
): Promise<BenchResult> {
  const stamp = Date.now().toString(36);
  const perReplica = Math.ceil(options.lines / options.replicas);
  const total = perReplica * options.replicas;
  const service = `flood${stamp}`;
  const replicas: Replica[] = [];
  const started = new Date(Date.now() - 2000).toISOString();
  try {
    for (let i = 0; i < options.replicas; i++) {
      const engine = options.engines[i % options.engines.length]!;
      const labels = options.replicas > 1 ? [`com.docker.compose.project=bench`, `com.docker.compose.service=${service}`, `com.docker.compose.container-number=${i + 1}`] : [];
      replicas.push({ engine, id: printer(engine, `bench_${service}_${i + 1}`, perReplica, labels) });
    }
    await waitExited(replicas);

    // The baseline's line count, once and untimed (counting would slow the timed runs down).
    const baselineLines = (await Promise.all(replicas.map((r) => countLines('docker', [...dockerArgs(r.engine), 'logs', r.id])))).reduce((a, b) => a + b, 0);
    if (baselineLines !== total) throw new Error(`docker logs gave ${baselineLines} lines, not ${total}`);

    // Baseline: docker logs of each replica to /dev/null, all at once.
    const baselineRuns: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      await Promise.all(replicas.map((r) => timed('docker', [...dockerArgs(r.engine), 'logs', r.id])));
      baselineRuns.push(performance.now() - t0);
    }

    // Ours: a fresh console each run (clean peak memory), the Logs screen opened on the whole range.
    const runs: Array<{ openToLast: number; firstToLast: number; rendererMb: number; mainMb: number }> = [];
    for (let run = 0; run < RUNS; run++) {
      const { app, page, close } = await openConsolePage({ browser });
      try {
        await page.addInitScript(BUFFER_PROBE(total));
        const selection = options.replicas > 1 ? `project=bench&service=${service}` : `engine=${encodeURIComponent(replicas[0]!.engine.name)}&id=${replicas[0]!.id}`;
        const opened = performance.timeOrigin + performance.now();
        const stopProfile = await profilePage(page, `page-${options.id}-${run}`);
        await page.goto(`${app.url}#/logs?${selection}&since=${encodeURIComponent(started)}`);
        await page.waitForFunction(() => (window as unknown as { __benchLogs: { last: number } }).__benchLogs.last > 0, undefined, { timeout: 600_000, polling: 500 });
        await stopProfile();
        // A moment more: lines beyond the total (duplicates) would show up as a larger count.
        await sleep(1000);
        const probe = await page.evaluate(() => (window as unknown as { __benchLogs: { first: number; last: number; count: number; heapPeak: number } }).__benchLogs);
        if (probe.count !== total) throw new Error(`the console's buffer holds ${probe.count} lines (kept + dropped), not ${total}`);
        runs.push({ openToLast: probe.last - opened, firstToLast: probe.last - probe.first, rendererMb: probe.heapPeak / 1024 / 1024, mainMb: peakRssMb(app.pid) });
      } finally {
        await close();
      }
    }
    const ours = median(runs.map((r) => r.openToLast));
    const baseline = median(baselineRuns);
    const ratio = baseline / ours;
    const rendererMb = Math.max(...runs.map((r) => r.rendererMb));
    const list = (values: number[]) => values.map((v) => round(v)).join(', ');
    return {
      id: options.id,
      title: options.title,
      ours: round(ours),
      baseline: round(baseline),
      baselineName: options.replicas > 1 ? `docker logs of the ${options.replicas} replicas in parallel, to /dev/null` : 'docker logs to /dev/null',
      unit: 'ms',
      ratio: round(ratio, 2),
      target: options.targetText,
      met: options.target?.(ratio, rendererMb),
      notes: `${total.toLocaleString('en')} lines on both sides${options.replicas > 1 ? ` from ${options.replicas} replicas on ${options.engines.length} engines` : ''}; median of ${RUNS} runs each, ratio of the medians; ours is from opening the view to the last line in the renderer's buffer (fresh console each run), the baseline from starting docker logs to its exit.`,
      extra: {
        lines: total,
        runs: RUNS,
        oursRunsMs: list(runs.map((r) => r.openToLast)),
        baselineRunsMs: list(baselineRuns),
        firstToLastMedianMs: round(median(runs.map((r) => r.firstToLast))),
        linesPerSecond: Math.round(total / (ours / 1000)),
        baselineLinesPerSecond: Math.round(total / (baseline / 1000)),
        rendererHeapPeakMb: round(rendererMb),
        mainPeakRssMb: round(Math.max(...runs.map((r) => r.mainMb))),
      },
    };
  } finally {
    for (const r of replicas) docker(r.engine, 'rm', '-f', r.id);
  }
}
