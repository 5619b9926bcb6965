import { describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { labProfile, steadyDemoReplicas } from '../test-support/lab';

/** A laptop screen: the sidebar starts collapsed and the Containers table drops its least needed columns. */
const ui = useConsolePage({ width: 1024, height: 640 });

/** What each host cell shows: its engine, the full text, the part kept when cut, and whether anything is cut. */
interface HostCell {
  engine: string;
  title: string;
  text: string;
  kept: string;
  cut: boolean;
  keptCut: boolean;
}

function readHostCells(): Promise<HostCell[]> {
  return ui.page.locator('[data-testid="container-row"]').evaluateAll((rows) =>
    rows.map((row) => {
      const cell = row.querySelector<HTMLElement>('[data-testid="host-cell"]')!;
      const root = cell.querySelector<HTMLElement>('.keep-text')!;
      const parts = Array.from(root.children) as HTMLElement[];
      const kept = root.querySelector<HTMLElement>('.keep-text__kept');
      return {
        engine: row.getAttribute('data-engine') ?? '',
        title: root.getAttribute('title') ?? '',
        text: root.textContent ?? '',
        kept: kept?.textContent ?? '',
        // A part is cut when its text is wider than its box; the whole when its parts could not shrink enough.
        cut: parts.some((part) => part.scrollWidth > part.clientWidth) || root.scrollWidth > root.clientWidth,
        keptCut: kept ? kept.scrollWidth > kept.clientWidth : false,
      };
    }),
  );
}

/** Every header cell shown (collapsed columns take no room and are not shown), with its label's overflow. */
function readHeaders() {
  return ui.page.locator('[data-testid="containers-table"] thead th').evaluateAll((ths) =>
    ths
      .filter((th) => getComputedStyle(th).visibility === 'visible' && th.getBoundingClientRect().width > 0)
      .map((th) => {
        const label = th.querySelector<HTMLElement>('.th-sort__label');
        const box = th.getBoundingClientRect();
        return {
          column: th.className,
          text: th.textContent?.trim() ?? '',
          left: box.left,
          right: box.right,
          thOverflows: th.scrollWidth > th.clientWidth,
          labelOverflows: label ? label.scrollWidth > label.clientWidth : false,
        };
      }),
  );
}

async function expectHeadersFit(): Promise<void> {
  const headers = await readHeaders();
  // The important columns are always there.
  for (const column of ['col-host', 'col-name', 'col-service', 'col-state', 'col-restarts']) {
    expect(headers.some((h) => h.column.split(' ').includes(column)), `${column} is shown`).toBe(true);
  }
  for (const header of headers) {
    expect(header.thOverflows, `header ${header.column} "${header.text}" overflows its cell`).toBe(false);
    expect(header.labelOverflows, `header ${header.column} "${header.text}" is cut`).toBe(false);
  }
  // Side by side, none over the next.
  const sorted = [...headers].sort((a, b) => a.left - b.left);
  for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.left, `${sorted[i]!.column} starts after ${sorted[i - 1]!.column}`).toBeGreaterThanOrEqual(sorted[i - 1]!.right - 0.5);
}

async function expectHostsTellEnginesApart(): Promise<HostCell[]> {
  const cells = await readHostCells();
  const engines = labProfile().docker.map((engine) => engine.name);
  for (const name of engines) expect(cells.some((cell) => cell.engine === name), `rows of ${name}`).toBe(true);
  for (const cell of cells) {
    expect(cell.title, 'the full engine name on hover').toBe(cell.engine);
    expect(cell.text).toBe(cell.engine);
    if (cell.cut) {
      // Cut: the part that tells it from the other engines is there, whole.
      expect(cell.kept, `${cell.engine} keeps what tells it apart`).not.toBe('');
      expect(cell.keptCut, `${cell.engine}: "${cell.kept}" is shown whole`).toBe(false);
    }
  }
  // What each engine's cells show: the full name, or the kept part when cut; two engines never look the same.
  const shown = new Map<string, Set<string>>();
  for (const cell of cells) {
    const seen = cell.cut ? cell.kept : cell.engine;
    if (!shown.has(seen)) shown.set(seen, new Set());
    shown.get(seen)!.add(cell.engine);
  }
  for (const [seen, names] of shown) expect([...names], `engines shown as "${seen}"`).toHaveLength(1);
  return cells;
}

const sidebar = () => ui.page.locator('[data-testid="sidebar"]');
const toggle = () => ui.page.locator('[data-testid="sidebar-toggle"]');
const sidebarWidth = async () => (await sidebar().boundingBox())!.width;
const navLabelWidth = () => ui.page.locator('[data-testid="nav-containers"] .nav-link__label').evaluate((label) => label.getBoundingClientRect().width);

describe('the console on a 1024 x 640 laptop screen', () => {
  it('shows each host so that the two engines differ, and no header runs into the next', async () => {
    await ui.page.goto(`${ui.url}#/containers`);
    await ui.page.locator('[data-testid="fleet-live"][data-live="true"]').waitFor({ timeout: 20_000 });
    for (const ref of labProfile().docker) {
      const first = steadyDemoReplicas(ref)[0];
      expect(first, `a container on ${ref.name}`).toBeDefined();
      await ui.page.locator(`[data-testid="container-row"][data-engine="${ref.name}"][data-name="${first!.name}"]`).waitFor({ timeout: 15_000 });
    }
    await ui.page.waitForTimeout(1500); // live CPU and memory fill in
    expect(await sidebar().getAttribute('data-collapsed'), 'collapsed by default below 1200 px').toBe('true');
    await expectHostsTellEnginesApart();
    await expectHeadersFit();
    await screenshot(ui.page, 'widths-containers-1024');

    // A host column too narrow for the names (longer engine names than the lab's) cuts the common part, not the telling one.
    const squeeze = await ui.page.addStyleTag({ content: '.fleet-table .col-host { width: 64px !important; }' });
    await ui.page.waitForTimeout(200);
    const squeezed = await expectHostsTellEnginesApart();
    expect(squeezed.every((cell) => cell.cut), 'every host cut at 64 px').toBe(true);
    // lab-engine-1 and lab-engine-2 keep "1" and "2".
    for (const cell of squeezed) expect(cell.engine.endsWith(cell.kept) && cell.kept.length < cell.engine.length, `${cell.engine} keeps "${cell.kept}"`).toBe(true);
    await screenshot(ui.page, 'widths-containers-1024-narrow-host');
    await squeeze.evaluate((style) => (style as Element).remove());
  });

  it('collapses and expands the sidebar from its toggle and Ctrl+B, and remembers the choice', async () => {
    await ui.page.goto(`${ui.url}#/containers`);
    await ui.page.locator('[data-testid="container-row"]').first().waitFor({ timeout: 20_000 });
    expect(await sidebar().getAttribute('data-collapsed')).toBe('true');
    expect(await sidebarWidth()).toBeLessThan(60);
    expect(await navLabelWidth(), 'icons only').toBeLessThanOrEqual(1);
    // Still named for screen readers, and says what it does and its key.
    expect(await ui.page.locator('[data-testid="nav-containers"]').getAttribute('title')).toBe('Containers');
    expect(await toggle().getAttribute('aria-label')).toBe('Expand sidebar');
    expect(await toggle().getAttribute('title')).toMatch(/Expand sidebar \((Ctrl\+B|⌘B)\)/);

    await toggle().click();
    await expect.poll(() => sidebar().getAttribute('data-collapsed')).toBe('false');
    expect(await sidebarWidth()).toBeGreaterThan(150);
    expect(await navLabelWidth()).toBeGreaterThan(20);
    expect(await toggle().getAttribute('aria-label')).toBe('Collapse sidebar');
    await ui.page.waitForTimeout(300);
    // A narrower table drops more columns, still without cutting the important ones.
    await expectHostsTellEnginesApart();
    await expectHeadersFit();
    await screenshot(ui.page, 'widths-containers-1024-expanded');

    // The choice outlives a reload (the window is still below 1200 px).
    await ui.page.reload();
    await ui.page.locator('[data-testid="container-row"]').first().waitFor({ timeout: 20_000 });
    expect(await sidebar().getAttribute('data-collapsed')).toBe('false');

    await ui.page.keyboard.press('Control+b');
    await expect.poll(() => sidebar().getAttribute('data-collapsed')).toBe('true');
    expect(await sidebarWidth()).toBeLessThan(60);
    await toggle().click();
    await expect.poll(() => sidebar().getAttribute('data-collapsed')).toBe('false');
    await toggle().click();
    await expect.poll(() => sidebar().getAttribute('data-collapsed')).toBe('true');
  });
});
