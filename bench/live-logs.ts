import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { openConsolePage } from '../test-support/console-page';
import { docker, dockerArgs, type EngineRef } from '../test-support/docker-cli';
import { countLines, median, nowMs, peakRssMb, profilePage, round, sleep, type BenchResult } from './lib';

/** Runs of each side (ours and the baseline alike); the figures are the medians. */
const RUNS = Math.max(1, Number(process.env.BENCH_LIVE_RUNS ?? 1));
/** How long the console may take to receive a flood before the run gives up (and says how far it got). */
const OURS_TIMEOUT_MS = Number(process.env.BENCH_LIVE_TIMEOUT_MS ?? 90_000);

interface Replica {
  id: string;
}

/** Counts, in the page, the lines the Logs screen holds (kept + dropped), from before the app starts. */
const BUFFER_PROBE = (target: number) => `
(() => {
  const probe = (window.__benchLive = { target: ${target}, last: 0, count: 0 });
  const check = (el) => {
    const n = Number(el.getAttribute('data-lines') || 0) + Number(el.getAttribute('data-dropped') || 0);
    probe.count = n;
    if (n >= probe.target && !probe.last) probe.last = performance.timeOrigin + performance.now();
  };
  new MutationObserver((records) => {
    for (const r of records) if (r.target.getAttribute && r.target.getAttribute('data-testid') === 'log-view') check(r.target);
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-lines', 'data-dropped'] });
})();
`;

/**
 * Replicas that wait, running, for a file in a directory shared with the host (a bind mount),
 * then print `lines` numbered lines with seq as fast as they can and exit. Touching the file
 * starts every replica's flood at the same moment, for the console and for the baseline alike.
 */
function startWaitingReplicas(engine: EngineRef, service: string, count: number, lines: number, gate: string): Replica[] {
  const replicas: Replica[] = [];
  for (let i = 0; i < count; i++) {
    const labels = [`com.docker.compose.project=bench`, `com.docker.compose.service=${service}`, `com.docker.compose.container-number=${i + 1}`];
    const id = docker(
      engine,
      'run', '-d', '--network', 'host', '--log-opt', 'max-size=2g', '-v', `${gate}:/gate`,
      ...labels.flatMap((l) => ['--label', l]),
      '--name', `bench_${service}_${i + 1}`,
      'lab/busybox:1', 'sh', '-c', `while [ ! -e /gate/go ]; do sleep 0.05; done; seq 1 ${lines}`,
    );
    replicas.push({ id });
  }
  return replicas;
}

/** `docker logs -f` of one container, its lines counted; resolves with the count and the time the stream ended. */
function followWithCli(engine: EngineRef, id: string): Promise<{ lines: number; endedAt: number }> {
  return countLines('/usr/bin/docker', [...dockerArgs(engine), 'logs', '-f', id]).then((lines) => ({ lines, endedAt: nowMs() }));
}

function gateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-live-gate-'));
  return dir;
}

/**
 * A live flood followed as it happens (issue 16): replicas of one compose service (or one
 * container) wait running, the follower subscribes, then every replica prints `perReplica`
 * lines at once. Ours: the Logs screen of the service (browser mode, real Chromium over the
 * console's WebSocket; nothing printed before, so the history is empty and the whole flood
 * comes through the live follow) until its buffer counts every line (kept + dropped). The
 * baseline: one `docker logs -f` per replica, in parallel, until each has exited (the
 * replicas exit after their last line). Both from the moment the gate opens to the last line.
 */
export async function measureLiveLogs(
  browser: Browser,
  options: { id: string; title: string; engine: EngineRef; replicas: number; perReplica: number; targetText: string; target?: (ratio: number) => boolean },
): Promise<BenchResult> {
  const total = options.perReplica * options.replicas;
  const cleanup: Array<() => void> = [];
  try {
    const baselineRuns: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const gate = gateDir();
      cleanup.push(() => rmSync(gate, { recursive: true, force: true }));
      const replicas = startWaitingReplicas(options.engine, `livecli${Date.now().toString(36)}`, options.replicas, options.perReplica, gate);
      cleanup.push(() => replicas.forEach((r) => docker(options.engine, 'rm', '-f', r.id)));
      const followers = replicas.map((r) => followWithCli(options.engine, r.id));
      await sleep(1000); // the CLI is attached
      const opened = nowMs();
      writeFileSync(join(gate, 'go'), '');
      const done = await Promise.all(followers);
      const lines = done.reduce((sum, d) => sum + d.lines, 0);
      if (lines !== total) throw new Error(`docker logs -f gave ${lines} lines, not ${total}`);
      baselineRuns.push(Math.max(...done.map((d) => d.endedAt)) - opened);
    }

    const runs: Array<{ ms: number; count: number; mainMb: number; timedOut: boolean }> = [];
    for (let run = 0; run < RUNS; run++) {
      const gate = gateDir();
      cleanup.push(() => rmSync(gate, { recursive: true, force: true }));
      const service = `live${Date.now().toString(36)}`;
      const replicas = startWaitingReplicas(options.engine, service, options.replicas, options.perReplica, gate);
      cleanup.push(() => replicas.forEach((r) => docker(options.engine, 'rm', '-f', r.id)));
      const { app, page, close } = await openConsolePage({ browser });
      try {
        await page.addInitScript(BUFFER_PROBE(total));
        const selection = options.replicas > 1 ? `project=bench&service=${service}` : `engine=${encodeURIComponent(options.engine.name)}&id=${replicas[0]!.id}`;
        await page.goto(`${app.url}#/logs?${selection}`);
        // Every replica followed (the page shows each source's state).
        await page.waitForFunction(
          (n) => Array.from(document.querySelectorAll('[data-testid="log-source"]')).filter((el) => el.getAttribute('data-state') === 'following').length >= n,
          options.replicas,
          { timeout: 30_000, polling: 100 },
        );
        await sleep(1000);
        const stopProfile = await profilePage(page, `page-${options.id}-${run}`);
        const opened = nowMs();
        writeFileSync(join(gate, 'go'), '');
        let timedOut = false;
        await page
          .waitForFunction(() => (window as unknown as { __benchLive: { last: number } }).__benchLive.last > 0, undefined, { timeout: OURS_TIMEOUT_MS, polling: 200 })
          .catch(() => (timedOut = true));
        await stopProfile();
        if (!timedOut) await sleep(1000); // duplicates would show up as a larger count
        const probe = await page.evaluate(() => (window as unknown as { __benchLive: { last: number; count: number } }).__benchLive);
        if (!timedOut && probe.count !== total) throw new Error(`the console's buffer holds ${probe.count} lines (kept + dropped), not ${total}`);
        runs.push({ ms: timedOut ? nowMs() - opened : probe.last - opened, count: probe.count, mainMb: peakRssMb(app.pid), timedOut });
      } finally {
        await close();
      }
    }
    const ours = median(runs.map((r) => r.ms));
    const baseline = median(baselineRuns);
    const ratio = baseline / ours;
    const timedOut = runs.some((r) => r.timedOut);
    const list = (values: number[]) => values.map((v) => round(v)).join(', ');
    return {
      id: options.id,
      title: options.title,
      ours: round(ours),
      baseline: round(baseline),
      baselineName: options.replicas > 1 ? `docker logs -f of the ${options.replicas} replicas in parallel` : 'docker logs -f',
      unit: 'ms',
      ratio: round(ratio, 2),
      target: options.targetText,
      met: timedOut ? false : options.target?.(ratio),
      notes:
        `${total.toLocaleString('en')} lines (seq) printed live${options.replicas > 1 ? ` by ${options.replicas} replicas of one service on one engine` : ' by one container'}, the follower subscribed before; ` +
        `both sides from the moment the replicas start printing to the last line received (ours: in the Logs screen's buffer, kept + dropped; the baseline: docker logs -f exits after the last line); median of ${RUNS} run(s) each.` +
        (timedOut ? ` Ours TIMED OUT after ${OURS_TIMEOUT_MS / 1000} s with ${runs.map((r) => r.count.toLocaleString('en')).join(', ')} of ${total.toLocaleString('en')} lines received: the figure is a lower bound.` : ''),
      extra: {
        lines: total,
        runs: RUNS,
        oursRunsMs: list(runs.map((r) => r.ms)),
        oursLinesReceived: runs.map((r) => r.count).join(', '),
        baselineRunsMs: list(baselineRuns),
        linesPerSecond: Math.round(total / (ours / 1000)),
        baselineLinesPerSecond: Math.round(total / (baseline / 1000)),
        mainPeakRssMb: round(Math.max(...runs.map((r) => r.mainMb))),
      },
    };
  } finally {
    for (const step of cleanup.reverse()) {
      try {
        step();
      } catch {
        // already gone
      }
    }
  }
}
