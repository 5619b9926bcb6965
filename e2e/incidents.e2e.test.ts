import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { docker } from '../test-support/docker-cli';
import { LabService, waitFor, type Replica } from '../test-support/lab-service';

/**
 * The incident cockpit, driven as an engineer who was paged would: a production replica is
 * killed; the first screen says so within seconds with the evidence, a notification is raised,
 * Containers and Topology say why, and two clicks lead to the logs at the moment of death.
 */
const ui = useConsolePage();
const svc = new LabService('cockpit', 'PROD');
let victim: Replica;
let healthy: Replica;

beforeAll(async () => {
  const [e1, e2] = svc.engines();
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

afterAll(() => svc.remove());

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
});
