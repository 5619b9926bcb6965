import { afterAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { docker, removeContainers } from '../test-support/docker-cli';
import { labProfile } from '../test-support/lab';

const stamp = Date.now().toString(36);
const engine = () => labProfile().docker[0]!;
const made: string[] = [];

const ui = useConsolePage();

afterAll(() => {
  removeContainers(engine(), made);
});

/** A container that prints 60 lines, every tenth with "needle-N", then sleeps. */
function needleContainer(): string {
  const name = `e2e_keys_${stamp}`;
  made.push(name);
  const script = 'i=0; while [ $i -lt 60 ]; do i=$((i+1)); if [ $((i % 10)) -eq 0 ]; then echo "needle-$i here"; else echo "hay $i"; fi; done; sleep 600';
  return docker(engine(), 'run', '-d', '--network', 'host', '--name', name, 'lab/busybox:1', 'sh', '-c', script);
}

const dialog = () => ui.page.getByRole('dialog', { name: /Keyboard shortcuts|键盘快捷键/ });
const counter = () => ui.page.locator('[data-testid="log-match-count"]');
const view = () => ui.page.locator('[data-testid="log-view"]');
const currentLine = () => ui.page.locator('[data-testid="log-line"][data-current="true"]');

/** Presses `?`, and returns the rows of the dialog as "keys → what" (e.g. "j/↓ → Next row"). */
async function openKeys(): Promise<string[]> {
  await ui.page.keyboard.press('?');
  await dialog().waitFor({ timeout: 5000 });
  return ui.page.locator('[data-testid="keys-row"]').evaluateAll((rows) =>
    rows.map((row) => `${Array.from(row.querySelectorAll('kbd')).map((k) => k.textContent).join(' ')} → ${row.querySelector('dd')?.textContent ?? ''}`),
  );
}

async function closeKeys(): Promise<void> {
  await ui.page.keyboard.press('Escape');
  await dialog().waitFor({ state: 'detached', timeout: 5000 });
}

async function setTheme(theme: 'dark' | 'light'): Promise<void> {
  await ui.page.evaluate((t) => {
    localStorage.setItem('ops-console.theme', t);
    document.documentElement.dataset.theme = t;
    document.documentElement.style.colorScheme = t;
  }, theme);
}

describe('keys everywhere', () => {
  it('? lists the screen’s keys and the global ones on Containers, Incidents and Logs; Escape closes', async () => {
    await ui.page.goto(`${ui.url}#/containers`);
    await ui.page.locator('[data-testid="container-row"]').first().waitFor({ timeout: 20_000 });
    let rows = await openKeys();
    expect(rows).toContain('j ↓ → Next row');
    expect(rows).toContain('l → Logs of the row');
    expect(rows).toContain('s → Shell in the row’s container');
    expect(rows).toContain('g i → Go to Incidents');
    expect(rows).toContain('? → Show the keyboard shortcuts');
    const groups = await dialog().locator('[data-testid="keys-group"] h3').allInnerTexts();
    expect(groups.map((g) => g.toLowerCase())).toEqual(['containers', 'everywhere']);
    await closeKeys();

    // g then a letter goes to a screen.
    await ui.page.keyboard.press('g');
    await ui.page.keyboard.press('i');
    await expect.poll(() => ui.page.evaluate(() => location.hash)).toBe('#/incidents');
    await ui.page.locator('[data-testid="all-clear"], [data-testid="incident"]').first().waitFor({ timeout: 20_000 });
    rows = await openKeys();
    expect(rows).toContain('l → Logs at the moment of failure');
    expect(rows).toContain('s → Shell in a healthy replica');
    expect(rows).toContain('g c → Go to Containers');
    await closeKeys();

    const id = needleContainer();
    await ui.page.goto(`${ui.url}#/logs?engine=${encodeURIComponent(engine().name)}&id=${id}`);
    await expect.poll(async () => Number(await view().getAttribute('data-lines')), { timeout: 15_000 }).toBe(60);
    rows = await openKeys();
    expect(rows).toContain('n → Next match');
    expect(rows).toContain('N → Previous match');
    expect(rows).toContain('f → Follow the end on or off');
    expect(rows).toContain('Space → Pause or resume');
    expect(rows).toContain('Enter ⇧ Enter → In the search: next / previous match');
    // While the dialog is open the screen's keys are asleep.
    await ui.page.keyboard.press('f');
    expect(await view().getAttribute('data-follow')).toBe('true');
    await closeKeys();
  });

  it('moves in the Containers list with j/k and opens the highlighted row’s logs with l', async () => {
    const name = `e2e_keys_${stamp}`;
    await ui.page.goto(`${ui.url}#/containers`);
    const filter = ui.page.locator('[data-testid="container-filter"]');
    await filter.waitFor({ timeout: 20_000 });
    await ui.page.locator('[data-screen-heading]').focus();
    await ui.page.keyboard.press('/');
    await expect.poll(() => ui.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('container-filter');
    await ui.page.keyboard.type(name); // typed into the filter: no key of the screen runs
    await expect.poll(() => filter.inputValue()).toBe(name);
    await expect.poll(() => ui.page.locator('[data-testid="container-row"]').count(), { timeout: 10_000 }).toBe(1);
    await ui.page.locator('[data-screen-heading]').focus();
    await ui.page.keyboard.press('j');
    await expect.poll(() => ui.page.locator('[data-testid="container-row"].is-highlighted').getAttribute('data-name')).toBe(name);
    await ui.page.keyboard.press('l');
    await expect.poll(() => ui.page.evaluate(() => location.hash)).toMatch(/^#\/logs\?engine=.+&id=/);
    await view().waitFor({ timeout: 15_000 });
    await expect.poll(() => ui.page.locator('[data-testid="log-source"]').getAttribute('data-name'), { timeout: 15_000 }).toBe(name);
    await ui.page.goto(`${ui.url}#/containers`);
    await filter.waitFor({ timeout: 20_000 });
    await filter.fill('');
  });

  it('drives the Logs screen from the keyboard: / search jumps as you type, n/N, f, space, e, w, t, Home/End', async () => {
    const id = made.length > 0 ? docker(engine(), 'inspect', '-f', '{{.Id}}', made[0]!) : needleContainer();
    await ui.page.goto(`${ui.url}#/logs?engine=${encodeURIComponent(engine().name)}&id=${id}`);
    await expect.poll(async () => Number(await view().getAttribute('data-lines')), { timeout: 15_000 }).toBe(60);
    expect(await view().getAttribute('data-follow')).toBe('true');

    // / focuses the search; typing jumps to the first match (scrolled to and marked) and says "1 / 6".
    await ui.page.locator('[data-screen-heading]').focus();
    await ui.page.keyboard.press('/');
    await expect.poll(() => ui.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('log-search');
    await ui.page.keyboard.type('needle');
    await expect.poll(() => counter().innerText()).toBe('1 / 6');
    await expect.poll(() => currentLine().innerText()).toContain('needle-10 here');
    expect(await view().getAttribute('data-follow')).toBe('false'); // a jump stops following
    // What is typed in the field is text (the n and e of "needle" ran no key of the screen).
    await ui.page.keyboard.type('-');
    expect(await ui.page.locator('[data-testid="log-search"]').inputValue()).toBe('needle-');
    await expect.poll(() => counter().innerText()).toBe('1 / 6');
    await ui.page.keyboard.press('Enter');
    await expect.poll(() => counter().innerText()).toBe('2 / 6');
    await ui.page.keyboard.press('Shift+Enter');
    await expect.poll(() => counter().innerText()).toBe('1 / 6');
    expect(await view().getAttribute('data-paused')).toBe('false');

    // Escape leaves the field for the lines; n and N go through the matches.
    await ui.page.keyboard.press('Escape');
    await ui.page.keyboard.press('n');
    await expect.poll(() => counter().innerText()).toBe('2 / 6');
    await expect.poll(() => currentLine().innerText()).toContain('needle-20 here');
    await ui.page.keyboard.press('n');
    await expect.poll(() => counter().innerText()).toBe('3 / 6');
    await ui.page.keyboard.press('N');
    await expect.poll(() => counter().innerText()).toBe('2 / 6');
    await screenshot(ui.page, 'keys-logs-search');

    // f turns following on (the end comes into view) and off.
    await ui.page.keyboard.press('f');
    await expect.poll(() => view().getAttribute('data-follow')).toBe('true');
    expect(await ui.page.locator('[data-testid="log-follow"]').isChecked()).toBe(true);
    await expect.poll(() => ui.page.locator('[data-testid="log-line"]').last().innerText()).toContain('needle-60 here');
    await ui.page.keyboard.press('f');
    await expect.poll(() => view().getAttribute('data-follow')).toBe('false');
    expect(await ui.page.locator('[data-testid="log-follow"]').isChecked()).toBe(false);

    // Space pauses and resumes.
    await ui.page.keyboard.press('Space');
    await expect.poll(() => view().getAttribute('data-paused')).toBe('true');
    await expect.poll(() => ui.page.locator('[data-testid="log-pause"]').innerText()).toBe('Resume');
    await ui.page.keyboard.press('Space');
    await expect.poll(() => view().getAttribute('data-paused')).toBe('false');
    await expect.poll(() => ui.page.locator('[data-testid="log-pause"]').innerText()).toBe('Pause');

    // Home and End.
    await ui.page.keyboard.press('Home');
    await expect.poll(() => ui.page.locator('[data-testid="log-line"]').first().innerText()).toContain('hay 1');
    await expect.poll(() => view().evaluate((el) => el.scrollTop)).toBe(0);
    await ui.page.keyboard.press('End');
    await expect.poll(() => view().getAttribute('data-follow')).toBe('true');

    // w wraps, t hides the timestamps, e shows errors only (and every level again).
    await ui.page.keyboard.press('w');
    await expect.poll(() => ui.page.locator('[data-testid="log-wrap"]').isChecked()).toBe(true);
    await ui.page.keyboard.press('t');
    await expect.poll(() => ui.page.locator('[data-testid="log-timestamps"]').isChecked()).toBe(false);
    await ui.page.keyboard.press('e');
    await expect.poll(() => ui.page.locator('[data-testid="log-level-info"]').isChecked()).toBe(false);
    expect(await ui.page.locator('[data-testid="log-level-error"]').isChecked()).toBe(true);
    await expect.poll(() => ui.page.locator('[data-testid="log-line"]').count()).toBe(0);
    await ui.page.keyboard.press('e');
    await expect.poll(() => ui.page.locator('[data-testid="log-level-info"]').isChecked()).toBe(true);
  });

  it('shows the keys dialog in dark, light and Chinese at 1440 and 1024 px', async () => {
    const id = docker(engine(), 'inspect', '-f', '{{.Id}}', made[0]!);
    for (const width of [1440, 1024]) {
      await ui.page.setViewportSize({ width, height: 900 });
      for (const [theme, language] of [['dark', 'en'], ['light', 'en'], ['dark', 'zh-CN']] as const) {
        await ui.page.evaluate((lang) => localStorage.setItem('ops-console.language', lang), language);
        await ui.page.goto(`${ui.url}#/logs?engine=${encodeURIComponent(engine().name)}&id=${id}`);
        await ui.page.reload();
        await setTheme(theme);
        await expect.poll(async () => Number(await view().getAttribute('data-lines')), { timeout: 15_000 }).toBe(60);
        await ui.page.locator('[data-screen-heading]').focus();
        await openKeys();
        if (language === 'zh-CN') expect(await dialog().innerText()).toContain('下一个匹配');
        await screenshot(ui.page, `keys-dialog-${theme}-${language}-${width}`);
        await closeKeys();
      }
    }
    await ui.page.evaluate(() => localStorage.setItem('ops-console.language', 'en'));
    await setTheme('dark');
    await ui.page.setViewportSize({ width: 1440, height: 900 });
  });
});
