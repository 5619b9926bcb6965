import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { openConsolePage, type ConsolePage } from '../test-support/console-page';
import { docker, dockerPs, type EngineRef } from '../test-support/docker-cli';
import { labProfile } from '../test-support/lab';

let ui: ConsolePage;
let page: Page;
let replica: { engine: EngineRef; id: string; name: string };

beforeAll(async () => {
  const found = labProfile().docker.flatMap((engine) => dockerPs(engine).filter((c) => c.name.startsWith('pre_order_') && c.state === 'running').map((c) => ({ engine, ...c })));
  replica = found[0]!;
  ui = await openConsolePage();
  page = ui.page;
}, 60_000);
afterAll(async () => {
  docker(replica.engine, 'update', '--restart', 'unless-stopped', replica.id);
  docker(replica.engine, 'start', replica.id);
  await ui?.close();
});

describe('the incident timeline', () => {
  it('shows a SIGKILLed last replica, its key expiry and the problem, linked, and exports a snapshot', async () => {
    await page.goto(`${ui.url}#/timeline`);
    await page.locator('[data-testid="timeline-list"]').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1500);
    docker(replica.engine, 'update', '--restart', 'no', replica.id);
    docker(replica.engine, 'kill', '-s', 'KILL', replica.id);

    const die = page.locator(`[data-testid="timeline-event"][data-kind="docker"][data-action="die"][data-service="order_PRE"]`).first();
    await die.waitFor({ timeout: 15_000 });
    const expiry = page.locator('[data-testid="timeline-event"][data-kind="registry"][data-action="lease-expiry"][data-service="order_PRE"]').first();
    await expiry.waitFor({ timeout: 40_000 });
    const problem = page.locator('[data-testid="timeline-event"][data-kind="zabbix"][data-action="problem"][data-service="order_PRE"]').first();
    await problem.waitFor({ timeout: 60_000 });
    await expect.poll(async () => new Set([await die.getAttribute('data-group'), await expiry.getAttribute('data-group'), await problem.getAttribute('data-group')]).size, { timeout: 15_000 }).toBe(1);
    expect(await die.getAttribute('data-group')).toBeTruthy();
    await page.locator('[data-testid="timeline-range-15m"]').click();
    await page.waitForTimeout(500);
    await screenshot(page, 'timeline-incident');

    await die.click();
    const logsLink = page.locator('[data-testid="timeline-logs-link"]');
    await logsLink.waitFor({ timeout: 5000 });
    expect(await logsLink.getAttribute('href')).toContain(replica.id.slice(0, 12));
    // The logs around that moment: the replica's own lines up to its death.
    await logsLink.click();
    await page.locator('[data-testid="log-view"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('[data-testid="log-line"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, 'timeline-logs-around');
    await page.goBack();
    await page.locator('[data-testid="timeline-list"]').waitFor({ timeout: 15_000 });

    await page.locator('[data-testid="snapshot-open"]').click();
    await page.locator('[data-testid="snapshot-dialog"]').waitFor();
    // The service of the incident is ticked already (its replica's death is an error on the timeline).
    const box = page.locator('[data-testid="snapshot-service"][data-service="pre/order"]');
    await expect.poll(() => box.isChecked(), { timeout: 10_000 }).toBe(true);
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.locator('[data-testid="snapshot-export"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^incident-.*\.tar\.gz$/);
    await page.locator('[data-testid="snapshot-done"]').waitFor({ timeout: 60_000 });
    expect(Number(await page.locator('[data-testid="snapshot-done"]').getAttribute('data-bytes'))).toBeGreaterThan(1000);
    await screenshot(page, 'timeline-snapshot');
  }, 180_000);
});
