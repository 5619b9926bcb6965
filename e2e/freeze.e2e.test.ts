import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { copyImage, docker, dockerArgs } from '../test-support/docker-cli';
import { startExtraEngine, type ExtraEngine } from '../test-support/extra-engine';
import { freeze } from '../test-support/freeze';
import { labProfile, labProfileText } from '../test-support/lab';

/** Our own extra engine frozen with SIGSTOP (never the lab's engines): the Containers screen marks it and recovers. */
describe('a frozen Docker engine on the Containers screen', () => {
  let extra: ExtraEngine;
  const dir = mkdtempSync(join(tmpdir(), 'ops-e2e-freeze-'));
  const ref = () => ({ name: 'frozen-engine', host: extra.host });

  beforeAll(async () => {
    extra = await startExtraEngine();
    copyImage(labProfile().docker[0]!, ref(), 'lab/busybox:1');
    for (const n of [1, 2]) {
      docker(ref(), 'run', '-d', '--network', 'host', '--name', `icebox_web_${n}`, '--label', 'com.docker.compose.project=icebox', '--label', 'com.docker.compose.service=web', '--label', `com.docker.compose.container-number=${n}`, 'lab/busybox:1', 'sleep', '100000');
    }
    writeFileSync(join(dir, 'connections.yaml'), labProfileText().replace(/^docker:\n/m, `docker:\n  - name: frozen-engine\n    host: ${extra.host}\n`));
  }, 120_000);
  afterAll(async () => {
    await extra?.stop();
  });
  const ui = useConsolePage({ profilePath: join(dir, 'connections.yaml') });

  it('says "not responding" within 10 s, greys its rows and groups while the others stay live, and recovers after SIGCONT', async () => {
    const { page } = ui;
    await page.goto(`${ui.url}#/containers`);
    const rows = page.locator('[data-testid="container-row"][data-engine="frozen-engine"]');
    await rows.first().waitFor({ timeout: 20_000 });
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    const banner = page.locator('[data-testid="peer-down"][data-kind="docker"][data-name="frozen-engine"]');

    const frozen = freeze([extra.pid()]);
    let lateRun: ReturnType<typeof spawn> | undefined;
    try {
      const frozenAt = Date.now();
      await banner.waitFor({ timeout: 10_000 });
      expect(Date.now() - frozenAt).toBeLessThan(10_000);
      expect(await banner.getAttribute('data-state')).toBe('not-responding');
      expect(await banner.innerText()).toMatch(/frozen-engine not responding since \d\d:\d\d:\d\d/);
      expect(await banner.innerText()).toMatch(/Showing data as of/);
      await expect.poll(() => rows.first().getAttribute('data-stale'), { timeout: 5_000 }).toBe('true');
      // The other engines carry on, live and not greyed.
      const labRow = page.locator(`[data-testid="container-row"][data-engine="${labProfile().docker[0]!.name}"]`).first();
      expect(await labRow.getAttribute('data-stale')).toBe('false');
      await page.locator('[data-testid="container-filter"], input[type="search"]').first().fill('icebox').catch(() => undefined);
      await screenshot(page, 'freeze-containers-1440');
      await page.locator('[data-testid="group-by-service"]').check();
      const group = page.locator('[data-testid="group-row"][data-service="icebox/web"]');
      await group.waitFor({ timeout: 5_000 });
      expect(await group.getAttribute('data-stale')).toBe('2');
      await screenshot(page, 'freeze-containers-grouped-1440');
      await page.setViewportSize({ width: 1024, height: 640 });
      await screenshot(page, 'freeze-containers-grouped-1024');
      await page.locator('[data-testid="group-by-service"]').uncheck();
      await screenshot(page, 'freeze-containers-1024');
      await page.setViewportSize({ width: 1440, height: 900 });

      // A container made while the engine sleeps: its request waits in the engine's socket.
      lateRun = spawn('/usr/bin/docker', [...dockerArgs(ref()), 'run', '-d', '--network', 'host', '--name', 'icebox_late', 'lab/busybox:1', 'sleep', '100000'], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 3000));
    } finally {
      frozen.thaw();
    }

    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => rows.first().getAttribute('data-stale'), { timeout: 10_000 }).toBe('false');
    await page.locator('[data-testid="container-row"][data-engine="frozen-engine"]', { hasText: 'icebox_late' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('[data-testid="fleet-live"]').getAttribute('data-live'), { timeout: 10_000 }).toBe('true');
    await new Promise((resolve) => (lateRun!.exitCode !== null ? resolve(null) : lateRun!.once('exit', resolve)));
    await screenshot(page, 'freeze-containers-recovered-1440');
  }, 120_000);

  it('says a terminal on the frozen engine was interrupted within 10 s, offers a new session once it answers, and the new shell answers', async () => {
    const { page } = ui;
    const id = docker(ref(), 'inspect', '-f', '{{.Id}}', 'icebox_web_1');
    await page.goto(`${ui.url}#/terminal?engine=frozen-engine&id=${id}`);
    await page.locator('[data-testid="exec-confirm"]').click({ timeout: 15_000 });
    const terminal = page.locator('[data-testid="terminal"]').last();
    await expect.poll(() => terminal.getAttribute('data-session'), { timeout: 15_000 }).toBeTruthy();
    const first = await terminal.getAttribute('data-session');
    const text = () => terminal.locator('.xterm-rows').innerText();
    await terminal.click();
    await page.keyboard.type('echo before-$((6*7))\n');
    await expect.poll(text, { timeout: 10_000 }).toContain('before-42');
    const bar = page.locator('[data-testid="terminal-interrupted"]');
    expect(await bar.count()).toBe(0);

    const frozen = freeze([extra.pid()]);
    try {
      const frozenAt = Date.now();
      await bar.waitFor({ timeout: 10_000 });
      expect(Date.now() - frozenAt).toBeLessThan(10_000);
      expect(await bar.getAttribute('data-engine-down')).toBe('true');
      expect(await bar.innerText()).toMatch(/Interrupted: frozen-engine not responding since \d\d:\d\d:\d\d\. What you type now may not arrive\./);
      await screenshot(page, 'freeze-terminal-interrupted-1440');
      await page.setViewportSize({ width: 1024, height: 640 });
      await screenshot(page, 'freeze-terminal-interrupted-1024');
      await page.setViewportSize({ width: 1440, height: 900 });
    } finally {
      frozen.thaw();
    }

    // Back: the bar stays, says the engine answers again, and offers a new session (or keeping this one).
    await expect.poll(() => bar.getAttribute('data-engine-down'), { timeout: 15_000 }).toBe('false');
    expect(await bar.innerText()).toMatch(/frozen-engine answers again; this session was interrupted at \d\d:\d\d:\d\d/);
    const reconnect = bar.locator('[data-testid="terminal-reconnect"]');
    expect(await reconnect.innerText()).toMatch(/Reconnect/);
    expect(await bar.locator('[data-testid="terminal-keep"]').isVisible()).toBe(true);
    await screenshot(page, 'freeze-terminal-back-1440');
    await page.setViewportSize({ width: 1024, height: 640 });
    await screenshot(page, 'freeze-terminal-back-1024');
    await page.setViewportSize({ width: 1440, height: 900 });

    await reconnect.click();
    await bar.waitFor({ state: 'detached', timeout: 5_000 });
    await expect.poll(() => terminal.getAttribute('data-session'), { timeout: 15_000 }).not.toMatch(new RegExp(`^(${first}|)$`));
    await terminal.click();
    await page.keyboard.type('echo after-$((6*7))\n');
    await expect.poll(text, { timeout: 10_000 }).toContain('after-42');
    expect(await text()).not.toContain('before-42');
  }, 90_000);
});
