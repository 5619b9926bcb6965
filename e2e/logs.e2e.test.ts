import { afterAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { docker, dockerBoth, removeContainers } from '../test-support/docker-cli';
import { labProfile } from '../test-support/lab';

const stamp = Date.now().toString(36);
const engine = () => labProfile().docker[0]!;
const made: string[] = [];

function run(name: string, script: string): string {
  made.push(name);
  // A log big enough for the flood without rotation (Docker 20.10 can stall a follow across a rotation).
  return docker(engine(), 'run', '-d', '--network', 'host', '--log-opt', 'max-size=500m', '-e', 'ENVIRONMENT=PRE', '--name', name, 'lab/busybox:1', 'sh', '-c', script);
}
const logCount = (id: string) => {
  const { stdout, stderr } = dockerBoth(engine(), 'logs', id);
  return `${stdout}${stderr}`.split('\n').filter(Boolean).length;
};
const waitExit = async (id: string) => {
  for (let i = 0; i < 600; i++) {
    if (docker(engine(), 'inspect', '-f', '{{.State.Running}}', id) === 'false') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('container did not exit');
};

const ui = useConsolePage();

afterAll(() => {
  removeContainers(engine(), made);
});

const view = () => ui.page.locator('[data-testid="log-view"]');
const attr = async (name: string) => Number(await view().getAttribute(name));

describe('the log viewer', () => {
  it('merges a whole service across hosts, each replica told apart', async () => {
    await ui.page.goto(`${ui.url}#/logs?project=prod&service=search`);
    await view().waitFor({ timeout: 15_000 });
    await expect.poll(() => ui.page.locator('[data-testid="log-source"]').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => attr('data-lines'), { timeout: 15_000 }).toBeGreaterThan(20);
    const sources = new Set(await ui.page.locator('[data-testid="log-line"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-src'))));
    expect(sources.size).toBeGreaterThanOrEqual(2);
    await screenshot(ui.page, 'logs-merged-service');
  });

  it('searches with a regex, counts matches, shows only matching lines, and filters by level', async () => {
    const lines = [
      ...Array.from({ length: 50 }, (_, i) => `echo "alpha ${i + 1}"`),
      ...Array.from({ length: 7 }, (_, i) => `echo "ERROR failure ${i + 1}" >&2`),
      ...Array.from({ length: 3 }, (_, i) => `echo '{"level":"error","msg":"json failure ${i + 1}"}'`),
      ...Array.from({ length: 4 }, (_, i) => `echo "WARN slow ${i + 1}"`),
    ].join('; ');
    const id = run(`e2e_search_${stamp}`, `${lines}; sleep 600`);
    await ui.page.goto(`${ui.url}#/logs?engine=${encodeURIComponent(engine().name)}&id=${id}`);
    await view().waitFor({ timeout: 15_000 });
    await expect.poll(() => attr('data-lines'), { timeout: 15_000 }).toBe(64);

    await ui.page.locator('[data-testid="log-search-regex"]').check();
    await ui.page.locator('[data-testid="log-search"]').fill('alpha \\d*5$');
    await expect.poll(() => ui.page.locator('[data-testid="log-match-count"]').getAttribute('data-count')).toBe('5'); // 5 15 25 35 45
    await ui.page.locator('[data-testid="log-only-matching"]').check();
    await expect.poll(() => ui.page.locator('[data-testid="log-line"]').count()).toBe(5);
    await screenshot(ui.page, 'logs-search');
    await ui.page.locator('[data-testid="log-only-matching"]').uncheck();
    await ui.page.locator('[data-testid="log-search"]').fill('');

    // Every level is shown until unticked; leave only errors.
    for (const level of ['error', 'warn', 'info', 'debug']) expect(await ui.page.locator(`[data-testid="log-level-${level}"]`).isChecked(), level).toBe(true);
    for (const level of ['info', 'warn', 'debug']) await ui.page.locator(`[data-testid="log-level-${level}"]`).uncheck();
    await expect.poll(() => ui.page.locator('[data-testid="log-line"]').count()).toBe(10);
    const levels = await ui.page.locator('[data-testid="log-line"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-level')));
    expect(new Set(levels)).toEqual(new Set(['error']));
    const streams = await ui.page.locator('[data-testid="log-line"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-stream')));
    expect(streams.filter((s) => s === 'err')).toHaveLength(7);
  });

  it('starts with the last N lines and loads earlier ones from Docker', async () => {
    const id = run(`e2e_earlier_${stamp}`, 'i=0; while [ $i -lt 50 ]; do i=$((i+1)); echo "row $i"; done; sleep 600');
    await new Promise((r) => setTimeout(r, 1500));
    await ui.page.goto(`${ui.url}#/logs?engine=${encodeURIComponent(engine().name)}&id=${id}`);
    await view().waitFor({ timeout: 15_000 });
    await ui.page.locator('[data-testid="log-tail"]').fill('10');
    await expect.poll(() => attr('data-lines'), { timeout: 15_000 }).toBe(10);
    await ui.page.locator('[data-testid="log-load-earlier"]').click();
    await expect.poll(() => attr('data-lines'), { timeout: 15_000 }).toBe(20);
    const first = await ui.page.locator('[data-testid="log-line"]').first().innerText();
    expect(first).toContain('row 31');
  });

  it('pauses the view, not the stream: nothing is lost', async () => {
    const id = run(`e2e_pause_${stamp}`, 'i=0; while [ $i -lt 300 ]; do i=$((i+1)); echo "tick $i"; usleep 20000; done; sleep 2');
    await ui.page.goto(`${ui.url}#/logs?engine=${encodeURIComponent(engine().name)}&id=${id}`);
    await view().waitFor({ timeout: 15_000 });
    await expect.poll(() => attr('data-lines'), { timeout: 15_000 }).toBeGreaterThan(30);
    await ui.page.locator('[data-testid="log-pause"]').click();
    await expect.poll(() => view().getAttribute('data-paused')).toBe('true');
    await expect.poll(async () => Number((await ui.page.locator('[data-testid="log-paused-count"]').innerText()).replace(/\D/g, '')), { timeout: 10_000 }).toBeGreaterThan(20);
    await ui.page.locator('[data-testid="log-pause"]').click();
    await waitExit(id);
    await expect.poll(() => attr('data-lines'), { timeout: 15_000 }).toBe(logCount(id));
    expect(logCount(id)).toBe(300);
  });
});

describe('the exec terminal', () => {
  it('runs echo, reports the size after a resize, and shows exit code 3', async () => {
    const id = run(`e2e_exec_${stamp}`, 'sleep 600');
    await ui.page.goto(`${ui.url}#/terminal?engine=${encodeURIComponent(engine().name)}&id=${id}`);
    await ui.page.locator('[data-testid="exec-confirm"]').click({ timeout: 15_000 });
    const terminal = ui.page.locator('[data-testid="terminal"]').last();
    await terminal.waitFor({ timeout: 15_000 });
    await expect.poll(() => terminal.getAttribute('data-session'), { timeout: 15_000 }).toBeTruthy();
    await terminal.click();
    const text = () => terminal.locator('.xterm-rows').innerText();
    await ui.page.keyboard.type('echo hello-$((6*7))\n');
    await expect.poll(text, { timeout: 10_000 }).toContain('hello-42');

    await ui.page.keyboard.type('stty size\n');
    await expect.poll(text, { timeout: 10_000 }).toMatch(/\n\d+ \d+\n/);
    const before = (await text()).match(/\n(\d+ \d+)\n/)![1];
    await ui.page.setViewportSize({ width: 1100, height: 700 });
    await ui.page.waitForTimeout(800);
    await ui.page.keyboard.type('clear; stty size\n');
    await expect.poll(async () => (await text()).match(/(\d+ \d+)/)?.[1], { timeout: 10_000 }).not.toBe(before);
    await ui.page.setViewportSize({ width: 1440, height: 900 });
    await ui.page.waitForTimeout(500);
    await screenshot(ui.page, 'terminal');

    await ui.page.keyboard.type('exit 3\n');
    await expect.poll(() => terminal.getAttribute('data-exit-code'), { timeout: 10_000 }).toBe('3');
    expect(await text()).toMatch(/3/);
  });
});
