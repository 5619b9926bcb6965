import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { labProfile } from '../test-support/lab';

/** Secrets planted where a careless report would show them: an engine URL's password, a Zabbix API token (wrong on purpose: no login lockout). */
const PLANTED_URL_PASSWORD = 'E2e-Url-Pl4nted-Secret';
const PLANTED_TOKEN = 'e2e0planted0token0aaaabbbbccccddddeeeeffff00001111222233334444';

const ui = useConsolePage(() => {
  const dir = mkdtempSync(join(tmpdir(), 'ops-e2e-diag-'));
  const lab = labProfile();
  const path = join(dir, 'connections.yaml');
  writeFileSync(
    path,
    stringify({
      docker: [...lab.docker, { name: 'with-credentials', host: `tcp://ops:${PLANTED_URL_PASSWORD}@127.0.0.1:1` }],
      etcd: { name: 'lab-etcd', endpoints: lab.etcd.endpoints },
      zabbix: { name: 'lab-zabbix', url: lab.zabbix.url, apiToken: PLANTED_TOKEN },
    }),
  );
  return { profilePath: path };
});

describe('Settings: the console log and Copy diagnostics', () => {
  it('shows where the log is, and copies a report with every connection state and no planted secret', async () => {
    await ui.page.goto(`${ui.url}#/settings`);
    const logFile = ui.page.locator('[data-testid="log-file"]');
    await expect.poll(() => logFile.innerText(), { timeout: 15_000 }).toBe(join(ui.app.dataDir, 'console.log'));
    // The connections are checked at start; wait for the first round to be in the log.
    await ui.page.goto(`${ui.url}#/connections`);
    await ui.page.locator('[data-testid="check-all"]').waitFor();
    await ui.page.goto(`${ui.url}#/settings`);
    const text = ui.page.locator('[data-testid="diagnostics-text"]');
    await expect
      .poll(
        async () => {
          await ui.page.locator('[data-testid="copy-diagnostics"]').click();
          await text.waitFor({ state: 'visible' });
          return text.inputValue();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toMatch(/^etcd:lab-etcd .*: connected, version 3\./m);
    const report = await text.inputValue();
    expect(report).toMatch(/^docker:lab-engine-1 unix:\/\/.*: connected, version \d/m);
    expect(report).toMatch(/^docker:lab-engine-2 tcp:\/\/127\.0\.0\.1:23762: connected/m);
    expect(report).toMatch(/^docker:with-credentials tcp:\/\/ops:••••••@127\.0\.0\.1:1: error/m);
    expect(report).toMatch(/^zabbix:lab-zabbix .*: error, version 6\.0\.14 — /m);
    expect(report).toMatch(/^node: \d+\./m);
    expect(report).toMatch(/## Console log \(last \d+ lines of .*console\.log\)/);
    expect(report).toMatch(/INFO {2}connection etcd:lab-etcd .* is now connected/);
    for (const secret of [PLANTED_URL_PASSWORD, PLANTED_TOKEN]) expect(report).not.toContain(secret);
    await expect.poll(() => ui.page.locator('[data-testid="diagnostics-copied"]').count()).toBeGreaterThan(0);

    await ui.page.locator('[data-testid="diagnostics"]').scrollIntoViewIfNeeded();
    await screenshot(ui.page, 'settings-diagnostics-1440');
    await ui.page.setViewportSize({ width: 1024, height: 768 });
    await ui.page.locator('[data-testid="diagnostics"]').scrollIntoViewIfNeeded();
    await screenshot(ui.page, 'settings-diagnostics-1024');
    await ui.page.setViewportSize({ width: 1440, height: 900 });
  });
});
