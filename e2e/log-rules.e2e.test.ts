import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { docker } from '../test-support/docker-cli';
import { labProfileText } from '../test-support/lab';
import { LabService, type Replica } from '../test-support/lab-service';

/**
 * The log alert rules editor on the Incidents screen: a bad pattern is refused with the
 * reason, a rule added through the form fires when its service's container prints the
 * pattern, and the incident shows the log evidence.
 */
const svc = new LabService('e2elogrule', 'PRE');
let replica: Replica;

beforeAll(() => {
  replica = svc.create(1, svc.engines()[0]!, { command: ['sh', '-c', 'echo started; while true; do sleep 1 & wait $!; done'] });
});
afterAll(() => svc.remove());

// The rules are written into the profile file: a copy of the lab's, not the lab's own.
const profileDir = mkdtempSync(join(tmpdir(), 'ops-e2e-logrules-'));
writeFileSync(join(profileDir, 'connections.yaml'), labProfileText());
const ui = useConsolePage({ profilePath: join(profileDir, 'connections.yaml') });
const say = (lines: string[]) => docker(replica.engine, 'exec', replica.id, 'sh', '-c', lines.map((l) => `echo '${l}' > /proc/1/fd/1`).join('; '));

describe('log alert rules', () => {
  it('adds a rule from the Incidents screen (a bad pattern is refused) and shows its alert as log evidence', async () => {
    const page = ui.page;
    await page.goto(`${ui.url}#/incidents`);
    await page.locator('[data-testid="log-rules-open"]').click();
    await page.locator('[data-testid="log-rules"]').waitFor();
    await page.locator('[data-testid="log-rule-name"]').fill('Disk errors');
    await page.locator('[data-testid="log-rule-pattern"]').fill('disk (full');
    await page.locator('[data-testid="log-rule-scope-value"]').fill(svc.service);
    await page.locator('[data-testid="log-rule-threshold"]').fill('3');
    await page.locator('[data-testid="log-rule-add"]').click();
    await expect.poll(() => page.locator('[data-testid="log-rules-error"]').textContent()).toContain('not a valid regular expression');

    await page.locator('[data-testid="log-rule-pattern"]').fill('disk full on /data\\d');
    await page.locator('[data-testid="log-rule-add"]').click();
    const row = page.locator('[data-testid="log-rule"][data-rule="Disk errors"]');
    await row.waitFor();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('follows 1 running container(s)');
    await screenshot(page, 'log-rules-editor-1440');
    await page.setViewportSize({ width: 1024, height: 800 });
    await screenshot(page, 'log-rules-editor-1024');
    await page.setViewportSize({ width: 1440, height: 900 });

    say(['disk full on /data1', 'disk full on /data2', 'disk full on /data3']);
    const evidence = page.locator('[data-testid="evidence"][data-source="log"]', { hasText: replica.name });
    await evidence.first().waitFor({ timeout: 20_000 });
    expect(await evidence.first().textContent()).toContain(`3 lines matching /disk full on /data\\d/ in 1 min on ${replica.name}`);
    await page.locator('[data-testid="log-rules-open"]').click();
    await screenshot(page, 'log-rules-incident-1440');
  }, 90_000);
});
