import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { docker, dockerHistory, dockerInspect, dockerPs, dockerStats, parseDockerSize } from '../test-support/docker-cli';
import { labProfile } from '../test-support/lab';

const stamp = Date.now().toString(36);
const PRE_1 = `e2e_web_${stamp}_1`;
const PRE_2 = `e2e_web_${stamp}_2`;
const PROD = `e2e_prod_${stamp}_1`;
/** The test containers' image: the lab's base and two committed layers (middleware, application). */
const IMAGE = `e2e/layers:${stamp}`;
const MIDDLEWARE_IMAGE = `e2e/layers:${stamp}-mw`;

const engine = () => labProfile().docker[0]!;
const state = (name: string) => {
  try {
    return docker(engine(), 'inspect', '-f', '{{.State.Status}}', name);
  } catch {
    return 'removed';
  }
};
const startedAt = (name: string) => docker(engine(), 'inspect', '-f', '{{.State.StartedAt}}', name);
const idOf = (name: string) => docker(engine(), 'inspect', '-f', '{{.Id}}', name);

/** An image with three layers that have content, as the platform builds them, made with docker commit. */
function buildLayeredImage(): void {
  let from = 'lab/busybox:1';
  for (const [tag, script, message] of [
    [MIDDLEWARE_IMAGE, 'dd if=/dev/zero of=/e2e-middleware bs=1024 count=2048', 'e2e middleware'],
    [IMAGE, 'echo e2e > /e2e-application', 'e2e application'],
  ] as const) {
    const builder = `e2e_build_${stamp}`;
    docker(engine(), 'run', '--network', 'host', '--name', builder, from, 'sh', '-c', script);
    docker(engine(), 'commit', '-m', message, builder, tag);
    docker(engine(), 'rm', builder);
    from = tag;
  }
}

function runTestContainer(name: string, env: string, project: string, number: number): void {
  docker(engine(), 'run', '-d', '--network', 'host', '--name', name, '-e', `ENVIRONMENT=${env}`, '-e', 'DB_PASSWORD=s3cret-value', '-e', 'APP_NAME=e2eweb',
    '--label', `com.docker.compose.project=${project}`, '--label', `com.docker.compose.service=e2eweb${stamp}`, '--label', `com.docker.compose.container-number=${number}`,
    '--memory', '64m', '--cpus', '0.5', '--pids-limit', '100',
    IMAGE, 'sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done');
}

beforeAll(() => {
  buildLayeredImage();
  runTestContainer(PRE_1, 'PRE', `e2e${stamp}`, 1);
  runTestContainer(PRE_2, 'PRE', `e2e${stamp}`, 2);
  runTestContainer(PROD, 'PROD', `e2eprod${stamp}`, 1);
});
afterAll(() => {
  for (const name of [PRE_1, PRE_2, PROD]) {
    try {
      docker(engine(), 'rm', '-f', name);
    } catch {
      // removed by the test
    }
  }
  for (const image of [IMAGE, MIDDLEWARE_IMAGE]) {
    try {
      docker(engine(), 'rmi', image);
    } catch {
      // never built
    }
  }
});

const ui = useConsolePage();

async function setTheme(theme: 'dark' | 'light'): Promise<void> {
  await ui.page.evaluate((t) => {
    localStorage.setItem('ops-console.theme', t);
    document.documentElement.dataset.theme = t;
    document.documentElement.style.colorScheme = t;
  }, theme);
}

const row = (engineName: string, name: string) => ui.page.locator(`[data-testid="container-row"][data-engine="${engineName}"][data-name="${name}"]`);

describe('the live fleet view', () => {
  it('lists what docker ps lists on both engines and follows the CLI without a refresh', async () => {
    await ui.page.goto(`${ui.url}#/containers`);
    await ui.page.locator('[data-testid="fleet-live"][data-live="true"]').waitFor({ timeout: 20_000 });
    for (const ref of labProfile().docker) {
      expect(dockerPs(ref).length, `containers on ${ref.name}`).toBeGreaterThan(0);
      // Tests running beside this one start and remove containers: every container docker ps
      // lists at one moment is on the page at that moment.
      const shown = () => ui.page.locator(`[data-testid="container-row"][data-engine="${ref.name}"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
      await expect.poll(async () => {
        const names = await shown();
        return dockerPs(ref).map((c) => c.name).filter((name) => !names.includes(name));
      }, { timeout: 15_000 }).toEqual([]);
    }
    const name = `e2e_live_${stamp}`;
    docker(engine(), 'run', '-d', '--network', 'host', '--name', name, 'lab/busybox:1', 'sleep', '600');
    const started = Date.now();
    await row(engine().name, name).waitFor({ timeout: 5000 });
    expect(Date.now() - started).toBeLessThan(2000);
    docker(engine(), 'rm', '-f', name);
    await row(engine().name, name).waitFor({ state: 'detached', timeout: 5000 });

    await ui.page.waitForTimeout(3000); // live CPU and memory come in about once a second
    await setTheme('dark');
    await screenshot(ui.page, 'fleet-dark');
    await setTheme('light');
    await screenshot(ui.page, 'fleet-light');
    await setTheme('dark');
  });
});

/** What docker inspect says of a container, the parts the detail screen shows. */
interface Inspect {
  Id: string;
  Created: string;
  Image: string;
  RestartCount: number;
  State: { Status: string; Pid: number; ExitCode: number; StartedAt: string; FinishedAt: string };
  Config: { Image: string; Hostname: string; User: string; WorkingDir: string; Entrypoint: string[] | null; Cmd: string[] | null; Env: string[]; Labels: Record<string, string> };
  HostConfig: { NetworkMode: string; Memory: number; NanoCpus: number; PidsLimit: number | null; RestartPolicy: { Name: string } };
}

/** The overview's label -> value pairs (every <dt> with its <dd>), and the image's full id (the title of its value). */
async function readOverview(): Promise<Record<string, string>> {
  const pairs = await ui.page.locator('[data-testid="detail-overview"] dl.kv dt').evaluateAll((dts) =>
    dts.map((dt) => [dt.textContent?.trim() ?? '', dt.nextElementSibling?.textContent?.trim() ?? '', dt.nextElementSibling?.getAttribute('title') ?? ''] as const),
  );
  expect(new Set(pairs.map(([label]) => label)).size, 'each overview label once').toBe(pairs.length);
  return Object.fromEntries(pairs.flatMap(([label, text, title]) => [[label, text], [`${label} (title)`, title]]));
}

/** A Docker time as the page shows it (the browser's own date format for the UI language, English here). */
const pageDateTime = (value: string) =>
  ui.page.evaluate((v) => (v.startsWith('0001-') ? '—' : new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' }).format(Date.parse(v))), value);

const chartValue = (metric: string) => ui.page.locator(`[data-testid="stats-chart"][data-metric="${metric}"] .chart-panel__value`).innerText();
/** A size the page shows ("20.3 MiB", three significant digits) is the given number of bytes, rounded. */
const sameSize = (shown: string, bytes: number) => Math.abs(parseDockerSize(shown) - bytes) <= bytes * 0.005 + 0.5;

describe('container detail', () => {
  it('shows inspect data, masks secrets until revealed, the layers and live stats', async () => {
    const inspect = dockerInspect<Inspect>(engine(), PRE_1);
    await ui.page.goto(`${ui.url}#/containers/${encodeURIComponent(engine().name)}/${inspect.Id}`);
    await ui.page.locator(`[data-testid="container-detail"][data-name="${PRE_1}"]`).waitFor({ timeout: 15_000 });

    // Overview: every value as `docker inspect` has it.
    await ui.page.locator('[data-testid="detail-overview"]').waitFor({ timeout: 15_000 });
    const overview = await readOverview();
    expect(overview).toMatchObject({
      Status: inspect.State.Status,
      PID: String(inspect.State.Pid),
      Started: await pageDateTime(inspect.State.StartedAt),
      Finished: await pageDateTime(inspect.State.FinishedAt),
      'Exit code': String(inspect.State.ExitCode),
      Restarts: String(inspect.RestartCount),
      Image: inspect.Config.Image,
      'Image (title)': inspect.Image,
      Created: await pageDateTime(inspect.Created),
      'Restart policy': inspect.HostConfig.RestartPolicy.Name || 'no',
      'Network mode': inspect.HostConfig.NetworkMode,
      Hostname: inspect.Config.Hostname,
      User: inspect.Config.User || 'root',
      'Working directory': inspect.Config.WorkingDir || '/',
      CPUs: String(inspect.HostConfig.NanoCpus / 1e9),
      PIDs: String(inspect.HostConfig.PidsLimit),
    });
    // The command word by word (a word with spaces or quotes is shown quoted).
    for (const word of [...(inspect.Config.Entrypoint ?? []), ...(inspect.Config.Cmd ?? [])]) expect(overview.Command).toContain(/[\s"]/.test(word) ? JSON.stringify(word) : word);
    expect(sameSize(overview.Memory!, inspect.HostConfig.Memory), `memory limit ${overview.Memory}`).toBe(true);
    // The limits were set on the container, so none of them reads "unlimited" by default.
    expect([inspect.HostConfig.Memory, inspect.HostConfig.NanoCpus, inspect.HostConfig.PidsLimit]).toEqual([64 * 1024 ** 2, 0.5e9, 100]);
    const labels = await ui.page.locator('[data-testid="labels-table"] tbody tr').evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('td'), (td) => td.textContent ?? '')));
    expect(labels).toEqual(Object.entries(inspect.Config.Labels).sort(([a], [b]) => a.localeCompare(b)));
    await screenshot(ui.page, 'detail-overview-dark');
    await setTheme('light');
    await screenshot(ui.page, 'detail-overview-light');
    await setTheme('dark');

    // Environment: docker inspect's variables, the secret masked until revealed.
    await ui.page.locator('[data-testid="detail-tab-env"]').click();
    const secret = ui.page.locator('[data-testid="env-row"][data-name="DB_PASSWORD"]');
    await secret.waitFor();
    expect(await secret.getAttribute('data-masked')).toBe('true');
    expect(await secret.innerText()).not.toContain('s3cret-value');
    await ui.page.locator('[data-testid="reveal-all"]').click();
    await expect.poll(() => secret.getAttribute('data-masked')).toBe('false');
    expect(await secret.innerText()).toContain('s3cret-value');
    const env = await ui.page.locator('[data-testid="env-row"]').evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-name')}=${row.querySelectorAll('td')[1]?.getAttribute('title') ?? ''}`));
    expect(env.sort()).toEqual([...inspect.Config.Env].sort());

    // Layers: `docker history` of the container's image, newest first: size, time and step of each.
    await ui.page.locator('[data-testid="detail-tab-layers"]').click();
    await ui.page.locator('[data-testid="layer-row"]').first().waitFor({ timeout: 10_000 });
    const history = dockerHistory(engine(), inspect.Image);
    expect(history.filter((layer) => layer.size > 0)).toHaveLength(3);
    const layers = await ui.page.locator('[data-testid="layer-row"]').evaluateAll((rows) =>
      rows.map((row) => {
        const [, size = '', created = '', step = ''] = Array.from(row.querySelectorAll('td'), (td) => td.textContent?.trim() ?? '');
        return { role: row.getAttribute('data-role'), size, created, step };
      }),
    );
    expect(layers).toHaveLength(history.length);
    for (const [i, layer] of history.entries()) {
      const shown = layers[i]!;
      expect(sameSize(shown.size, layer.size), `layer ${i}: ${shown.size} for ${layer.size} bytes`).toBe(true);
      expect(shown.created).toBe(await pageDateTime(layer.createdAt));
      expect(shown.step).toBe(layer.createdBy || layer.comment); // committed layers: the command; the imported base: its comment
    }
    // The application layer on top, the lab's base at the bottom, the middleware between: no warning.
    expect(layers.map((layer) => layer.role)).toEqual(['application', 'middleware', 'base']);
    expect(await ui.page.locator('[data-testid="layers-warning"]').count()).toBe(0);
    await screenshot(ui.page, 'detail-layers');

    // Stats: the latest sample beside `docker stats --no-stream` taken at the same time (CPU and memory move a little).
    await ui.page.locator('[data-testid="detail-tab-stats"]').click();
    await ui.page.locator('[data-testid="stats-chart"][data-metric]').first().waitFor({ timeout: 10_000 });
    await expect.poll(() => ui.page.locator('[data-testid="stats-chart"] .chart-panel__value').count(), { timeout: 15_000 }).toBe(5);
    const compare = async () => {
      const cli = dockerStats(engine(), PRE_1);
      const [cpu, memory, pids] = [await chartValue('cpu'), await chartValue('memory'), await chartValue('pids')];
      const [used = '', limit = ''] = memory.split(' of ');
      const same = {
        pids: Number(pids) === cli.pids,
        memLimit: sameSize(limit, cli.memLimit),
        memUsed: Math.abs(parseDockerSize(used) - cli.memUsed) <= Math.max(256 * 1024, cli.memUsed * 0.25),
        cpu: /^\d+(\.\d+)?%$/.test(cpu) && Math.abs(Number.parseFloat(cpu) - cli.cpuPercent) <= 5,
      };
      return { same, seen: `console: CPU ${cpu}, memory ${memory}, PIDs ${pids}; docker stats: ${JSON.stringify(cli)}` };
    };
    let result = await compare();
    for (const deadline = Date.now() + 30_000; !Object.values(result.same).every(Boolean) && Date.now() < deadline; result = await compare()) await ui.page.waitForTimeout(1000);
    expect(result.same, result.seen).toEqual({ pids: true, memLimit: true, memUsed: true, cpu: true });
    expect(parseDockerSize((await chartValue('memory')).split(' of ')[1]!)).toBe(64 * 1024 ** 2);
    await ui.page.waitForTimeout(4000);
    await screenshot(ui.page, 'detail-stats-dark');
    await setTheme('light');
    await screenshot(ui.page, 'detail-stats-light');
    await setTheme('dark');
  });
});

async function act(name: string, action: string, options: { signal?: string; timeout?: string; force?: boolean; typed?: string } = {}): Promise<void> {
  await ui.page.goto(`${ui.url}#/containers/${encodeURIComponent(engine().name)}/${idOf(name)}`);
  await ui.page.locator(`[data-testid="container-detail"][data-name="${name}"]`).waitFor({ timeout: 15_000 });
  await ui.page.locator(`[data-testid="action-${action}"]`).first().click();
  const dialog = ui.page.locator('[data-testid="action-dialog"]');
  await dialog.waitFor();
  if (options.signal) await ui.page.locator('[data-testid="action-signal"]').selectOption(options.signal);
  if (options.timeout) await ui.page.locator('[data-testid="action-timeout"]').fill(options.timeout);
  if (options.force) await ui.page.locator('[data-testid="action-force"]').check();
  if (options.typed !== undefined) await ui.page.locator('[data-testid="confirm-name"]').fill(options.typed);
  await ui.page.locator('[data-testid="confirm-action"]').click();
  await ui.page.locator(`[data-testid="action-result"][data-action="${action}"]`).last().waitFor({ timeout: 30_000 });
  expect(await ui.page.locator(`[data-testid="action-result"][data-action="${action}"]`).last().getAttribute('data-ok')).toBe('true');
}

describe('actions through the UI, confirmed and audited', () => {
  it.each([
    ['stop', { timeout: '2' }, 'exited'],
    ['start', {}, 'running'],
    ['pause', {}, 'paused'],
    ['unpause', {}, 'running'],
    ['restart', { timeout: '2' }, 'running'],
    ['kill', { signal: 'SIGKILL' }, 'exited'],
  ] as const)('%s', async (action, options, expected) => {
    const before = action === 'restart' ? startedAt(PRE_1) : '';
    await act(PRE_1, action, options);
    expect(state(PRE_1)).toBe(expected);
    if (action === 'restart') expect(startedAt(PRE_1)).not.toBe(before);
    await ui.page.goto(`${ui.url}#/audit`);
    await ui.page.locator(`[data-testid="audit-row"][data-action="${action}"][data-target="${PRE_1}"][data-result="ok"]`).first().waitFor({ timeout: 10_000 });
  });

  it('a production action does nothing without the typed name, and works with it', async () => {
    await ui.page.goto(`${ui.url}#/containers/${encodeURIComponent(engine().name)}/${idOf(PROD)}`);
    await ui.page.locator(`[data-testid="container-detail"][data-name="${PROD}"]`).waitFor({ timeout: 15_000 });
    await ui.page.locator('[data-testid="action-stop"]').first().click();
    await ui.page.locator('[data-testid="action-dialog"][data-production="true"]').waitFor();
    const confirm = ui.page.locator('[data-testid="confirm-action"]');
    expect(await confirm.isDisabled()).toBe(true);
    await ui.page.locator('[data-testid="confirm-name"]').fill(PROD.slice(0, -1));
    expect(await confirm.isDisabled()).toBe(true);
    await screenshot(ui.page, 'action-production-confirm');
    await ui.page.locator('[data-testid="cancel-action"]').click();
    expect(state(PROD)).toBe('running');

    await act(PROD, 'stop', { timeout: '2', typed: PROD });
    expect(state(PROD)).toBe('exited');
  });

  it('restarts the replicas of a service one by one from a selection', async () => {
    docker(engine(), 'start', PRE_1);
    const before = [startedAt(PRE_1), startedAt(PRE_2)];
    await ui.page.goto(`${ui.url}#/containers`);
    for (const name of [PRE_1, PRE_2]) {
      await row(engine().name, name).waitFor({ timeout: 10_000 });
      await row(engine().name, name).locator('[data-testid="select-row"]').check();
    }
    await ui.page.locator('[data-testid="selection-bar"] [data-testid="action-restart"]').click();
    await ui.page.locator('[data-testid="action-dialog"]').waitFor();
    expect(await ui.page.locator('[data-testid="action-target"]').count()).toBe(2);
    await ui.page.locator('[data-testid="confirm-action"]').click();
    await ui.page.locator('[data-testid="bulk-summary"][data-ok="true"]').waitFor({ timeout: 60_000 });
    await screenshot(ui.page, 'action-bulk-restart');
    expect([startedAt(PRE_1), startedAt(PRE_2)].every((t, i) => t !== before[i])).toBe(true);
    await ui.page.locator('[data-testid="cancel-action"]').click();
  });

  it('removes a container', async () => {
    await act(PRE_2, 'remove', { force: true });
    expect(state(PRE_2)).toBe('removed');
    await ui.page.goto(`${ui.url}#/audit`);
    await ui.page.locator(`[data-testid="audit-row"][data-action="remove"][data-target="${PRE_2}"]`).first().waitFor({ timeout: 10_000 });
    await screenshot(ui.page, 'audit');
  });
});
