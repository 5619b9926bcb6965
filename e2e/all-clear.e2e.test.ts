import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { copyImage, docker } from '../test-support/docker-cli';
import { startExtraEngine, type ExtraEngine } from '../test-support/extra-engine';
import { labProfile } from '../test-support/lab';

/**
 * The first screen when nothing is wrong: a console on an engine of the test's own (the lab's
 * engines, registry and Zabbix always have something wrong: a crash-looping demo replica) says
 * all clear, and what it watches.
 */
describe('the incidents screen with nothing wrong', () => {
  let extra: ExtraEngine;
  const dir = mkdtempSync(join(tmpdir(), 'ops-e2e-clear-'));

  beforeAll(async () => {
    extra = await startExtraEngine();
    const engine = { name: 'calm-engine', host: extra.host };
    copyImage(labProfile().docker[0]!, engine, 'lab/busybox:1');
    docker(engine, 'run', '-d', '--network', 'host', '--name', 'calm_web_1', '--label', 'com.docker.compose.project=calm', '--label', 'com.docker.compose.service=web', 'lab/busybox:1', 'sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done');
    writeFileSync(join(dir, 'connections.yaml'), `docker:\n  - name: calm-engine\n    host: ${extra.host}\n`);
  }, 120_000);
  afterAll(async () => {
    await extra?.stop();
  });
  const ui = useConsolePage({ profilePath: join(dir, 'connections.yaml'), width: 1024, height: 640 });

  it('says all clear with what it watches, in both themes and in Chinese, 1024 px wide', async () => {
    await ui.page.goto(`${ui.url}#/incidents`);
    const clear = ui.page.locator('[data-testid="all-clear"]');
    await expect.poll(() => clear.innerText().catch(() => ''), { timeout: 20_000 }).toMatch(/containers: 1;/);
    expect(await ui.page.locator('[data-testid="incident"]').count()).toBe(0);
    expect(await clear.innerText()).toMatch(/Docker engines: 1 of 1 answering/);
    await screenshot(ui.page, 'incidents-all-clear-dark-1024');

    for (const [key, value, name] of [['theme', 'light', 'incidents-all-clear-light-1024'], ['language', 'zh-CN', 'incidents-all-clear-light-zh-1024']] as const) {
      await ui.page.evaluate(({ k, v }) => window.localStorage.setItem(`ops-console.${k}`, v), { k: key, v: value });
      await ui.page.reload();
      await clear.waitFor({ timeout: 20_000 });
      await screenshot(ui.page, name);
    }
    expect(await clear.innerText()).toContain('Docker 引擎');
  }, 90_000);
});
