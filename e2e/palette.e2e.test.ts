import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { dockerPs } from '../test-support/docker-cli';
import { etcdctl, etcdGetPrefix } from '../test-support/etcdctl';
import { labProfile } from '../test-support/lab';
import { zabbixApi } from '../test-support/zabbix-api';

/**
 * The command palette finds entities of the lab by name: a container by three letters of its
 * name, a registry instance by its ip:port, a Zabbix problem by its name; Enter opens each,
 * Ctrl+Enter opens a container's logs.
 */

/** A registration nobody serves (port 9 is never a replica's): the lab's Zabbix raises "Stale registrations of user_PRE". */
const STALE_KEY = '/user_PRE/127.0.0.1-9';
const STALE_PROBLEM = 'Stale registrations of user_PRE';

const ui = useConsolePage();
const hash = () => ui.page.evaluate(() => window.location.hash);
const rows = () => ui.page.locator('[data-testid="palette-row"]');

beforeAll(() => {
  etcdctl('put', STALE_KEY, '127.0.0.1:9');
});
afterAll(() => {
  etcdctl('del', STALE_KEY);
});

interface LabContainer {
  engine: string;
  id: string;
  name: string;
}

function labContainers(): LabContainer[] {
  return labProfile().docker.flatMap((engine) => dockerPs(engine).map((c) => ({ engine: engine.name, id: c.id, name: c.name })));
}

/**
 * A lab replica (`prod_search_3` …) and three letters of its name found in no other
 * container's name nor in any registry key (so the container itself must rank first).
 */
function containerWithUniqueLetters(): { container: LabContainer; letters: string } {
  const all = labContainers();
  const keys = [...etcdGetPrefix('/').keys()].map((k) => k.toLowerCase());
  for (const container of all.filter((c) => /^(prod|pre)_[a-z]+_\d+$/.test(c.name))) {
    const others = [...all.filter((c) => c !== container).map((c) => c.name.toLowerCase()), ...keys];
    for (let at = container.name.length - 3; at >= 0; at--) {
      const letters = container.name.slice(at, at + 3);
      if (!others.some((other) => other.includes(letters))) return { container, letters };
    }
  }
  throw new Error(`no lab container has three letters of its own: ${all.map((c) => c.name).join(', ')}`);
}

async function openPalette(): Promise<void> {
  await ui.page.locator('[data-testid="screen"]').waitFor({ timeout: 15_000 });
  await ui.page.keyboard.press('Control+k');
  await ui.page.locator('[data-testid="command-palette"]').waitFor({ timeout: 5_000 });
}

async function search(query: string): Promise<void> {
  await ui.page.locator('[data-testid="palette-input"]').fill(query);
}

/** The first row once it is what the test waits for (the streams fill the palette within a moment of its opening). */
async function firstRowBecomes(expected: { kind: string; label?: string; id?: string }): Promise<void> {
  await expect
    .poll(async () => {
      const first = rows().first();
      if ((await first.count()) === 0) return undefined;
      return { kind: await first.getAttribute('data-kind'), ...(expected.label !== undefined && { label: await first.getAttribute('data-label') }), ...(expected.id !== undefined && { id: await first.getAttribute('data-id') }) };
    }, { timeout: 20_000 })
    .toEqual(expected);
  // The first row is the selected one: Enter opens it.
  expect(await rows().first().getAttribute('data-selected')).toBe('true');
}

describe('the entity palette', () => {
  it('finds a container by three letters of its name and opens its detail with Enter', async () => {
    const { container, letters } = containerWithUniqueLetters();
    await ui.page.goto(`${ui.url}#/incidents`);
    await openPalette();
    await search(letters);
    await firstRowBecomes({ kind: 'container', label: container.name });
    await ui.page.keyboard.press('Enter');
    await ui.page.locator(`[data-testid="container-detail"][data-name="${container.name}"]`).waitFor({ timeout: 15_000 });
    expect(await hash()).toBe(`#/containers/${encodeURIComponent(container.engine)}/${container.id}`);
    expect(await ui.page.locator('[data-testid="command-palette"]').count()).toBe(0);
  });

  it('offers actions on the open container, and remembers it among the recents', async () => {
    const { container } = containerWithUniqueLetters();
    await openPalette();
    // Empty query: the container just opened is the first recent; the actions on it follow.
    await firstRowBecomes({ kind: 'container', label: container.name });
    const actions = await ui.page.locator('[data-testid="palette-row"][data-kind="action"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(actions.slice(0, 3)).toEqual(['action:logs', 'action:terminal', 'action:restart']);
    await screenshot(ui.page, 'palette-recents-dark-1440');
    // Restart…: the detail's own confirmation opens (nothing is restarted without it).
    await search('restart');
    await firstRowBecomes({ kind: 'action', id: 'action:restart' });
    await ui.page.keyboard.press('Enter');
    await ui.page.locator(`[data-testid="action-target"][data-name="${container.name}"]`).waitFor({ timeout: 10_000 });
    await ui.page.keyboard.press('Escape');
    await ui.page.locator('[data-testid="action-target"]').waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('opens a container’s logs with Ctrl+Enter', async () => {
    const { container, letters } = containerWithUniqueLetters();
    await ui.page.goto(`${ui.url}#/topology`);
    await openPalette();
    await search(letters);
    await firstRowBecomes({ kind: 'container', label: container.name });
    await ui.page.keyboard.press('Control+Enter');
    await expect.poll(hash, { timeout: 5_000 }).toMatch(/^#\/logs\?/);
    await ui.page.locator('[data-testid="log-view"]').waitFor({ timeout: 30_000 });
    const query = new URLSearchParams((await hash()).split('?')[1]);
    expect((await hash()).startsWith('#/logs?')).toBe(true);
    expect(Object.fromEntries(query)).toEqual({ engine: container.engine, id: container.id });
    await expect.poll(() => ui.page.locator('[data-testid="log-source"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))), { timeout: 15_000 }).toEqual([container.name]);
  });

  it('finds a registry instance by ip:port and opens it in the Registry', async () => {
    // Not user_PROD's: its crash-looping replica's key comes and goes with the replica (it vanished mid-test once).
    const registrations = [...etcdGetPrefix('/').entries()].filter(([key, value]) => /^\/[a-z]+_[A-Z]+\/127\.0\.0\.1-\d+$/.test(key) && key !== STALE_KEY && !key.startsWith('/user_PROD/') && key.endsWith(`-${value.split(':')[1]}`));
    expect(registrations.length, 'registrations in the lab').toBeGreaterThan(0);
    const [key, address] = registrations[0]!;
    await ui.page.goto(`${ui.url}#/incidents`);
    await openPalette();
    await search(address);
    await firstRowBecomes({ kind: 'instance', label: address, id: `instance:${key}` });
    await screenshot(ui.page, 'palette-instance');
    await ui.page.keyboard.press('Enter');
    expect(await hash()).toBe(`#/registry/services?text=${encodeURIComponent(key)}`);
    // The registry's services, filtered to that key: its instance, by its address.
    const instance = ui.page.locator('[data-testid="registry-instance"]');
    await instance.first().waitFor({ timeout: 15_000 });
    // (The row breaks the address over lines: compare without white space.)
    await expect.poll(async () => (await instance.allInnerTexts()).map((text) => text.replace(/\s+/g, '')), { timeout: 10_000 }).toEqual([expect.stringContaining(address)]);
  });

  it('finds a Zabbix problem by its name and opens it marked among the problems', async () => {
    // The planted registration turns into an open problem in Zabbix (the feeder reports every 5 s).
    let eventid = '';
    await expect
      .poll(async () => {
        const problems = await zabbixApi<Array<{ eventid: string; name: string }>>('problem.get', { output: ['eventid', 'name'] });
        eventid = problems.find((p) => p.name === STALE_PROBLEM)?.eventid ?? '';
        return eventid;
      }, { timeout: 90_000, interval: 2000 })
      .not.toBe('');
    await ui.page.goto(`${ui.url}#/incidents`);
    await openPalette();
    await search('stale registrations of user_pre');
    await firstRowBecomes({ kind: 'problem', label: STALE_PROBLEM, id: `problem:${eventid}` });
    await ui.page.keyboard.press('Enter');
    expect(await hash()).toBe(`#/metrics/problems?event=${eventid}`);
    const row = ui.page.locator(`[data-testid="zabbix-problem"][data-eventid="${eventid}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getAttribute('data-marked')).toBe('true');
    // On the marked problem the palette offers to acknowledge it (the dialog opens; nothing is sent).
    await openPalette();
    await search('acknowledge');
    await firstRowBecomes({ kind: 'action', id: 'action:acknowledge' });
    await ui.page.keyboard.press('Enter');
    await ui.page.locator('[data-testid="ack-message"]').waitFor({ timeout: 10_000 });
    await ui.page.keyboard.press('Escape');
  }, 150_000);

  it('looks right: recents and a mixed query, dark and light, English and Chinese, 1440 and 1024 wide', async () => {
    for (const width of [1440, 1024]) {
      await ui.page.setViewportSize({ width, height: 860 });
      await ui.page.goto(`${ui.url}#/incidents`);
      for (const variant of ['dark', 'light', 'zh']) {
        await openPalette();
        await ui.page.waitForTimeout(300);
        await screenshot(ui.page, `palette-empty-${variant}-${width}`);
        await search('user');
        await firstRowBecomes({ kind: 'service' }).catch(() => undefined);
        await ui.page.waitForTimeout(300);
        await screenshot(ui.page, `palette-mixed-${variant}-${width}`);
        // Next variant: light theme, then Chinese (both through the palette itself).
        const next = variant === 'dark' ? 'pref:toggle-theme' : variant === 'light' ? 'pref:language-zh-CN' : undefined;
        if (next) {
          await search(next === 'pref:toggle-theme' ? 'light' : 'language');
          await ui.page.locator(`[data-testid="palette-row"][data-id="${next}"]`).click();
        } else {
          // Back to English and dark for the next width.
          await search('语言');
          await ui.page.locator('[data-testid="palette-row"][data-id="pref:language-en"]').click();
          await openPalette();
          await search('dark');
          await ui.page.locator('[data-testid="palette-row"][data-id="pref:toggle-theme"]').click();
        }
      }
    }
  }, 120_000);
});
