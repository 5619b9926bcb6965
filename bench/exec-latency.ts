import { spawn } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { startConsole } from '../e2e/support/console';
import { docker, type EngineRef } from '../src/main/testing/docker-cli';
import { labProfilePath } from '../src/main/testing/lab-profile';
import { dockerArgs, nowMs, percentile, round, sleep, WS_PROBE, type BenchResult } from './lib';

const KEYS = Number(process.env.BENCH_KEYS ?? 200);

/** `docker exec -i <id> cat` through the CLI: one byte written, the same byte read back, KEYS times. */
async function cliRoundTrips(engine: EngineRef, id: string): Promise<number[]> {
  const child = spawn('docker', [...dockerArgs(engine), 'exec', '-i', id, 'cat'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const times: number[] = [];
  let waiting: (() => void) | undefined;
  child.stdout.on('data', () => waiting?.());
  await sleep(1500); // let the exec start
  for (let i = 0; i < KEYS + 5; i++) {
    const started = nowMs();
    await new Promise<void>((resolve) => {
      waiting = resolve;
      child.stdin.write('x\n');
    });
    if (i >= 5) times.push(nowMs() - started); // the first few warm the path up
  }
  child.stdin.end();
  child.kill();
  return times;
}

interface Probe {
  sent: Array<{ t: number; text: string }>;
  received: Array<{ t: number; painted: number; text: string }>;
  match?: string;
}

/**
 * Keystroke to echo in the Terminal screen (browser mode, xterm.js, a TTY shell), p50 and
 * p99: from the keystroke leaving the renderer to its echo back in the renderer and painted,
 * against the same round trip through the docker CLI (`docker exec -i … cat`).
 */
export async function measureExec(browser: Browser, engine: EngineRef): Promise<BenchResult> {
  const name = `bench_exec_${Date.now().toString(36)}`;
  const id = docker(engine, 'run', '-d', '--network', 'host', '--name', name, 'lab/busybox:1', 'sleep', '3600');
  const app = await startConsole(labProfilePath());
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    const baselineTimes = await cliRoundTrips(engine, id);
    await page.addInitScript(`${WS_PROBE}; window.__benchWs.sendMatch = '"exec.';`);
    await page.goto(`${app.url}#/terminal?engine=${encodeURIComponent(engine.name)}&id=${id}`);
    await page.locator('[data-testid="exec-confirm"]').click({ timeout: 15_000 });
    const terminal = page.locator('[data-testid="terminal"]').last();
    await terminal.waitFor({ timeout: 15_000 });
    for (let i = 0; !(await terminal.getAttribute('data-session')); i++) {
      if (i > 150) throw new Error('the exec session did not start');
      await sleep(100);
    }
    // Follow only this session's stream from now on.
    const subscribe = await page.evaluate(() => (window as unknown as { __benchWs: Probe }).__benchWs.sent.find((s) => s.text.includes('"exec.session"'))?.text ?? '');
    const streamId = (JSON.parse(subscribe) as { id: string }).id;
    await page.evaluate((sid) => ((window as unknown as { __benchWs: Probe }).__benchWs.match = `"id":${JSON.stringify(sid)},`), streamId);
    await terminal.click();
    await sleep(1000);
    const ours: number[] = [];
    const arrivals: number[] = [];
    for (let i = 0; i < KEYS + 5; i++) {
      const before = await page.evaluate(() => {
        const probe = (window as unknown as { __benchWs: Probe }).__benchWs;
        return { sent: probe.sent.length, received: probe.received.length };
      });
      await page.keyboard.press('x');
      const deadline = Date.now() + 5000;
      for (;;) {
        const result = await page.evaluate((b) => {
          const probe = (window as unknown as { __benchWs: Probe }).__benchWs;
          const sent = probe.sent.slice(b.sent).find((s) => s.text.includes('"exec.input"'));
          const echo = sent && probe.received.slice(b.received).find((r) => r.t >= sent.t && r.painted > 0);
          return sent && echo ? [echo.painted - sent.t, echo.t - sent.t] : undefined;
        }, before);
        if (result !== undefined) {
          if (i >= 5) {
            ours.push(result[0]!);
            arrivals.push(result[1]!);
          }
          break;
        }
        if (Date.now() > deadline) throw new Error(`keystroke ${i}: no echo within 5 s`);
        await sleep(1);
      }
    }
    const p50 = percentile(ours, 50);
    const p99 = percentile(ours, 99);
    const cli99 = percentile(baselineTimes, 99);
    return {
      id: 'exec-latency',
      title: `Exec latency, keystroke to echo, ${ours.length} keystrokes (p99)`,
      ours: round(p99, 1),
      baseline: round(cli99, 1),
      baselineName: '`docker exec -i … cat` through the CLI, byte written to byte read (p99)',
      unit: 'ms',
      ratio: round(cli99 / p99, 2),
      target: 'p99 < 20 ms',
      met: p99 < 20,
      notes: `from the renderer sending the keystroke (exec.input) to the shell's echo arriving in the renderer and the second animation frame after it (painted), TTY shell in a lab container on ${engine.name}; p50 ${round(p50, 1)} ms; CLI p50 ${round(percentile(baselineTimes, 50), 1)} ms.`,
      extra: { p50Ms: round(p50, 1), p99Ms: round(p99, 1), arrivalP50Ms: round(percentile(arrivals, 50), 1), arrivalP99Ms: round(percentile(arrivals, 99), 1), cliP50Ms: round(percentile(baselineTimes, 50), 1), cliP99Ms: round(cli99, 1) },
    };
  } finally {
    await page.close();
    await app.stop();
    docker(engine, 'rm', '-f', id);
  }
}
