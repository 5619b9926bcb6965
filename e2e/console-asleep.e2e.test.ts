import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { startCountingProxy } from '../test-support/counting-proxy';
import { copyImage, docker } from '../test-support/docker-cli';
import { startExtraEngine, type ExtraEngine } from '../test-support/extra-engine';
import { freeze } from '../test-support/freeze';
import { labProfile, labProfileText } from '../test-support/lab';

/** The console's own main process asleep (SIGSTOP, as a closed laptop lid) while Docker changes. */
describe('the console itself asleep', () => {
  let extra: ExtraEngine;
  let proxy: Awaited<ReturnType<typeof startCountingProxy>>;
  const dir = mkdtempSync(join(tmpdir(), 'ops-e2e-asleep-'));
  const ref = () => ({ name: 'nap-engine', host: extra.host });

  beforeAll(async () => {
    extra = await startExtraEngine();
    copyImage(labProfile().docker[0]!, ref(), 'lab/busybox:1');
    for (const name of ['nap_keep', 'nap_gone']) docker(ref(), 'run', '-d', '--network', 'host', '--name', name, 'lab/busybox:1', 'sleep', '100000');
    proxy = await startCountingProxy(extra.socket);
    writeFileSync(join(dir, 'connections.yaml'), labProfileText().replace(/^docker:\n/m, `docker:\n  - name: nap-engine\n    host: ${proxy.host}\n`));
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await extra?.stop();
  });
  const ui = useConsolePage({ profilePath: join(dir, 'connections.yaml') });

  it('after SIGCONT converges to what Docker holds, with no false "not responding", no new socket and no reconnect storm', async () => {
    const { page } = ui;
    let sockets = 0;
    page.on('websocket', () => sockets++);
    await page.goto(`${ui.url}#/containers`);
    const row = (name: string) => page.locator('[data-testid="container-row"][data-engine="nap-engine"]', { hasText: name });
    await row('nap_gone').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('[data-testid="fleet-live"]').getAttribute('data-live'), { timeout: 15_000 }).toBe('true');
    expect(sockets).toBe(1);
    // The engine's usual traffic (checks, stats of the rows on screen) over 6 s, to compare the wake-up with.
    const BASELINE_S = 6;
    const baselineStart = proxy.requests();
    await new Promise((r) => setTimeout(r, BASELINE_S * 1000));
    const baseline = proxy.requests() - baselineStart;

    const asleep = freeze([ui.app.pid]);
    try {
      docker(ref(), 'run', '-d', '--network', 'host', '--name', 'nap_new', 'lab/busybox:1', 'sleep', '100000');
      docker(ref(), 'rm', '-f', 'nap_gone');
      // Longer than every check's bound (5 s) and the feed's stall watch: on waking, every timer is late.
      await new Promise((r) => setTimeout(r, 15_000));
    } finally {
      asleep.thaw();
    }
    const requestsAtWake = proxy.requests();
    const connectionsAtWake = proxy.connections();

    const wokeAt = Date.now();
    await row('nap_new').waitFor({ timeout: 10_000 });
    await row('nap_gone').waitFor({ state: 'detached', timeout: 10_000 });
    // For the next 8 s: no engine is called "not responding" (its answers were waiting in the sockets).
    const until = Date.now() + 8000;
    while (Date.now() < until) {
      expect(await page.locator('[data-testid="peer-down"]').count()).toBe(0);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await page.locator('[data-testid="fleet-live"]').getAttribute('data-live')).toBe('true');
    expect(sockets).toBe(1);
    // Waking is the usual traffic plus a catch-up (events since, a re-list, an inspect per new row), not a storm.
    const seconds = (Date.now() - wokeAt) / 1000;
    const requests = proxy.requests() - requestsAtWake;
    const connections = proxy.connections() - connectionsAtWake;
    expect(requests).toBeLessThan((baseline / BASELINE_S) * seconds * 1.5 + 20);
    expect(connections).toBeLessThan(requests);
    expect(docker(ref(), 'ps', '-a', '--format', '{{.Names}}').split('\n').sort()).toEqual(['nap_keep', 'nap_new']);
    await screenshot(page, 'console-asleep-after-1440');
  }, 120_000);
});
