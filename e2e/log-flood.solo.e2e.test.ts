import { afterAll, describe, expect, it } from 'vitest';
import { useConsolePage } from '../test-support/console-page';
import { docker, removeContainers } from '../test-support/docker-cli';
import { labProfile } from '../test-support/lab';

/**
 * A container floods a million lines while its log view follows it: the page stays responsive
 * and its memory bounded. It runs alone (the solo phase of npm test): the click bound is about
 * the console, not about a machine also running the other tests' consoles and browsers.
 */
const engine = () => labProfile().docker[0]!;
// Each try (the solo phase retries a failure) floods a container of its own name.
const names: string[] = [];

const ui = useConsolePage();

afterAll(() => {
  removeContainers(engine(), names);
});

const view = () => ui.page.locator('[data-testid="log-view"]');
const attr = async (attribute: string) => Number(await view().getAttribute(attribute));
const pause = () => ui.page.locator('[data-testid="log-pause"]');

describe('the log viewer under a flood', () => {
  it('stays responsive under a flood of a million lines, with memory bounded and the dropped count right', async () => {
    const name = `e2e_flood_${Date.now().toString(36)}`;
    names.push(name);
    // A log big enough for the flood without rotation (Docker 20.10 can stall a follow across a rotation).
    const id = docker(engine(), 'run', '-d', '--network', 'host', '--log-opt', 'max-size=500m', '-e', 'ENVIRONMENT=PRE', '--name', name, 'lab/busybox:1', 'sh', '-c', 'sleep 6; seq 1 1000000; sleep 600');
    await ui.page.goto(`${ui.url}#/logs?engine=${encodeURIComponent(engine().name)}&id=${id}`);
    await view().waitFor({ timeout: 15_000 });
    // Pause and resume once before the flood, as an engineer would have touched the page: the bound
    // below is about the flood, not about the first use of the button.
    await pause().click();
    await expect.poll(() => view().getAttribute('data-paused')).toBe('true');
    await pause().click();
    await expect.poll(() => view().getAttribute('data-paused')).toBe('false');
    // During the flood the page takes a click within a second, and shows its effect within a second.
    await expect.poll(() => attr('data-lines'), { timeout: 30_000 }).toBeGreaterThan(10_000);
    await pause().click({ timeout: 1000 });
    await expect.poll(() => view().getAttribute('data-paused'), { timeout: 1000 }).toBe('true');
    await pause().click();
    await expect.poll(async () => (await attr('data-lines')) + (await attr('data-dropped')), { timeout: 120_000, interval: 1000 }).toBe(1_000_000);
    expect(await attr('data-lines')).toBe(100_000);
    expect(await attr('data-dropped')).toBe(900_000);
    const heap = await ui.page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    expect(heap).toBeLessThan(400 * 1024 * 1024); // the stated bound: 400 MB of JS heap for a full 100k-line view
  }, 180_000);
});
