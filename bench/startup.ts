import type { Browser } from 'playwright-core';
import { openConsolePage } from '../test-support/console-page';
import { dockerArgs, type EngineRef } from '../test-support/docker-cli';
import { median, nowMs, round, timed, type BenchResult } from './lib';

/**
 * From launching the console (browser mode: `node out/main/web.js`) to its first screen
 * showing data (the Topology map with every engine drawn) in Chromium, against running
 * `docker ps -a` on each lab engine one after the other (the first look without the console).
 */
export async function measureStartup(browser: Browser, engines: EngineRef[]): Promise<BenchResult> {
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const launched = nowMs();
    const { app, page, close } = await openConsolePage({ browser });
    try {
      await page.goto(`${app.url}#/topology`);
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="topology-node"][data-kind="service"]').length > 0 && document.querySelectorAll('[data-testid="topology-node"][data-kind="engine"]').length >= n, engines.length, { timeout: 60_000, polling: 'raf' });
      runs.push(nowMs() - launched);
    } finally {
      await close();
    }
  }
  const baselineRuns: number[] = [];
  for (let run = 0; run < 3; run++) {
    let total = 0;
    for (const engine of engines) total += await timed('docker', [...dockerArgs(engine), 'ps', '-a']);
    baselineRuns.push(total);
  }
  const ours = median(runs);
  const baseline = median(baselineRuns);
  return {
    id: 'startup',
    title: 'Start-up to the first screen with data (browser mode)',
    ours: round(ours),
    baseline: round(baseline),
    baselineName: `docker ps -a on the ${engines.length} lab engines, one after the other`,
    unit: 'ms',
    ratio: round(baseline / ours, 2),
    notes: 'from spawning `node out/main/web.js` to the Topology screen in Chromium drawing the services and every engine (median of 3); includes Node start, connecting to Docker, etcd and Zabbix, page load and the automatic layout.',
  };
}
