import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { docker, dockerPs, type EngineRef } from '../test-support/docker-cli';
import { labProfile } from '../test-support/lab';

let replica: { engine: EngineRef; id: string; name: string };

beforeAll(() => {
  const found = labProfile().docker.flatMap((engine) => dockerPs(engine).filter((c) => c.name.startsWith('pre_order_') && c.state === 'running').map((c) => ({ engine, ...c })));
  expect(found.length, 'a running replica of order_PRE').toBeGreaterThan(0);
  replica = found[0]!;
});
afterAll(() => {
  docker(replica.engine, 'update', '--restart', 'unless-stopped', replica.id);
  docker(replica.engine, 'start', replica.id);
});
const ui = useConsolePage();

describe('the incident timeline', () => {
  it('shows a SIGKILLed last replica, its key expiry and the problem, linked, and exports a snapshot', async () => {
    await ui.page.goto(`${ui.url}#/timeline`);
    await ui.page.locator('[data-testid="timeline-list"]').waitFor({ timeout: 15_000 });
    await ui.page.waitForTimeout(1500);
    docker(replica.engine, 'update', '--restart', 'no', replica.id);
    docker(replica.engine, 'kill', '-s', 'KILL', replica.id);

    const die = ui.page.locator(`[data-testid="timeline-event"][data-kind="docker"][data-action="die"][data-service="order_PRE"]`).first();
    await die.waitFor({ timeout: 15_000 });
    const expiry = ui.page.locator('[data-testid="timeline-event"][data-kind="registry"][data-action="lease-expiry"][data-service="order_PRE"]').first();
    await expiry.waitFor({ timeout: 40_000 });
    const problem = ui.page.locator('[data-testid="timeline-event"][data-kind="zabbix"][data-action="problem"][data-service="order_PRE"]').first();
    await problem.waitFor({ timeout: 60_000 });
    await expect.poll(async () => new Set([await die.getAttribute('data-group'), await expiry.getAttribute('data-group'), await problem.getAttribute('data-group')]).size, { timeout: 15_000 }).toBe(1);
    expect(await die.getAttribute('data-group')).toBeTruthy();
    await ui.page.locator('[data-testid="timeline-range-15m"]').click();
    await ui.page.waitForTimeout(500);
    await screenshot(ui.page, 'timeline-incident');

    await die.click();
    const logsLink = ui.page.locator('[data-testid="timeline-logs-link"]');
    await logsLink.waitFor({ timeout: 5000 });
    expect(await logsLink.getAttribute('href')).toContain(replica.id.slice(0, 12));
    // The logs around that moment: the replica's own lines up to its death.
    await logsLink.click();
    await ui.page.locator('[data-testid="log-view"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => ui.page.locator('[data-testid="log-line"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(ui.page, 'timeline-logs-around');
    await ui.page.goBack();
    await ui.page.locator('[data-testid="timeline-list"]').waitFor({ timeout: 15_000 });

    await ui.page.locator('[data-testid="snapshot-open"]').click();
    await ui.page.locator('[data-testid="snapshot-dialog"]').waitFor();
    // The service of the incident is ticked already (its replica's death is an error on the timeline).
    const box = ui.page.locator('[data-testid="snapshot-service"][data-service="pre/order"]');
    await expect.poll(() => box.isChecked(), { timeout: 10_000 }).toBe(true);
    const download = ui.page.waitForEvent('download', { timeout: 60_000 });
    await ui.page.locator('[data-testid="snapshot-export"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^incident-.*\.tar\.gz$/);
    await ui.page.locator('[data-testid="snapshot-done"]').waitFor({ timeout: 60_000 });
    expect(Number(await ui.page.locator('[data-testid="snapshot-done"]').getAttribute('data-bytes'))).toBeGreaterThan(1000);
    await screenshot(ui.page, 'timeline-snapshot');
  }, 180_000);
});
