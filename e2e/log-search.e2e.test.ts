import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { docker, dockerBoth, type EngineRef } from '../test-support/docker-cli';
import { labProfile } from '../test-support/lab';

const stamp = Date.now().toString(36);
const NEEDLE = `e2e-needle-${stamp}`;
const planted: Array<{ engine: EngineRef; name: string; times: number }> = [];

const ui = useConsolePage();

beforeAll(async () => {
  // Three containers on both engines, printing the needle 1, 3 and 5 times among other lines.
  [1, 3, 5].forEach((times, i) => {
    const engine = labProfile().docker[i % 2]!;
    const name = `logsearch_${stamp}_${i}`;
    const script = [
      `i=0; while [ $i -lt 40 ]; do echo "request $i served in $((i * 7)) ms"; i=$((i+1)); done`,
      `j=0; while [ $j -lt ${times} ]; do echo "ERROR upstream timed out (${NEEDLE}) attempt $j" >&2; echo "retrying $j"; j=$((j+1)); done`,
      'echo planted-done',
      'sleep 600',
    ].join('; ');
    docker(engine, 'run', '-d', '--network', 'host', '--name', name, '-e', 'ENVIRONMENT=PRE', 'lab/busybox:1', 'sh', '-c', script);
    planted.push({ engine, name, times });
  });
  for (const p of planted) {
    for (let i = 0; i < 100 && !dockerBoth(p.engine, 'logs', p.name).stdout.includes('planted-done'); i++) await new Promise((r) => setTimeout(r, 200));
  }
});

afterAll(() => {
  for (const p of planted) {
    try {
      docker(p.engine, 'rm', '-f', p.name);
    } catch {
      // gone
    }
  }
});

const group = (name: string) => ui.page.locator(`[data-testid="log-search-group"][data-container="${name}"]`);

async function search(whileRunning?: () => Promise<void>): Promise<void> {
  await ui.page.locator('[data-testid="log-search-query"]').fill(NEEDLE);
  await ui.page.locator('[data-testid="log-search-range-15m"]').click();
  await ui.page.locator('[data-testid="log-search-query"]').press('Enter');
  if (whileRunning) await ui.page.locator('[data-testid="log-search-progress"]').waitFor({ timeout: 5000 }).then(whileRunning, () => undefined);
  // Every container of the lab is read (other tests' floods too): allow a loaded machine its time.
  await ui.page.locator('[data-testid="log-search-summary"]').waitFor({ timeout: 150_000 });
}

async function setLook(theme: 'dark' | 'light', language: 'en' | 'zh-CN'): Promise<void> {
  await ui.page.evaluate(([t, l]) => {
    localStorage.setItem('ops-console.theme', t!);
    localStorage.setItem('ops-console.language', l!);
  }, [theme, language]);
  await ui.page.reload();
  await ui.page.locator('[data-testid="log-search-query"]').waitFor();
}

describe('searching the logs of every container', { timeout: 240_000 }, () => {
  it('streams results grouped by container, each with the count docker logs has', async () => {
    await ui.page.goto(`${ui.url}#/log-search`);
    await search(async () => void (await screenshot(ui.page, 'log-search-running')));
    for (const p of planted) {
      await expect.poll(() => group(p.name).getAttribute('data-count')).toBe(String(p.times));
      const { stdout, stderr } = dockerBoth(p.engine, 'logs', p.name);
      expect(`${stdout}${stderr}`.split('\n').filter((l) => l.includes(NEEDLE))).toHaveLength(p.times);
    }
    await expect(ui.page.locator('[data-testid="log-search-group"]').count()).resolves.toBe(3);
    await expect(ui.page.locator('[data-testid="log-search-match"]').count()).resolves.toBe(9);
    await expect(ui.page.locator('[data-testid="log-search-summary"]').innerText()).resolves.toMatch(/^9 matches in 3 of \d+ containers/);
  });

  it('looks right in dark, light and Chinese at 1440 and 1024 px', async () => {
    for (const [theme, language] of [['dark', 'en'], ['light', 'en'], ['dark', 'zh-CN']] as const) {
      await setLook(theme, language);
      await search();
      for (const width of [1440, 1024]) {
        await ui.page.setViewportSize({ width, height: 800 });
        await screenshot(ui.page, `log-search-${theme}-${language}-${width}`);
      }
      await ui.page.setViewportSize({ width: 1440, height: 900 });
    }
    await setLook('dark', 'en');
  });

  it('opens the Logs screen at the line of a clicked match', async () => {
    await ui.page.goto(`${ui.url}#/log-search`);
    await search();
    const p = planted[2]!;
    const third = group(p.name).locator('xpath=../following-sibling::*').nth(2).locator('[data-testid="log-search-match"]');
    const ts = await third.getAttribute('data-ts');
    await third.click();
    await expect.poll(() => ui.page.evaluate(() => window.location.hash)).toMatch(/^#\/logs\?/);
    const focused = ui.page.locator('[data-testid="log-line"][data-focus="true"]');
    await focused.waitFor({ timeout: 20_000 });
    await expect(focused.innerText()).resolves.toContain(`(${NEEDLE}) attempt 2`);
    expect(new URLSearchParams((await ui.page.evaluate(() => window.location.hash)).split('?')[1]).get('at')).toBe(ts);
    await screenshot(ui.page, 'log-search-opened-match');
    // Back: the results are still there.
    await ui.page.goBack();
    await group(p.name).waitFor({ timeout: 10_000 });
  });
});
