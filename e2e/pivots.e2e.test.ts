import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { docker, removeContainers } from '../test-support/docker-cli';
import { labProfile } from '../test-support/lab';

const stamp = Date.now().toString(36);
const SERVICE = `e2epivot${stamp}`;
const RUNNING = `e2e_pivot_${stamp}_1`;
const EXITED = `e2e_pivot_${stamp}_2`;
/** Every line the running container writes carries this; no other container writes it. */
const MARKER = `pivot-marker-${stamp}`;

const engine = () => labProfile().docker[0]!;
const ids: Record<string, string> = {};

function run(name: string, number: number, script: string, detach = true): string {
  return docker(engine(), 'run', ...(detach ? ['-d'] : []), '--network', 'host', '--name', name, '-e', 'ENVIRONMENT=PRE',
    '--label', `com.docker.compose.project=e2e${stamp}`, '--label', `com.docker.compose.service=${SERVICE}`, '--label', `com.docker.compose.container-number=${number}`,
    'lab/busybox:1', 'sh', '-c', script);
}

beforeAll(() => {
  run(RUNNING, 1, `for i in 1 2 3 4 5; do echo "${MARKER} line $i"; done; trap "exit 0" TERM; while true; do sleep 1 & wait $!; done`);
  run(EXITED, 2, 'exit 0', false);
  for (const name of [RUNNING, EXITED]) ids[name] = docker(engine(), 'inspect', '-f', '{{.Id}}', name);
});
afterAll(() => {
  removeContainers(engine(), [RUNNING, EXITED]);
});

const ui = useConsolePage();

async function openDetail(name: string): Promise<void> {
  await ui.page.goto(`${ui.url}#/containers/${encodeURIComponent(engine().name)}/${ids[name]}`);
  await ui.page.locator(`[data-testid="container-detail"][data-name="${name}"]`).waitFor({ timeout: 15_000 });
  await ui.page.locator('[data-testid="detail-pivots"]').waitFor({ timeout: 15_000 });
}

const hash = () => ui.page.evaluate(() => window.location.hash);
const pivot = (id: string) => ui.page.locator(`[data-testid="pivot-${id}"]`);

describe('pivots from a container', () => {
  it('links to the logs, the terminal, the registry, the metrics and the timeline of the container, by name', async () => {
    await openDetail(RUNNING);
    // The lab has etcd and Zabbix: all five are offered, as links a keyboard and a middle-click can follow.
    await pivot('metrics').waitFor({ timeout: 10_000 });
    const links = await ui.page.locator('[data-testid="detail-pivots"] a').evaluateAll((els) =>
      els.map((a) => ({ id: a.getAttribute('data-testid'), href: a.getAttribute('href') ?? '', name: a.getAttribute('aria-label') ?? '' })),
    );
    expect(links.map((l) => l.id)).toEqual(['pivot-logs', 'pivot-terminal', 'pivot-registry', 'pivot-metrics', 'pivot-timeline']);
    const byId = Object.fromEntries(links.map((l) => [l.id, l]));
    const query = (id: string) => new URLSearchParams(byId[id]!.href.split('?')[1]);
    expect(byId['pivot-logs']!.href.startsWith('#/logs?')).toBe(true);
    expect(Object.fromEntries(query('pivot-logs'))).toEqual({ engine: engine().name, id: ids[RUNNING] });
    expect(byId['pivot-terminal']!.href.startsWith('#/terminal?')).toBe(true);
    expect(Object.fromEntries(query('pivot-terminal'))).toEqual({ engine: engine().name, id: ids[RUNNING] });
    expect(byId['pivot-registry']!.href).toBe(`#/registry/services?text=${SERVICE}_PRE`);
    expect(byId['pivot-metrics']!.href).toBe(`#/metrics/hosts?engine=${encodeURIComponent(engine().name)}`);
    expect(byId['pivot-timeline']!.href).toBe(`#/timeline?service=${SERVICE}_PRE`);
    expect(byId['pivot-logs']!.name).toBe(`Logs of ${RUNNING}`);
    expect(byId['pivot-terminal']!.name).toBe(`Terminal in ${RUNNING}`);
    await screenshot(ui.page, 'detail-pivots');
  });

  it('opens its engine’s Zabbix host first and marked, with its charts one click away', async () => {
    await openDetail(RUNNING);
    await pivot('metrics').click();
    const first = ui.page.locator('[data-testid="zabbix-host"]').first();
    await first.waitFor({ timeout: 15_000 });
    expect(await first.getAttribute('data-engine')).toBe(engine().name);
    expect(await first.getAttribute('data-marked')).toBe('true');
    expect(await ui.page.locator('[data-testid="zabbix-host"][data-marked="true"]').count()).toBe(1);
    const hostid = new URLSearchParams((await first.locator('[data-testid="host-charts"]').getAttribute('href'))!.split('?')[1]).get('host');
    await first.locator('[data-testid="host-charts"]').click();
    await ui.page.waitForURL(/#\/metrics\/charts\?host=/);
    await expect.poll(() => ui.page.locator('.metrics-toolbar select').inputValue(), { timeout: 10_000 }).toBe(hostid);
  });

  it('opens the container’s logs in one click', async () => {
    await openDetail(RUNNING);
    await pivot('logs').click();
    const view = ui.page.locator('[data-testid="log-view"]');
    await view.waitFor({ timeout: 15_000 });
    expect(new URLSearchParams((await hash()).split('?')[1]).get('id')).toBe(ids[RUNNING]);
    await expect.poll(() => ui.page.locator('[data-testid="log-source"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))), { timeout: 15_000 }).toEqual([RUNNING]);
    await expect.poll(() => ui.page.locator('[data-testid="log-line"]').count(), { timeout: 15_000 }).toBe(5);
    const lines = await ui.page.locator('[data-testid="log-line"]').allInnerTexts();
    for (const [i, line] of lines.entries()) expect(line).toContain(`${MARKER} line ${i + 1}`);
  });

  it('asks the exec confirmation for the container in one click, and leaves no query in the address', async () => {
    await openDetail(RUNNING);
    await pivot('terminal').click();
    const dialog = ui.page.locator('[data-testid="exec-dialog"]');
    await dialog.waitFor({ timeout: 15_000 });
    expect(await dialog.getAttribute('data-name')).toBe(RUNNING);
    expect(await dialog.getAttribute('data-engine')).toBe(engine().name);
    expect(await dialog.locator('h2').innerText()).toContain(RUNNING);
    await expect.poll(hash).toBe('#/terminal');
    // Cancelled: the picker, not a dead end.
    await ui.page.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await ui.page.locator('[data-testid="terminal-picker"]').waitFor();
  });

  it('offers no terminal for a container that is not running', async () => {
    await openDetail(EXITED);
    const terminal = pivot('terminal');
    expect(await terminal.getAttribute('data-disabled')).toBe('true');
    expect(await terminal.getAttribute('href')).toBeNull();
    expect(await pivot('logs').getAttribute('href')).toContain(ids[EXITED]!);
  });
});

describe('the Terminal screen without a container', () => {
  it('shows a picker of running containers: part of a name and Enter ask the confirmation for that one', async () => {
    await ui.page.goto(`${ui.url}#/containers`);
    await ui.page.goto(`${ui.url}#/terminal`);
    const picker = ui.page.locator('[data-testid="terminal-picker"]');
    await picker.waitFor({ timeout: 15_000 });
    await ui.page.locator(`[data-testid="terminal-pick-option"][data-name="${RUNNING}"]`).waitFor({ timeout: 15_000 });
    // Running containers only; no address or query shown to the user.
    expect(await ui.page.locator(`[data-testid="terminal-pick-option"][data-name="${EXITED}"]`).count()).toBe(0);
    expect(await ui.page.locator('[data-testid="screen"]').innerText()).not.toMatch(/#\/|engine=|id=/);
    await screenshot(ui.page, 'terminal-picker');

    // The search has the focus: typing is all it takes.
    await expect.poll(() => ui.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('terminal-pick-search');
    await ui.page.keyboard.type(`pivot_${stamp}`);
    await expect.poll(() => ui.page.locator('[data-testid="terminal-pick-option"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).toEqual([RUNNING]);
    await ui.page.keyboard.press('Enter');
    const dialog = ui.page.locator('[data-testid="exec-dialog"]');
    await dialog.waitFor({ timeout: 15_000 });
    expect(await dialog.getAttribute('data-name')).toBe(RUNNING);
    expect(await dialog.getAttribute('data-engine')).toBe(engine().name);
    // Enter chose; it did not also confirm.
    expect(await ui.page.locator('[data-testid="terminal"]').count()).toBe(0);

    // Confirmed: a shell in it; the "+" tab brings the picker back beside the open terminal.
    await ui.page.locator('[data-testid="exec-confirm"]').click();
    const terminal = ui.page.locator('[data-testid="terminal"]');
    await expect.poll(() => terminal.getAttribute('data-session'), { timeout: 15_000 }).toBeTruthy();
    await ui.page.locator('[data-testid="terminal-new-tab"]').click();
    await picker.waitFor();
    await expect.poll(() => ui.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('terminal-pick-search');
    await ui.page.keyboard.type(SERVICE);
    await ui.page.keyboard.press('ArrowDown');
    await ui.page.keyboard.press('Enter');
    await dialog.waitFor({ timeout: 15_000 });
    expect(await dialog.getAttribute('data-name')).toBe(RUNNING);
    await ui.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await ui.page.locator('[data-testid="terminal-tab"]').count()).toBe(1);
  });
});
