import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { docker, dockerBoth, removeContainers } from '../test-support/docker-cli';
import { labProfile } from '../test-support/lab';

/**
 * Issue 16: two replicas of one service flood their logs while the service's merged view
 * follows them live. The view must receive every line, once, each replica's in order — not
 * fall further and further behind. (How fast is measured in the bench: npm run bench -- --only live.)
 */
const PER_REPLICA = 200_000;
const stamp = Date.now().toString(36);
const project = `e2e${stamp}`;
const service = 'flood';
const engine = () => labProfile().docker[0]!;
const gate = mkdtempSync(join(tmpdir(), 'e2e-live-gate-'));
const made: string[] = [];

/** A replica that waits, running, until the gate file exists, then prints 1..PER_REPLICA and exits. */
function replica(number: number): string {
  const name = `${project}_${service}_${number}`;
  made.push(name);
  return docker(
    engine(),
    'run', '-d', '--network', 'host',
    // A log big enough for the flood without rotation (Docker 20.10's follow loses lines across a rotation, the CLI's too).
    '--log-opt', 'max-size=500m',
    '-v', `${gate}:/gate`,
    '--label', `com.docker.compose.project=${project}`, '--label', `com.docker.compose.service=${service}`, '--label', `com.docker.compose.container-number=${number}`,
    '--name', name, 'lab/busybox:1', 'sh', '-c', `while [ ! -e /gate/go ]; do sleep 0.05; done; seq 1 ${PER_REPLICA}`,
  );
}

const ui = useConsolePage();

afterAll(() => {
  removeContainers(engine(), made);
  rmSync(gate, { recursive: true, force: true });
});

const view = () => ui.page.locator('[data-testid="log-view"]');
const attr = async (name: string) => Number(await view().getAttribute(name));
const received = async () => (await attr('data-lines')) + (await attr('data-dropped'));

describe('a live merged log flood', () => {
  it('reaches the view whole: every line of both replicas once, each replica in order, the window full', async () => {
    const ids = [replica(1), replica(2)];
    await ui.page.goto(`${ui.url}#/logs?project=${project}&service=${service}`);
    await view().waitFor({ timeout: 15_000 });
    // Both replicas followed before they print anything: the whole flood comes live.
    await expect
      .poll(() => ui.page.locator('[data-testid="log-source"][data-state="following"]').count(), { timeout: 20_000 })
      .toBe(2);
    writeFileSync(join(gate, 'go'), '');

    const total = 2 * PER_REPLICA;
    await expect.poll(received, { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(total);
    // Docker holds exactly that many, and nothing more arrives later (no line twice).
    for (const id of ids) expect(dockerBoth(engine(), 'logs', id).stdout.split('\n').filter(Boolean).length).toBe(PER_REPLICA);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await received()).toBe(total);
    expect(await attr('data-lines')).toBe(100_000);
    expect(await attr('data-dropped')).toBe(total - 100_000);
    // The view followed the flood to its end: the newest lines are the ones on screen.
    await expect
      .poll(() => ui.page.locator('[data-testid="log-line"] .log-line__msg').allTextContents(), { timeout: 5000 })
      .toEqual(expect.arrayContaining([String(PER_REPLICA), String(PER_REPLICA - 1)]));
    await screenshot(ui.page, 'logs-live-flood');

    // The kept window ends with each replica's last lines, in order: search it by regex, only matching.
    await ui.page.locator('[data-testid="log-search-regex"]').check();
    const last = Array.from({ length: 10 }, (_, i) => PER_REPLICA - 9 + i);
    await ui.page.locator('[data-testid="log-search"]').fill(`^(${last.join('|')})$`);
    await expect.poll(() => ui.page.locator('[data-testid="log-match-count"]').getAttribute('data-count')).toBe('20');
    await ui.page.locator('[data-testid="log-only-matching"]').check();
    await expect.poll(() => ui.page.locator('[data-testid="log-line"]').count()).toBe(20);
    const lines = await ui.page
      .locator('[data-testid="log-line"]')
      .evaluateAll((els) => els.map((e) => ({ src: e.getAttribute('data-src')!, m: e.querySelector('.log-line__msg')!.textContent! })));
    const bySrc = new Map<string, number[]>();
    for (const line of lines) bySrc.set(line.src, [...(bySrc.get(line.src) ?? []), Number(line.m)]);
    expect(bySrc.size).toBe(2);
    for (const numbers of bySrc.values()) expect(numbers).toEqual(last);
  });
});
