import { afterAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { docker, dockerPs } from '../test-support/docker-cli';
import { etcdctl } from '../test-support/etcdctl';
import { labProfile, readLabInfo } from '../test-support/lab';
import { zabbixApi } from '../test-support/zabbix-api';

const ui = useConsolePage();
const engines = () => labProfile().docker;
/** A registration nobody serves: the lab's Zabbix raises "Stale registrations of search_PROD", a problem in PROD. */
const STALE_PROD = '/search_PROD/127.0.0.1-7';
const orderPre = () => engines().flatMap((engine) => dockerPs(engine).filter((c) => c.name.startsWith('pre_order_')).map((c) => ({ engine, ...c })));

afterAll(() => {
  for (const r of orderPre()) docker(r.engine, 'start', r.id);
  etcdctl('del', STALE_PROD);
});

describe('Zabbix beside the containers', () => {
  it('shows a problem caused by the test without refresh, acknowledges it in Zabbix, and drops it after recovery', async () => {
    await ui.page.goto(`${ui.url}#/metrics/problems`);
    await ui.page.locator('[data-testid="metrics-tab-problems"]').waitFor({ timeout: 15_000 });
    const replicas = orderPre();
    expect(replicas.length, 'replicas of order_PRE').toBeGreaterThan(0);
    etcdctl('put', STALE_PROD, '127.0.0.1:7');
    for (const r of replicas) docker(r.engine, 'stop', '-t', '2', r.id);
    const problem = ui.page.locator('[data-testid="zabbix-problem"][data-name*="order_PRE"]');
    const prodProblem = ui.page.locator('[data-testid="zabbix-problem"][data-name*="search_PROD"]');
    await problem.first().waitFor({ timeout: 60_000 });
    await prodProblem.first().waitFor({ timeout: 60_000 });
    await screenshot(ui.page, 'metrics-problems');
    // Filters: by environment and by host keep it; another environment (PROD, from the planted registration) hides it.
    const envFilter = ui.page.locator('[data-testid="problem-env-filter"]');
    await envFilter.selectOption('PRE');
    expect(await problem.count()).toBeGreaterThan(0);
    expect(await ui.page.locator('[data-testid="zabbix-problem"]:not([data-environment="PRE"])').count()).toBe(0);
    await envFilter.selectOption('PROD');
    expect(await problem.count()).toBe(0);
    expect(await prodProblem.count()).toBeGreaterThan(0);
    expect(await ui.page.locator('[data-testid="zabbix-problem"]:not([data-environment="PROD"])').count()).toBe(0);
    await envFilter.selectOption('');
    etcdctl('del', STALE_PROD);
    const hostName = (await problem.first().locator('td').nth(2).innerText()).split(/[,→]/)[0]!.trim();
    await ui.page.locator('[data-testid="problem-host-filter"]').selectOption(hostName);
    expect(await problem.count()).toBeGreaterThan(0);
    await ui.page.locator('[data-testid="problem-host-filter"]').selectOption('');
    const eventid = (await problem.first().getAttribute('data-eventid'))!;

    await problem.first().locator('[data-testid="problem-ack"]').click();
    await ui.page.locator('[data-testid="ack-message"]').fill('looking at it (e2e)');
    await ui.page.locator('[data-testid="ack-confirm"]').click();
    await expect.poll(() => problem.first().getAttribute('data-acknowledged'), { timeout: 20_000 }).toBe('true');
    const [event] = await zabbixApi<Array<{ acknowledged: string }>>('event.get', { eventids: [eventid], output: ['acknowledged'] });
    expect(event!.acknowledged).toBe('1');

    for (const r of replicas) docker(r.engine, 'start', r.id);
    await problem.first().waitFor({ state: 'detached', timeout: 60_000 });
  }, 150_000);

  it('charts two items overlaid from the lab engine host', async () => {
    await ui.page.goto(`${ui.url}#/metrics/charts`);
    await ui.page.locator('[data-testid="metrics-tab-charts"]').waitFor({ timeout: 15_000 });
    // The Zabbix host of the lab's first engine, chosen in the host list.
    const hostName = readLabInfo().zabbix.hosts.engines[0]!;
    await ui.page.locator('select', { has: ui.page.locator('option', { hasText: new RegExp(`^${hostName}$`) }) }).selectOption({ label: hostName });
    const picker = ui.page.locator('[data-testid="item-picker"]');
    for (const name of ['Containers running', 'Containers total']) {
      await picker.fill(name);
      await ui.page.locator('[data-testid="item-option"]').first().click({ timeout: 10_000 });
    }
    await ui.page.locator('[data-testid="range-1h"]').click();
    const chart = ui.page.locator('[data-testid="metrics-chart"]');
    await expect.poll(() => chart.getAttribute('data-items'), { timeout: 20_000 }).toBe('2');
    expect(await chart.getAttribute('data-source')).toBe('history');
    // Docker's stats of the matched engine's containers, for the same window, beside Zabbix's.
    const dockerStats = ui.page.locator('[data-testid="docker-stats"]');
    await dockerStats.waitFor({ timeout: 10_000 });
    const engineName = await dockerStats.getAttribute('data-engine');
    expect(engineName).toBe(labProfile().docker[0]!.name);
    const running = () => dockerPs(engines().find((e) => e.name === engineName)!).filter((c) => c.state === 'running').map((c) => c.name);
    const shown = () => ui.page.locator('[data-testid="docker-stats-container"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')!));
    await expect.poll(async () => (await shown()).length, { timeout: 20_000 }).toBeGreaterThan(0);
    // What is shown ran on that engine (compared at one moment: tests beside this one start and remove containers).
    await expect.poll(async () => {
      const names = await shown();
      const now = running();
      return names.filter((name) => !now.includes(name));
    }, { timeout: 15_000 }).toEqual([]);
    await ui.page.waitForTimeout(1000);
    await screenshot(ui.page, 'metrics-chart');
    await dockerStats.scrollIntoViewIfNeeded();
    await screenshot(ui.page, 'metrics-docker-stats');
    await ui.page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
    await ui.page.waitForTimeout(300);
    await screenshot(ui.page, 'metrics-chart-light');
    await ui.page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  });
});
