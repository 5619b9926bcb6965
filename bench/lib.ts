import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** One figure of the report: ours against a baseline measured in the same run. */
export interface BenchResult {
  id: string;
  title: string;
  /** What was measured for the console, in `unit`. */
  ours: number;
  /** The baseline, same unit. */
  baseline: number;
  baselineName: string;
  unit: 'ms' | 'MB';
  /** How many times better (>1) or worse (<1) than the baseline: baseline / ours for times. */
  ratio: number;
  target?: string;
  met?: boolean;
  notes: string;
  extra?: Record<string, number | string>;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const median = (values: number[]) => percentile(values, 50);

/** Runs a command with its output thrown away; resolves with the wall time in ms. */
export function timed(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'ignore'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))));
  });
}

/** Runs a command and counts the lines it writes (stdout and stderr); not for timing. */
export function countLines(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    const count = (chunk: Buffer) => {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    };
    child.stdout.on('data', count);
    child.stderr.on('data', count);
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(lines) : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))));
  });
}

/** Peak resident memory of a process so far (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Samples the page's JS heap every 200 ms; returns a function giving the peak in MB. */
export async function watchHeap(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { __benchHeapPeak: number };
    w.__benchHeapPeak = 0;
    const sample = () => {
      const used = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
      w.__benchHeapPeak = Math.max(w.__benchHeapPeak, used);
    };
    window.setInterval(sample, 200);
    sample();
  });
  return async () => (await page.evaluate(() => (window as unknown as { __benchHeapPeak: number }).__benchHeapPeak)) / 1024 / 1024;
}

/**
 * Records, in the page, when messages arrive on the console's WebSocket and when they are
 * sent (installed before the app loads). Only timestamps and the first bytes are kept.
 */
export const WS_PROBE = `
(() => {
  const log = (window.__benchWs = { received: [], sent: [] });
  const Original = window.WebSocket;
  window.WebSocket = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (typeof event.data === 'string' && log.match && event.data.includes(log.match)) {
          const entry = { t: performance.timeOrigin + performance.now(), painted: 0, text: event.data.slice(0, 4000) };
          log.received.push(entry);
          // The frame after the message: what the app rendered from it is on screen by then.
          requestAnimationFrame(() => requestAnimationFrame(() => (entry.painted = performance.timeOrigin + performance.now())));
        }
      });
    }
    send(data) {
      if (typeof data === 'string' && log.sendMatch && data.includes(log.sendMatch)) log.sent.push({ t: performance.timeOrigin + performance.now(), text: data.slice(0, 400) });
      return super.send(data);
    }
  };
})();
`;

/** Wall-clock time in ms with sub-millisecond precision, comparable with the page's `performance.timeOrigin + now()`. */
export const nowMs = () => performance.timeOrigin + performance.now();

/**
 * With BENCH_PAGE_CPU_PROF_DIR set, starts a CPU profile of the page; the function returned
 * stops it and writes `<name>.cpuprofile` there (without the variable, both do nothing).
 */
export async function profilePage(page: Page, name: string): Promise<() => Promise<void>> {
  const dir = process.env.BENCH_PAGE_CPU_PROF_DIR;
  if (!dir) return async () => undefined;
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.start');
  return async () => {
    const { profile } = await session.send('Profiler.stop');
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
