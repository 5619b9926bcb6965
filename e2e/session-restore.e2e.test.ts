import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { openConsolePage, type ConsolePage } from '../test-support/console-page';
import { LabService, waitFor, type Replica } from '../test-support/lab-service';

/**
 * Session restore: a console is used (a Containers filter, the logs of a service, a shell),
 * its process is stopped, and a new console on the same data directory (on a new port, so a
 * new origin with empty browser storage) reopens the screen and the filter, and offers the
 * terminal again, reopened only through the exec confirmation.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'ops-e2e-session-'));
const svc = new LabService('restore');
let replica: Replica;
let first: ConsolePage | undefined;
let second: ConsolePage | undefined;

const open = () => openConsolePage({ env: { OPS_CONSOLE_DATA_DIR: dataDir } });
const logsHash = () => `#/logs?project=${svc.project}&service=${svc.app}`;

function keptSession(): { route?: string; values?: Record<string, unknown>; terminals?: Array<{ engine: string; name: string }> } {
  try {
    return JSON.parse(readFileSync(join(dataDir, 'session.json'), 'utf8')) as ReturnType<typeof keptSession>;
  } catch {
    return {};
  }
}

async function setTheme(page: Page, theme: 'dark' | 'light'): Promise<void> {
  await page.evaluate((t) => {
    document.documentElement.dataset.theme = t;
    document.documentElement.style.colorScheme = t;
  }, theme);
}

beforeAll(async () => {
  const [engine] = svc.engines();
  replica = svc.create(1, engine!);
  await waitFor(`${replica.name} running`, () => svc.inspectState(replica).running);
}, 60_000);

afterAll(async () => {
  await first?.close();
  await second?.close();
  svc.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('session restore', () => {
  it('keeps the screen, a filter and the open terminal in session.json while the console is used', async () => {
    first = await open();
    const { page, url } = first;
    await page.goto(`${url}#/containers`);
    await page.locator('[data-testid="container-filter"]').fill(svc.app);

    await page.goto(`${url}${logsHash()}`);
    await page.locator('[data-testid="log-view"]').waitFor({ timeout: 15_000 });

    await page.goto(`${url}#/terminal?engine=${encodeURIComponent(replica.engine.name)}&id=${replica.id}`);
    await page.locator('[data-testid="exec-confirm"]').click({ timeout: 15_000 });
    const terminal = page.locator('[data-testid="terminal"]').last();
    await expect.poll(() => terminal.getAttribute('data-session'), { timeout: 15_000 }).toBeTruthy();

    await expect.poll(() => keptSession(), { timeout: 5000 }).toMatchObject({
      route: logsHash(),
      values: { 'containers.filter': svc.app },
      terminals: [{ engine: replica.engine.name, name: replica.name }],
    });
    // The console really stops (SIGTERM to its process), the page with it.
    await first.close();
    first = undefined;
  }, 90_000);

  it('reopens on the same Logs view after a restart, offers the terminal, and keeps the filter', async () => {
    second = await open();
    const { page, url } = second;
    await page.goto(url);
    await page.waitForURL((u) => u.hash === logsHash(), { timeout: 10_000 });
    await page.locator('[data-testid="log-view"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('[data-testid="log-source"]').first().getAttribute('data-name'), { timeout: 15_000 }).toBe(replica.name);

    const offer = page.locator('[data-testid="terminal-offer"]');
    await offer.waitFor();
    expect(await offer.getAttribute('data-count')).toBe('1');
    const item = offer.locator('[data-testid="terminal-offer-item"]');
    expect(await item.getAttribute('data-name')).toBe(replica.name);
    expect(await item.innerText()).toContain(`${replica.name} on ${replica.engine.name}`);
    // Offered, not reconnected: no shell runs until it is asked for.
    expect(await page.locator('[data-testid="terminal"]').count()).toBe(0);

    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      for (const theme of ['dark', 'light'] as const) {
        await setTheme(page, theme);
        await screenshot(page, `session-offer-${theme}-${width}`);
      }
    }
    await setTheme(page, 'dark');
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.locator('[data-testid="nav-containers"], a[href="#/containers"]').first().click();
    await page.waitForURL(/#\/containers$/);
    await expect.poll(() => page.locator('[data-testid="container-filter"]').inputValue()).toBe(svc.app);
  }, 90_000);

  it('reopens the terminal only through the exec confirmation, and the shell answers', async () => {
    const { page } = second!;
    await page.locator('[data-testid="terminal-offer-reopen"]').click();
    await page.waitForURL(/#\/terminal/);
    const dialog = page.locator('[data-testid="exec-dialog"]');
    await dialog.waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="terminal"]').count()).toBe(0);
    await page.locator('[data-testid="exec-confirm"]').click();
    const terminal = page.locator('[data-testid="terminal"]').last();
    await expect.poll(() => terminal.getAttribute('data-session'), { timeout: 15_000 }).toBeTruthy();
    await terminal.click();
    await page.keyboard.type('echo restored-$((20+22))\n');
    await expect.poll(() => terminal.locator('.xterm-rows').innerText(), { timeout: 10_000 }).toContain('restored-42');
    // Taken: the offer is gone.
    expect(await page.locator('[data-testid="terminal-offer"]').count()).toBe(0);
  }, 60_000);

  it('lets a deep link win over the restored screen', async () => {
    const { browser, url } = second!;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.goto(`${url}#/timeline`);
      await page.locator('[data-screen="timeline"]').waitFor();
      await page.waitForTimeout(1000);
      expect(new URL(page.url()).hash).toBe('#/timeline');
    } finally {
      await page.close();
    }
  }, 30_000);
});
