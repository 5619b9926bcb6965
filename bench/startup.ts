import type { Browser, Page } from 'playwright-core';
import { openConsolePage } from '../test-support/console-page';
import { dockerArgs, type EngineRef } from '../test-support/docker-cli';
import { median, nowMs, round, timed, type BenchResult } from './lib';

interface FirstScreen {
  id: string;
  title: string;
  hash: string;
  /** True once the screen shows data, not a spinner. */
  drawn: (page: Page, engines: number) => Promise<unknown>;
  target?: number;
}

const SCREENS: FirstScreen[] = [
  {
    id: 'startup',
    title: 'Start-up to the first screen with data (browser mode; Incidents, the screen it opens on)',
    hash: '',
    drawn: (page) => page.waitForFunction(() => document.querySelector('[data-testid="incident-title"], [data-testid="all-clear"]') !== null, undefined, { timeout: 60_000, polling: 'raf' }),
    target: 1500,
  },
  {
    id: 'startup-topology',
    title: 'Start-up straight to Topology (browser mode)',
    hash: '#/topology',
    drawn: (page, engines) =>
      page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="topology-node"][data-kind="service"]').length > 0 && document.querySelectorAll('[data-testid="topology-node"][data-kind="engine"]').length >= n,
        engines,
        { timeout: 60_000, polling: 'raf' },
      ),
  },
];

/**
 * From launching the console (browser mode: `node out/main/web.js`) to its first screen
 * showing data in Chromium, against running `docker ps -a` on each lab engine one after the
 * other (the first look without the console). The phases (console listening, page loaded) are
 * in the notes: they say where the time goes.
 */
export async function measureStartup(browser: Browser, engines: EngineRef[]): Promise<BenchResult[]> {
  const baselineRuns: number[] = [];
  for (let run = 0; run < 3; run++) {
    let total = 0;
    for (const engine of engines) total += await timed('docker', [...dockerArgs(engine), 'ps', '-a']);
    baselineRuns.push(total);
  }
  const baseline = median(baselineRuns);
  const results: BenchResult[] = [];
  for (const screen of SCREENS) {
    const runs: Array<{ total: number; listening: number; loaded: number }> = [];
    for (let run = 0; run < 3; run++) {
      const launched = nowMs();
      const { app, page, close } = await openConsolePage({ browser });
      const listening = nowMs() - launched;
      try {
        await page.goto(`${app.url}${screen.hash}`, { waitUntil: 'domcontentloaded' });
        const loaded = nowMs() - launched;
        await screen.drawn(page, engines.length);
        runs.push({ total: nowMs() - launched, listening, loaded });
      } finally {
        await close();
      }
    }
    const ours = median(runs.map((r) => r.total));
    results.push({
      id: screen.id,
      title: screen.title,
      ours: round(ours),
      baseline: round(baseline),
      baselineName: `docker ps -a on the ${engines.length} lab engines, one after the other`,
      unit: 'ms',
      ratio: round(baseline / ours, 2),
      ...(screen.target ? { target: `< ${screen.target} ms`, met: ours < screen.target } : {}),
      notes: `median of 3, from spawning \`node out/main/web.js\` to the screen drawing its data; the console listening after ${round(median(runs.map((r) => r.listening)))} ms (median), the page loaded (DOMContentLoaded) after ${round(median(runs.map((r) => r.loaded)))} ms.`,
      extra: { listeningMs: round(median(runs.map((r) => r.listening))), pageLoadedMs: round(median(runs.map((r) => r.loaded))) },
    });
  }
  return results;
}
