import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { docker } from '../test-support/docker-cli';
import { LabService, waitFor, type Replica } from '../test-support/lab-service';
import { ServiceTrigger } from '../test-support/zabbix-trigger';

/**
 * The incident cockpit, driven as an engineer who was paged would: a production replica is
 * killed; the first screen says so within seconds with the evidence, a notification is raised,
 * Containers and Topology say why, and two clicks lead to the logs at the moment of death.
 */
const ui = useConsolePage();
const svc = new LabService('cockpit', 'PROD');
let victim: Replica;
let healthy: Replica;
const trigger = new ServiceTrigger(svc.app, svc.environment);

beforeAll(async () => {
  const [e1, e2] = svc.engines();
  await trigger.create();
  healthy = svc.create(1, e1!);
  victim = svc.create(2, e2!);
  for (const r of [healthy, victim]) await waitFor(`${r.name} registered`, () => svc.isRegistered(r));
  // The page's notifications: the real Web Notifications API, allowed, each one recorded as it is raised.
  await ui.page.context().grantPermissions(['notifications'], { origin: new URL(ui.url).origin });
  await ui.page.addInitScript(() => {
    const Real = window.Notification;
    const seen: Array<{ title: string; body?: string }> = [];
    (window as unknown as { __notifications: typeof seen }).__notifications = seen;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        seen.push({ title, body: options?.body });
        super(title, options);
      }
    }
    Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
    window.Notification = Recorded as typeof Notification;
  });
}, 120_000);

afterAll(async () => {
  svc.remove();
  await trigger.remove();
});

describe('the incident cockpit', () => {
  it('opens on the incidents screen and says what it watches', async () => {
    await ui.page.goto(ui.url);
    await ui.page.waitForURL(/#\/incidents$/);
    await ui.page.locator('[data-testid="incident"], [data-testid="all-clear"]').first().waitFor({ timeout: 20_000 });
  });

  it('shows a SIGKILLed production replica within 5 s with its evidence, notifies, and leads to the logs at the death in two clicks', async () => {
    await ui.page.goto(`${ui.url}#/incidents`);
    await ui.page.locator('[data-testid="notification-settings"]').waitFor();
    await ui.page.waitForTimeout(1500); // the watch's first view is in: what comes now is new
    const killedAt = Date.now();
    docker(victim.engine, 'kill', victim.id);
    const card = ui.page.locator(`[data-testid="incident"][data-service="${svc.service}"][data-state="open"]`);
    await card.waitFor({ timeout: 5000 });
    expect(Date.now() - killedAt).toBeLessThan(5000);
    await expect.poll(() => card.locator('[data-testid="evidence"][data-source="docker"]').first().innerText()).toContain(`${victim.name} on ${victim.engine.name} exited 137 (SIGKILL)`);
    expect(await card.getAttribute('data-severity')).not.toBe('warning');
    await expect.poll(() => card.locator('[data-testid="incident-shell"]').innerText(), { timeout: 10_000 }).toContain(healthy.name);

    // The page raised a notification with the incident's title and evidence.
    const notifications = await waitFor('a notification', async () => {
      const seen = await ui.page.evaluate(() => (window as unknown as { __notifications: Array<{ title: string; body?: string }> }).__notifications);
      return seen.find((n) => n.title.includes(victim.name)) && seen;
    }, 10_000);
    const raised = notifications.find((n) => n.title.includes(victim.name))!;
    expect(raised.title).toContain(svc.service);
    expect(raised.body).toContain('exited 137');
    await screenshot(ui.page, 'incidents-open');

    // Two clicks from the first screen: the logs at the moment of death, its last line marked.
    const lastLine = docker(victim.engine, 'logs', '--tail', '1', victim.id);
    await card.locator('[data-testid="incident-logs"]').click();
    await ui.page.waitForURL(/#\/logs\?.*&at=/);
    const marked = ui.page.locator('[data-testid="log-line"][data-focus="true"]');
    await marked.waitFor({ timeout: 15_000 });
    expect(await marked.isVisible()).toBe(true);
    expect(await marked.innerText()).toContain(lastLine.replace(/^\S+ /, '').slice(0, 40));
    await screenshot(ui.page, 'incidents-logs-at-death');
  }, 60_000);

  it('Containers "Only problems" and Topology show the killed replica as degraded, with the reason', async () => {
    await ui.page.goto(`${ui.url}#/containers`);
    await ui.page.locator('[data-testid="container-filter"]').fill(svc.project);
    await ui.page.getByLabel(/only problems/i).check();
    const row = ui.page.locator(`[data-testid="container-row"][data-name="${victim.name}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await ui.page.locator(`[data-testid="container-row"][data-name="${healthy.name}"]`).count()).toBe(0);
    await ui.page.getByLabel(/only problems/i).uncheck();

    await ui.page.goto(`${ui.url}#/topology`);
    await ui.page.locator('[data-testid="topology-view-toggle"]').click();
    const item = ui.page.locator(`[data-testid="topology-list-item"][data-id="container:${victim.engine.name}/${victim.id}"]`);
    await item.waitFor({ timeout: 15_000 });
    expect(await item.getAttribute('data-health')).toBe('error');
    expect(await item.innerText()).toContain('exited 137 (SIGKILL)');
    await ui.page.locator('[data-testid="topology-view-toggle"]').click();
  }, 60_000);

  it('a crash-looping replica, the killed replica\'s expired key and a Zabbix trigger all join the same incident', async () => {
    const [e1] = svc.engines();
    const looping = svc.create(3, e1!, {
      restart: 'always',
      command: ['sh', '-c', 'echo starting; sleep 1; echo "FATAL: cannot read /etc/app/config.yml" >&2; exit 2'],
    });
    await ui.page.goto(`${ui.url}#/incidents`);
    const open = ui.page.locator(`[data-testid="incident"][data-service="${svc.service}"][data-state="open"]`);
    const evidence = (source: string) => open.locator(`[data-testid="evidence"][data-source="${source}"]`).allInnerTexts().then((texts) => texts.join('\n'));

    // The loop: three deaths or more within the window, with the telling line.
    await expect.poll(() => evidence('docker'), { timeout: 30_000 }).toMatch(new RegExp(`${looping.name} on ${e1!.name} exited 2, ([3-9]|\\d{2,}) times in \\d+ min.*FATAL: cannot read`));
    // The killed replica's key ran out (10 s lease): evidence of the same incident, not one of its own.
    await expect.poll(() => evidence('registry'), { timeout: 30_000 }).toMatch(/expired: its lease ran out/);
    // Monitoring reports no live replica; Zabbix raises its own problem, which joins too.
    await waitFor('the trigger\'s item in Zabbix\'s cache', () => trigger.send(0), 30_000);
    await waitFor('the Zabbix problem', async () => (await trigger.problems()).length > 0, 60_000);
    await expect.poll(() => evidence('zabbix'), { timeout: 15_000 }).toContain(trigger.description);

    expect(await open.count()).toBe(1);
    expect(await evidence('docker')).toContain(`${victim.name} on ${victim.engine.name} exited 137 (SIGKILL)`);
    await screenshot(ui.page, 'incidents-joined');
  }, 120_000);
});
