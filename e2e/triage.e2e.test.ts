import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { docker, dockerPs } from '../test-support/docker-cli';
import { etcdGetPrefix } from '../test-support/etcdctl';
import { labProfile } from '../test-support/lab';

/**
 * A whole triage with the keyboard only (issue 15): the palette finds the test's own container by
 * three letters, Ctrl+Enter opens its logs, `/` searches them, n goes to the next match, Space
 * pauses, `g c` goes to Containers, `/` filters, j highlights, s asks the exec confirmation, the
 * typed name and Enter open a shell, and a command typed into it answers. Only page.keyboard
 * drives the console; locators only read what the screen shows.
 */

const stamp = Date.now().toString(36);
const engine = () => labProfile().docker[0]!;
const SERVICE = `triage${stamp}`;
/** Every fifth line carries it (4 of the 20 lines); no other container writes it. */
const NEEDLE = `triage-needle-${stamp}`;
const LINES = 20;
const MATCHES = 4;

/** Three letters found in no lab container's name, no registry key and not in our service's name. */
function uniqueLetters(): string {
  const others = [
    ...labProfile().docker.flatMap((e) => dockerPs(e).map((c) => c.name.toLowerCase())),
    ...[...etcdGetPrefix('/').keys()].map((k) => k.toLowerCase()),
    SERVICE,
    `e2e${SERVICE}`,
  ];
  const alphabet = 'qxzjvwk';
  for (let tries = 0; tries < 200; tries++) {
    const letters = Array.from({ length: 3 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
    if (!others.some((name) => name.includes(letters))) return letters;
  }
  throw new Error('no three letters are free');
}

let letters = '';
let name = '';

beforeAll(() => {
  letters = uniqueLetters();
  name = `e2e_${letters}_${stamp}_1`;
  const script = `i=0; while [ $i -lt ${LINES} ]; do i=$((i+1)); if [ $((i % 5)) -eq 0 ]; then echo "${NEEDLE} at $i"; else echo "hay $i"; fi; done; trap "exit 0" TERM; while true; do sleep 1 & wait $!; done`;
  // A production replica: the exec confirmation asks for its name, typed.
  docker(engine(), 'run', '-d', '--network', 'host', '--name', name, '-e', 'ENVIRONMENT=PROD',
    '--label', `com.docker.compose.project=e2e${SERVICE}`, '--label', `com.docker.compose.service=${SERVICE}`, '--label', 'com.docker.compose.container-number=1',
    'lab/busybox:1', 'sh', '-c', script);
});
afterAll(() => {
  try {
    docker(engine(), 'rm', '-f', name);
  } catch {
    // gone
  }
});

const ui = useConsolePage();
const keys = () => ui.page.keyboard;
const hash = () => ui.page.evaluate(() => window.location.hash);
const focused = () => ui.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName.toLowerCase());
const counter = () => ui.page.locator('[data-testid="log-match-count"]');
const view = () => ui.page.locator('[data-testid="log-view"]');
const currentLine = () => ui.page.locator('[data-testid="log-line"][data-current="true"]');

/** The screen as it is, at 1440 and at 1024 px wide. */
async function shoot(step: string): Promise<void> {
  await screenshot(ui.page, `triage-${step}-1440`);
  await ui.page.setViewportSize({ width: 1024, height: 900 });
  await ui.page.waitForTimeout(300);
  await screenshot(ui.page, `triage-${step}-1024`);
  await ui.page.setViewportSize({ width: 1440, height: 900 });
  await ui.page.waitForTimeout(300);
}

describe('a triage with the keyboard only', () => {
  it('palette → logs → search → pause → Containers → filter → shell → a command', async () => {
    await ui.page.goto(`${ui.url}#/incidents`);
    await ui.page.locator('[data-testid="screen"]').waitFor({ timeout: 15_000 });

    // Ctrl+K: the palette, its input focused and named.
    await keys().press('Control+k');
    await ui.page.locator('[data-testid="command-palette"]').waitFor({ timeout: 5_000 });
    await expect.poll(focused).toBe('palette-input');
    expect(await ui.page.getByRole('combobox', { name: 'Command palette' }).getAttribute('data-testid')).toBe('palette-input');
    await keys().type(letters);
    const first = ui.page.locator('[data-testid="palette-row"]').first();
    await expect
      .poll(async () => ((await first.count()) === 0 ? undefined : { kind: await first.getAttribute('data-kind'), label: await first.getAttribute('data-label'), selected: await first.getAttribute('data-selected') }), { timeout: 20_000 })
      .toEqual({ kind: 'container', label: name, selected: 'true' });
    await shoot('palette');

    // Ctrl+Enter: its logs.
    await keys().press('Control+Enter');
    await expect.poll(hash, { timeout: 5_000 }).toMatch(/^#\/logs\?/);
    await expect.poll(async () => Number(await view().getAttribute('data-lines')), { timeout: 20_000 }).toBe(LINES);
    await expect.poll(() => ui.page.locator('[data-testid="log-source"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))), { timeout: 15_000 }).toEqual([name]);

    // `/` and the needle: the first match, counted and marked.
    await keys().press('/');
    await expect.poll(focused).toBe('log-search');
    expect(await ui.page.getByRole('searchbox', { name: 'Search the log lines' }).or(ui.page.getByRole('textbox', { name: 'Search the log lines' })).getAttribute('data-testid')).toBe('log-search');
    await keys().type(NEEDLE);
    await expect.poll(() => counter().innerText()).toBe(`1 / ${MATCHES}`);
    await expect.poll(() => currentLine().innerText()).toContain(`${NEEDLE} at 5`);
    expect(await currentLine().locator('mark').allInnerTexts()).toEqual([NEEDLE]);
    await shoot('logs-search');

    // Escape leaves the field for the lines; n is the next match; Space pauses.
    await keys().press('Escape');
    await expect.poll(focused).not.toBe('log-search');
    await keys().press('n');
    await expect.poll(() => counter().innerText()).toBe(`2 / ${MATCHES}`);
    await expect.poll(() => currentLine().innerText()).toContain(`${NEEDLE} at 10`);
    await keys().press('Space');
    await expect.poll(() => view().getAttribute('data-paused')).toBe('true');
    await expect.poll(() => ui.page.locator('[data-testid="log-pause"]').innerText()).toBe('Resume');
    await ui.page.locator('[data-testid="log-paused-count"]').waitFor({ timeout: 5_000 });
    await shoot('logs-paused');

    // g c: Containers; `/` filters to the container; Enter leaves the filter; j highlights it.
    await keys().press('g');
    await keys().press('c');
    await expect.poll(hash).toBe('#/containers');
    const filter = ui.page.locator('[data-testid="container-filter"]');
    await filter.waitFor({ timeout: 20_000 });
    await expect.poll(focused).not.toBe('container-filter');
    // ? lists how to get back from the filter to the list.
    await keys().press('?');
    const keysDialog = ui.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await keysDialog.waitFor({ timeout: 5_000 });
    const keyRows = await ui.page.locator('[data-testid="keys-row"]').evaluateAll((rows) =>
      rows.map((row) => `${Array.from(row.querySelectorAll('kbd')).map((k) => k.textContent).join(' ')} → ${row.querySelector('dd')?.textContent ?? ''}`),
    );
    expect(keyRows).toContain('Enter Esc → In the filter: back to the list (Esc clears it first)');
    await keys().press('Escape');
    await keysDialog.waitFor({ state: 'detached', timeout: 5_000 });
    await keys().press('/');
    await expect.poll(focused).toBe('container-filter');
    await keys().type(name);
    await expect.poll(() => filter.inputValue()).toBe(name);
    await expect.poll(() => ui.page.locator('[data-testid="container-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name'))), { timeout: 15_000 }).toEqual([name]);
    await keys().press('Enter');
    await expect.poll(focused).not.toBe('container-filter');
    expect(await filter.inputValue()).toBe(name); // left, not cleared
    await keys().press('j');
    await expect.poll(() => ui.page.locator('[data-testid="container-row"].is-highlighted').getAttribute('data-name')).toBe(name);
    await shoot('containers-highlighted');

    // s: the exec confirmation; production, so its name is typed (the field has the focus), then Enter.
    await keys().press('s');
    const dialog = ui.page.locator('[data-testid="exec-dialog"]');
    await dialog.waitFor({ timeout: 15_000 });
    expect(await dialog.getAttribute('data-name')).toBe(name);
    expect(await dialog.getAttribute('data-production')).toBe('true');
    expect(await ui.page.getByRole('dialog', { name: new RegExp(name) }).count()).toBe(1);
    await expect.poll(focused).toBe('exec-confirm-name');
    expect(await ui.page.locator('[data-testid="exec-confirm"]').isDisabled()).toBe(true);
    await keys().type(name);
    await expect.poll(() => ui.page.locator('[data-testid="exec-confirm"]').isDisabled()).toBe(false);
    await shoot('exec-confirm');
    await keys().press('Enter');
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });

    // The shell: its tab (a real tab), the keyboard in the xterm, a command and its output.
    const terminal = ui.page.locator('[data-testid="terminal"]');
    await expect.poll(() => terminal.getAttribute('data-session'), { timeout: 15_000 }).toBeTruthy();
    const tab = ui.page.getByRole('tab', { name: `${name}@${engine().name}` });
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    expect(await ui.page.getByRole('tablist', { name: 'Open terminals' }).getByRole('tab').count()).toBe(2); // the shell and "+"
    await expect.poll(() => ui.page.evaluate(() => !!document.activeElement?.closest('.xterm'))).toBe(true);
    const screenText = () => terminal.locator('.xterm-rows').innerText();
    await expect.poll(screenText, { timeout: 10_000 }).toMatch(/[#$]\s*$/m); // the prompt (xterm pads the row with spaces)
    await keys().type('echo triage-$((40+2))');
    await keys().press('Enter');
    // The shell's answer (the command line itself shows "$((40+2))", only the output "triage-42").
    await expect.poll(async () => (await screenText()).split('\n').map((l) => l.trim()), { timeout: 10_000 }).toContain('triage-42');
    await shoot('terminal');
  }, 120_000);
});
