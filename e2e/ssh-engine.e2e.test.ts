import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { openConsolePage, type ConsolePage } from '../test-support/console-page';
import { dockerPs } from '../test-support/docker-cli';
import { labProfile } from '../test-support/lab';
import { startOwnSshd, type OwnSshd } from '../test-support/own-sshd';

/**
 * ssh:// engines named only by aliases of the user's ~/.ssh/config, through a real sshd whose
 * sessions reach lab engine 1: one alias with the accepted key, one with a key the server refuses.
 */
describe('ssh:// engines through ~/.ssh/config aliases, on screen', () => {
  const labEngine = labProfile().docker[0]!;
  let sshd: OwnSshd;
  let dir: string;
  let ui: ConsolePage | undefined;

  beforeAll(async () => {
    sshd = await startOwnSshd({ dockerHost: labEngine.host });
    dir = mkdtempSync(join(tmpdir(), 'ops-e2e-ssh-'));
    const home = join(dir, 'home');
    mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
    const host = (alias: string, key: string) => [`Host ${alias}`, '  HostName 127.0.0.1', `  Port ${sshd.port}`, '  User root', `  IdentityFile ${key}`];
    writeFileSync(join(home, '.ssh', 'config'), [...host('lab-ssh', sshd.identityFile), ...host('lab-ssh-stranger', sshd.rejectedIdentityFile), ''].join('\n'), { mode: 0o600 });
    writeFileSync(join(dir, 'connections.yaml'), ['docker:', '  - name: ssh-engine', '    host: ssh://lab-ssh', '  - name: ssh-stranger', '    host: ssh://lab-ssh-stranger', ''].join('\n'));
    // HOME is where the console finds ~/.ssh/config; no ssh agent, so only the configured keys count.
    ui = await openConsolePage({ profilePath: join(dir, 'connections.yaml'), env: { HOME: home, SSH_AUTH_SOCK: '' } });
  }, 60_000);

  afterAll(async () => {
    await ui?.close();
    await sshd?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows the engine connected with its containers, and the refused key's host, user and key", async () => {
    const { page, url } = ui!;
    await page.goto(`${url}#/connections`);
    const good = page.locator('[data-testid="connection"][data-name="ssh-engine"]');
    await expect.poll(() => good.getAttribute('data-state'), { timeout: 30_000 }).toBe('connected');
    const refused = page.locator('[data-testid="connection"][data-name="ssh-stranger"]');
    await expect.poll(() => refused.getAttribute('data-state'), { timeout: 30_000 }).toBe('error');
    await expect.poll(() => refused.innerText(), { timeout: 10_000 }).toContain(`SSH authentication failed for root@127.0.0.1:${sshd.port}`);
    expect(await refused.innerText()).toContain(sshd.rejectedIdentityFile);
    await screenshot(page, 'ssh-connections-1440');
    await page.setViewportSize({ width: 1024, height: 800 });
    await screenshot(page, 'ssh-connections-1024');
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.goto(`${url}#/containers`);
    // Docker's events reach the console through the sshd as well: the engine's feed goes live.
    const chip = page.locator('[data-testid="engine-chip"][data-engine="ssh-engine"]');
    await expect.poll(() => chip.getAttribute('data-state'), { timeout: 30_000 }).toBe('live');
    // Other tests may add or remove containers on the lab engine meanwhile: compare until both agree.
    const rows = page.locator('[data-testid="container-row"][data-engine="ssh-engine"]');
    await expect
      .poll(async () => JSON.stringify((await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-name') ?? ''))).sort()) === JSON.stringify(dockerPs(labEngine).map((c) => c.name).sort()), { timeout: 30_000 })
      .toBe(true);
    await screenshot(page, 'ssh-containers-1440');
  }, 120_000);
});
