import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { dockerPs } from '../test-support/docker-cli';
import { startExtraEngine, type ExtraEngine } from '../test-support/extra-engine';
import { labProfile, labProfileText, readLabInfo } from '../test-support/lab';

describe('the console against the lab, in browser mode', () => {
  const ui = useConsolePage();

  it('shows both Docker engines, etcd and Zabbix connected on the Connections screen', async () => {
    await ui.page.goto(`${ui.url}#/connections`);
    for (const [kind, name] of [['docker', 'lab-engine-1'], ['docker', 'lab-engine-2'], ['etcd', 'lab-etcd'], ['zabbix', 'lab-zabbix']]) {
      const card = ui.page.locator(`[data-testid="connection"][data-kind="${kind}"][data-name="${name}"]`);
      await card.waitFor({ timeout: 20_000 });
      await expect.poll(() => card.getAttribute('data-state'), { timeout: 20_000 }).toBe('connected');
    }
    await expect.poll(() => ui.page.locator('[data-testid="connection"][data-state="connected"]').count()).toBe(4);
    await screenshot(ui.page, 'connections');
  });

  it('lists the demo containers of both engines with host, name, service and state', async () => {
    await ui.page.goto(`${ui.url}#/containers`);
    const rows = ui.page.locator('[data-testid="container-row"]');
    await rows.first().waitFor({ timeout: 20_000 });
    const engines = labProfile().docker;
    for (const engine of engines) {
      // The lab's own replicas (tests beside this one add and remove compose containers of their own).
      const demo = new Set(readLabInfo().services.flatMap((service) => service.containers).filter((c) => c.engine === engine.name).map((c) => c.name));
      const expected = dockerPs(engine).filter((c) => c.service && demo.has(c.name));
      expect(expected.length, `demo containers on ${engine.name}`).toBeGreaterThan(0);
      for (const container of expected) {
        const row = ui.page.locator(`[data-testid="container-row"][data-engine="${engine.name}"][data-name="${container.name}"]`);
        await row.waitFor({ timeout: 15_000 });
        // The host cell may shorten the engine's name to what tells engines apart; its title is the whole name.
        expect(await row.locator('[data-testid="host-cell"] [title]').getAttribute('title')).toBe(engine.name);
        expect(await row.innerText()).toContain(container.service);
      }
      const running = expected.filter((c) => c.state === 'running');
      for (const container of running.slice(0, 3)) {
        const row = ui.page.locator(`[data-testid="container-row"][data-engine="${engine.name}"][data-name="${container.name}"]`);
        expect(await row.getAttribute('data-state')).toBe('running');
      }
    }
    await screenshot(ui.page, 'containers');
  });

  it('refuses the page without its token, and a WebSocket opened by a page of another origin', async () => {
    const url = new URL(ui.url);
    const bare = await ui.page.goto(`${url.origin}/`);
    expect(bare?.status()).toBe(403);
    expect(await ui.page.content()).not.toContain('id="root"');

    // Another local web page (another port = another origin) tries to drive the console's socket.
    const foreign = createServer((_req, res) => res.end('<!doctype html><title>foreign</title>'));
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    try {
      await ui.page.goto(`http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`);
      const outcome = await ui.page.evaluate(
        (rpcUrl) =>
          new Promise<string>((resolve) => {
            const ws = new WebSocket(rpcUrl);
            ws.onopen = () => resolve('open');
            ws.onerror = () => resolve('refused');
            setTimeout(() => resolve('timeout'), 5000);
          }),
        `ws://${url.host}${url.pathname}rpc`,
      );
      expect(outcome).toBe('refused');
    } finally {
      foreign.close();
    }
  });

  it('switches to Simplified Chinese and back', async () => {
    // A running replica that does not crash on its own (the lab has one that does).
    const steady = readLabInfo().services.flatMap((service) => service.containers).filter((c) => !c.crashy);
    const running = labProfile().docker.flatMap((engine) => dockerPs(engine).filter((c) => c.state === 'running').map((c) => ({ engine: engine.name, name: c.name })));
    const replica = running.find((c) => steady.some((s) => s.name === c.name && s.engine === c.engine));
    expect(replica, 'a running, steady demo replica').toBeDefined();
    const row = ui.page.locator(`[data-testid="container-row"][data-engine="${replica!.engine}"][data-name="${replica!.name}"]`);
    const columnTitle = async (column: string) => (await ui.page.locator(`[data-testid="sort-${column}"]`).innerText()).replace(/[▲▼]/g, '').trim();
    /** The texts that must change with the language: the settings screen, then the containers screen. */
    const texts = async () => {
      await ui.page.goto(`${ui.url}#/settings`);
      await ui.page.locator('[data-testid="language-select"]').waitFor();
      const settings = {
        lang: await ui.page.evaluate(() => document.documentElement.lang),
        title: await ui.page.title(),
        nav: [await ui.page.locator('[data-testid="nav-containers"]').innerText(), await ui.page.locator('[data-testid="nav-settings"]').innerText()],
        label: await ui.page.locator('label[for="settings-language"]').innerText(),
      };
      await ui.page.goto(`${ui.url}#/containers`);
      await row.waitFor({ timeout: 15_000 });
      await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('running');
      const containers = { title: await ui.page.title(), columns: [await columnTitle('name'), await columnTitle('state')], row: await row.innerText() };
      return { ...settings, containers };
    };
    const english = {
      lang: 'en',
      title: 'Settings · Ops Console',
      nav: ['Containers', 'Settings'],
      label: 'Language',
      containers: { title: 'Containers · Ops Console', columns: ['Name', 'State'], row: expect.stringContaining('running') },
    };
    const chinese = {
      lang: 'zh-CN',
      title: '设置 · 运维控制台',
      nav: ['容器', '设置'],
      label: '语言',
      containers: { title: '容器 · 运维控制台', columns: ['名称', '状态'], row: expect.stringContaining('运行中') },
    };

    const switchTo = async (language: string) => {
      await ui.page.goto(`${ui.url}#/settings`);
      await ui.page.locator('[data-testid="language-select"]').selectOption(language);
      await expect.poll(() => ui.page.evaluate(() => document.documentElement.lang)).toBe(language);
    };

    expect(await texts()).toEqual(english);
    await switchTo('zh-CN');
    expect(await texts()).toEqual(chinese);
    await screenshot(ui.page, 'containers-zh');
    await switchTo('en');
    expect(await texts()).toEqual(english);
  });
});

describe('with one Docker engine stopped', () => {
  let extra: ExtraEngine;
  const dir = mkdtempSync(join(tmpdir(), 'ops-e2e-'));

  beforeAll(async () => {
    extra = await startExtraEngine();
    writeFileSync(join(dir, 'connections.yaml'), labProfileText().replace(/^docker:\n/m, `docker:\n  - name: extra-engine\n    host: ${extra.host}\n`));
  });
  afterAll(async () => {
    await extra?.stop();
  });
  const ui = useConsolePage({ profilePath: join(dir, 'connections.yaml') });

  it('still lists the other engines and shows the stopped one with its error', async () => {
    await extra.stop();
    await ui.page.goto(`${ui.url}#/containers`);
    const failed = ui.page.locator('[data-testid="engine-error"][data-engine="extra-engine"]');
    await failed.waitFor({ timeout: 20_000 });
    expect(await failed.innerText()).toMatch(/extra-engine/);
    expect(await failed.innerText()).toMatch(/ENOENT|ECONNREFUSED|connect/i);
    // The other engines' rows arrive on their own streams: wait for them, then count.
    await ui.page.locator('[data-testid="container-row"][data-engine="lab-engine-1"]').first().waitFor({ timeout: 15_000 });
    await ui.page.locator('[data-testid="container-row"][data-engine="lab-engine-2"]').first().waitFor({ timeout: 15_000 });
    expect(await ui.page.locator('[data-testid="container-row"][data-engine="lab-engine-1"]').count()).toBeGreaterThan(0);
    expect(await ui.page.locator('[data-testid="container-row"][data-engine="lab-engine-2"]').count()).toBeGreaterThan(0);
    await screenshot(ui.page, 'containers-engine-stopped');

    await ui.page.goto(`${ui.url}#/connections`);
    const card = ui.page.locator('[data-testid="connection"][data-name="extra-engine"]');
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 20_000 }).toBe('error');
    await screenshot(ui.page, 'connections-engine-stopped');
  });
});

describe('secrets of a profile copied from the lab', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ops-e2e-secrets-'));
  beforeAll(() => writeFileSync(join(dir, 'connections.yaml'), labProfileText()));
  const ui = useConsolePage({ profilePath: join(dir, 'connections.yaml'), env: { OPS_CONSOLE_SECRETS: join(dir, 'store', 'secrets.json') } });

  it('moves the plain Zabbix password out of the profile into a 0600 store', async () => {
    await ui.page.goto(`${ui.url}#/connections`);
    await ui.page.locator('[data-testid="secrets-plain"]').waitFor({ timeout: 15_000 });
    // The Zabbix card says where its password is, never what it is.
    await ui.page.getByText('profile file, plain text').waitFor({ timeout: 15_000 });
    await ui.page.locator('[data-testid="secrets-protect"]').click();
    await ui.page.locator('[data-testid="secrets-protect-confirm"]').click();
    await ui.page.locator('[data-testid="secrets-moved"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => ui.page.locator('[data-testid="profile-secrets"]').getAttribute('data-plain')).toBe('0');
    await ui.page.getByText('secret store (0600 file)').waitFor({ timeout: 10_000 });
    const profile = readFileSync(join(dir, 'connections.yaml'), 'utf8');
    expect(profile).not.toMatch(/password: zabbix\b/);
    expect(profile).toContain('password: { secret: zabbix/lab-zabbix/password }');
    expect(statSync(join(dir, 'store', 'secrets.json')).mode & 0o777).toBe(0o600);
    await ui.page.locator('[data-testid="profile-secrets"]').scrollIntoViewIfNeeded();
    await screenshot(ui.page, 'connections-secrets');
  });
});
