import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { openConsolePage, type ConsolePage } from '../test-support/console-page';
import { docker, dockerPs } from '../test-support/docker-cli';
import { labProfile } from '../test-support/lab';

const stamp = Date.now().toString(36);
const PRE_1 = `e2e_web_${stamp}_1`;
const PRE_2 = `e2e_web_${stamp}_2`;
const PROD = `e2e_prod_${stamp}_1`;

const engine = () => labProfile().docker[0]!;
const state = (name: string) => {
  try {
    return docker(engine(), 'inspect', '-f', '{{.State.Status}}', name);
  } catch {
    return 'removed';
  }
};
const startedAt = (name: string) => docker(engine(), 'inspect', '-f', '{{.State.StartedAt}}', name);
const idOf = (name: string) => docker(engine(), 'inspect', '-f', '{{.Id}}', name);

function runTestContainer(name: string, env: string, project: string, number: number): void {
  docker(engine(), 'run', '-d', '--network', 'host', '--name', name, '-e', `ENVIRONMENT=${env}`, '-e', 'DB_PASSWORD=s3cret-value', '-e', 'APP_NAME=e2eweb',
    '--label', `com.docker.compose.project=${project}`, '--label', `com.docker.compose.service=e2eweb${stamp}`, '--label', `com.docker.compose.container-number=${number}`,
    'lab/busybox:1', 'sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done');
}

let ui: ConsolePage;
let page: Page;

beforeAll(async () => {
  runTestContainer(PRE_1, 'PRE', `e2e${stamp}`, 1);
  runTestContainer(PRE_2, 'PRE', `e2e${stamp}`, 2);
  runTestContainer(PROD, 'PROD', `e2eprod${stamp}`, 1);
  ui = await openConsolePage();
  page = ui.page;
}, 60_000);

afterAll(async () => {
  await ui?.close();
  for (const name of [PRE_1, PRE_2, PROD]) {
    try {
      docker(engine(), 'rm', '-f', name);
    } catch {
      // removed by the test
    }
  }
});

async function setTheme(theme: 'dark' | 'light'): Promise<void> {
  await page.evaluate((t) => {
    localStorage.setItem('ops-console.theme', t);
    document.documentElement.dataset.theme = t;
    document.documentElement.style.colorScheme = t;
  }, theme);
}

const row = (engineName: string, name: string) => page.locator(`[data-testid="container-row"][data-engine="${engineName}"][data-name="${name}"]`);

describe('the live fleet view', () => {
  it('lists what docker ps lists on both engines and follows the CLI without a refresh', async () => {
    await page.goto(`${ui.url}#/containers`);
    await page.locator('[data-testid="fleet-live"][data-live="true"]').waitFor({ timeout: 20_000 });
    for (const ref of labProfile().docker) {
      for (const c of dockerPs(ref)) await row(ref.name, c.name).waitFor({ timeout: 10_000 });
    }
    const name = `e2e_live_${stamp}`;
    docker(engine(), 'run', '-d', '--network', 'host', '--name', name, 'lab/busybox:1', 'sleep', '600');
    const started = Date.now();
    await row(engine().name, name).waitFor({ timeout: 5000 });
    expect(Date.now() - started).toBeLessThan(2000);
    docker(engine(), 'rm', '-f', name);
    await row(engine().name, name).waitFor({ state: 'detached', timeout: 5000 });

    await page.waitForTimeout(3000); // live CPU and memory come in about once a second
    await setTheme('dark');
    await screenshot(page, 'fleet-dark');
    await setTheme('light');
    await screenshot(page, 'fleet-light');
    await setTheme('dark');
  });
});

describe('container detail', () => {
  it('shows inspect data, masks secrets until revealed, the layers and live stats', async () => {
    await page.goto(`${ui.url}#/containers/${encodeURIComponent(engine().name)}/${idOf(PRE_1)}`);
    await page.locator(`[data-testid="container-detail"][data-name="${PRE_1}"]`).waitFor({ timeout: 15_000 });
    await screenshot(page, 'detail-overview-dark');
    await setTheme('light');
    await screenshot(page, 'detail-overview-light');
    await setTheme('dark');

    await page.locator('[data-testid="detail-tab-env"]').click();
    const secret = page.locator('[data-testid="env-row"][data-name="DB_PASSWORD"]');
    await secret.waitFor();
    expect(await secret.getAttribute('data-masked')).toBe('true');
    expect(await secret.innerText()).not.toContain('s3cret-value');
    await page.locator('[data-testid="reveal-all"]').click();
    await expect.poll(() => secret.getAttribute('data-masked')).toBe('false');
    expect(await secret.innerText()).toContain('s3cret-value');

    await page.locator('[data-testid="detail-tab-layers"]').click();
    await page.locator('[data-testid="layer-row"]').first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'detail-layers');

    await page.locator('[data-testid="detail-tab-stats"]').click();
    await page.locator('[data-testid="stats-chart"][data-metric]').first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(4000);
    await screenshot(page, 'detail-stats-dark');
    await setTheme('light');
    await screenshot(page, 'detail-stats-light');
    await setTheme('dark');
  });
});

async function act(name: string, action: string, options: { signal?: string; timeout?: string; force?: boolean; typed?: string } = {}): Promise<void> {
  await page.goto(`${ui.url}#/containers/${encodeURIComponent(engine().name)}/${idOf(name)}`);
  await page.locator(`[data-testid="container-detail"][data-name="${name}"]`).waitFor({ timeout: 15_000 });
  await page.locator(`[data-testid="action-${action}"]`).first().click();
  const dialog = page.locator('[data-testid="action-dialog"]');
  await dialog.waitFor();
  if (options.signal) await page.locator('[data-testid="action-signal"]').selectOption(options.signal);
  if (options.timeout) await page.locator('[data-testid="action-timeout"]').fill(options.timeout);
  if (options.force) await page.locator('[data-testid="action-force"]').check();
  if (options.typed !== undefined) await page.locator('[data-testid="confirm-name"]').fill(options.typed);
  await page.locator('[data-testid="confirm-action"]').click();
  await page.locator(`[data-testid="action-result"][data-action="${action}"]`).last().waitFor({ timeout: 30_000 });
  expect(await page.locator(`[data-testid="action-result"][data-action="${action}"]`).last().getAttribute('data-ok')).toBe('true');
}

describe('actions through the UI, confirmed and audited', () => {
  it.each([
    ['stop', { timeout: '2' }, 'exited'],
    ['start', {}, 'running'],
    ['pause', {}, 'paused'],
    ['unpause', {}, 'running'],
    ['restart', { timeout: '2' }, 'running'],
    ['kill', { signal: 'SIGKILL' }, 'exited'],
  ] as const)('%s', async (action, options, expected) => {
    const before = action === 'restart' ? startedAt(PRE_1) : '';
    await act(PRE_1, action, options);
    expect(state(PRE_1)).toBe(expected);
    if (action === 'restart') expect(startedAt(PRE_1)).not.toBe(before);
    await page.goto(`${ui.url}#/audit`);
    await page.locator(`[data-testid="audit-row"][data-action="${action}"][data-target="${PRE_1}"][data-result="ok"]`).first().waitFor({ timeout: 10_000 });
  });

  it('a production action does nothing without the typed name, and works with it', async () => {
    await page.goto(`${ui.url}#/containers/${encodeURIComponent(engine().name)}/${idOf(PROD)}`);
    await page.locator(`[data-testid="container-detail"][data-name="${PROD}"]`).waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="action-stop"]').first().click();
    await page.locator('[data-testid="action-dialog"][data-production="true"]').waitFor();
    const confirm = page.locator('[data-testid="confirm-action"]');
    expect(await confirm.isDisabled()).toBe(true);
    await page.locator('[data-testid="confirm-name"]').fill(PROD.slice(0, -1));
    expect(await confirm.isDisabled()).toBe(true);
    await screenshot(page, 'action-production-confirm');
    await page.locator('[data-testid="cancel-action"]').click();
    expect(state(PROD)).toBe('running');

    await act(PROD, 'stop', { timeout: '2', typed: PROD });
    expect(state(PROD)).toBe('exited');
  });

  it('restarts the replicas of a service one by one from a selection', async () => {
    docker(engine(), 'start', PRE_1);
    const before = [startedAt(PRE_1), startedAt(PRE_2)];
    await page.goto(`${ui.url}#/containers`);
    for (const name of [PRE_1, PRE_2]) {
      await row(engine().name, name).waitFor({ timeout: 10_000 });
      await row(engine().name, name).locator('[data-testid="select-row"]').check();
    }
    await page.locator('[data-testid="selection-bar"] [data-testid="action-restart"]').click();
    await page.locator('[data-testid="action-dialog"]').waitFor();
    expect(await page.locator('[data-testid="action-target"]').count()).toBe(2);
    await page.locator('[data-testid="confirm-action"]').click();
    await page.locator('[data-testid="bulk-summary"][data-ok="true"]').waitFor({ timeout: 60_000 });
    await screenshot(page, 'action-bulk-restart');
    expect([startedAt(PRE_1), startedAt(PRE_2)].every((t, i) => t !== before[i])).toBe(true);
    await page.locator('[data-testid="cancel-action"]').click();
  });

  it('removes a container', async () => {
    await act(PRE_2, 'remove', { force: true });
    expect(state(PRE_2)).toBe('removed');
    await page.goto(`${ui.url}#/audit`);
    await page.locator(`[data-testid="audit-row"][data-action="remove"][data-target="${PRE_2}"]`).first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'audit');
  });
});
