import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { startCountingProxy } from '../test-support/counting-proxy';
import { copyImage, docker } from '../test-support/docker-cli';
import { etcdctl } from '../test-support/etcdctl';
import { startExtraEngine, type ExtraEngine } from '../test-support/extra-engine';
import { freePort } from '../test-support/free-port';
import { freeze } from '../test-support/freeze';
import { labProfile, labProfileText } from '../test-support/lab';
import { ServiceTrigger } from '../test-support/zabbix-trigger';

const ASLEEP_MS = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `etcdctl lease grant`: the lease's id in hex, as etcdctl names it. */
function grantLease(ttl: number): string {
  const id = /lease ([0-9a-f]+) granted/.exec(etcdctl('lease', 'grant', String(ttl)))?.[1];
  if (!id) throw new Error('etcdctl lease grant gave no id');
  return id;
}

/** What etcd says is left of a lease (-1 once it expired), read now. */
function leaseLeft(id: string): number {
  return (JSON.parse(etcdctl('lease', 'timetolive', id, '-w', 'json')) as { ttl: number }).ttl;
}

/** "12s", "1m 05s", "2h 03m" (the Containers screen's uptime) in seconds. */
function uptimeSeconds(text: string): number {
  const m = /^(?:(\d+)h )?(?:(\d+)m )?(?:(\d+)s)?$/.exec(text.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) throw new Error(`not an uptime: ${text}`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** How far apart a clock shown as "HH:MM:SS" (local time) is from a moment, in seconds. */
function clockOff(text: string, at: number): number {
  const m = /(\d\d):(\d\d):(\d\d)/.exec(text);
  if (!m) throw new Error(`no HH:MM:SS in ${text}`);
  const d = new Date(at);
  const off = Math.abs(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) - (d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds()));
  return Math.min(off, 86_400 - off);
}

/** Records every Web Notification the page raises (the real API, allowed), as the incidents e2e test does. */
async function recordNotifications(page: Page, origin: string): Promise<() => Promise<Array<{ title: string; body?: string }>>> {
  await page.context().grantPermissions(['notifications'], { origin });
  await page.addInitScript(() => {
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
  return () => page.evaluate(() => (window as unknown as { __notifications: Array<{ title: string; body?: string }> }).__notifications);
}

/**
 * The console's own main process asleep for a minute (SIGSTOP, as a closed laptop lid) while
 * Docker, etcd and Zabbix change. On waking it must show the world as it is now: rows made and
 * removed meanwhile, lease countdowns and uptimes read from now (not from the moment it fell
 * asleep), a key whose lease ran out meanwhile gone, the Zabbix problem raised meanwhile; and
 * nothing made up by the sleep itself: no "not responding", no incident or notification, no
 * new socket, no reconnect storm.
 */
describe('the console itself asleep', () => {
  let extra: ExtraEngine;
  let proxy: Awaited<ReturnType<typeof startCountingProxy>>;
  const dir = mkdtempSync(join(tmpdir(), 'ops-e2e-asleep-'));
  const ref = () => ({ name: 'nap-engine', host: extra.host });
  // A production service of the test's own: its replica serves two ports, each registered with a lease the test holds.
  const app = `nap${randomBytes(3).toString('hex')}`;
  const service = `${app}_PROD`;
  const trigger = new ServiceTrigger(app, 'PROD');
  const leases: string[] = [];
  let longKey = '';
  let shortKey = '';
  let shortPort = 0;

  beforeAll(async () => {
    extra = await startExtraEngine();
    copyImage(labProfile().docker[0]!, ref(), 'lab/busybox:1');
    const longPort = await freePort();
    shortPort = await freePort();
    longKey = `/${service}/127.0.0.1-${longPort}`;
    shortKey = `/${service}/127.0.0.1-${shortPort}`;
    // nap_keep: started before the sleep, serves both ports (busybox httpd without -f goes to the background).
    docker(ref(), 'run', '-d', '--network', 'host', '--name', 'nap_keep', 'lab/busybox:1', 'sh', '-c', `httpd -p 127.0.0.1:${shortPort}; exec httpd -f -p 127.0.0.1:${longPort}`);
    docker(ref(), 'run', '-d', '--network', 'host', '--name', 'nap_gone', 'lab/busybox:1', 'sleep', '100000');
    proxy = await startCountingProxy(extra.socket);
    writeFileSync(join(dir, 'connections.yaml'), labProfileText().replace(/^docker:\n/m, `docker:\n  - name: nap-engine\n    host: ${proxy.host}\n`));
    // A lease far longer than the sleep, never refreshed: its countdown must go on through it.
    const long = grantLease(300);
    leases.push(long);
    etcdctl('put', `--lease=${long}`, longKey, `127.0.0.1:${longPort}`);
    await trigger.create();
  }, 120_000);
  afterAll(async () => {
    for (const lease of leases) {
      try {
        etcdctl('lease', 'revoke', lease);
      } catch {
        // expired already
      }
    }
    await trigger.remove();
    await proxy?.close();
    await extra?.stop();
  });
  const ui = useConsolePage({ profilePath: join(dir, 'connections.yaml') });

  it('after a 60 s SIGSTOP shows what Docker, etcd and Zabbix hold now, with right countdowns and ages, nothing false and no reconnect storm', async () => {
    const { page } = ui;
    const wsPerPage = new Map<Page, number>();
    const countSockets = (p: Page) => {
      wsPerPage.set(p, 0);
      p.on('websocket', () => wsPerPage.set(p, wsPerPage.get(p)! + 1));
    };
    countSockets(page);
    // A second window on the Registry (and later Connections and Incidents), recording its notifications.
    const context2 = await ui.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page2 = await context2.newPage();
    countSockets(page2);
    const notifications = await recordNotifications(page2, new URL(ui.url).origin);

    await page.goto(`${ui.url}#/containers`);
    await page2.goto(`${ui.url}#/incidents`);
    const row = (name: string) => page.locator('[data-testid="container-row"][data-engine="nap-engine"]', { hasText: name });
    await row('nap_gone').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('[data-testid="fleet-live"]').getAttribute('data-live'), { timeout: 15_000 }).toBe('true');
    await page2.locator('[data-testid="incident"], [data-testid="all-clear"]').first().waitFor({ timeout: 20_000 });
    const openIncidents = () => page2.locator('[data-testid="incident"][data-state="open"]').evaluateAll((els) => els.map((e) => ({ service: e.getAttribute('data-service'), title: e.getAttribute('aria-label') ?? '' })));
    const incidentsBefore = new Set((await openIncidents()).map((i) => i.title));

    await page2.goto(`${ui.url}#/registry/services`);
    await page2.locator('[data-testid="registry-filter"]').fill(app);
    const instance = (key: string) => page2.locator(`[data-testid="registry-instance"][data-key="${key}"]`);
    const ttlOf = async (key: string) => Number((await instance(key).locator('[data-testid="registry-ttl"]').getAttribute('data-ttl', { timeout: 2000 })) || NaN);
    // Served by nap_keep (its ports found), its lease read.
    await expect.poll(() => instance(longKey).getAttribute('data-state'), { timeout: 20_000 }).toBe('ok');
    await expect.poll(() => ttlOf(longKey), { timeout: 10_000 }).toBeGreaterThan(0);
    for (const p of [page, page2]) expect(wsPerPage.get(p)).toBe(1);

    // The engine's usual traffic (checks, stats of the rows on screen) over 6 s, to compare the wake-up with.
    const BASELINE_MS = 6000;
    const baselineStart = proxy.requests();
    const baselineFrom = Date.now();
    // Meanwhile: a key whose lease (20 s) runs out during the sleep; put late so that the
    // console never sees it unrefreshed for long (that would be a true "no heartbeat").
    await sleep(BASELINE_MS - 3000);
    const shortGrantedAt = Date.now();
    const short = grantLease(20);
    leases.push(short);
    etcdctl('put', `--lease=${short}`, shortKey, `127.0.0.1:${shortPort}`);
    await expect.poll(() => ttlOf(shortKey), { timeout: 3000 }).toBeGreaterThan(0);
    await sleep(Math.max(0, BASELINE_MS - (Date.now() - baselineFrom)));
    const baseline = proxy.requests() - baselineStart;
    const baselineSeconds = (Date.now() - baselineFrom) / 1000;
    const ttlAtSleep = await ttlOf(longKey);

    const asleep = freeze([ui.app.pid]);
    const fellAsleepAt = Date.now();
    let zabbixSent = false;
    try {
      docker(ref(), 'run', '-d', '--network', 'host', '--name', 'nap_new', 'lab/busybox:1', 'sleep', '100000');
      docker(ref(), 'rm', '-f', 'nap_gone');
      // Monitoring reports the service down meanwhile (retried until Zabbix's cache has the item).
      while (Date.now() - fellAsleepAt < ASLEEP_MS) {
        if (!zabbixSent) zabbixSent = trigger.send(0);
        await sleep(zabbixSent ? ASLEEP_MS - (Date.now() - fellAsleepAt) : 2000);
      }
    } finally {
      asleep.thaw();
    }
    const wokeAt = Date.now();
    expect(zabbixSent).toBe(true);
    expect(leaseLeft(short)).toBe(-1);
    const requestsAtWake = proxy.requests();
    const connectionsAtWake = proxy.connections();

    // Within a few seconds: the Containers screen is Docker's now.
    await row('nap_new').waitFor({ timeout: 5_000 });
    await row('nap_gone').waitFor({ state: 'detached', timeout: 5_000 });
    // Ages are counted from Docker's StartedAt, for a container made before the sleep and one made during it.
    for (const name of ['nap_keep', 'nap_new']) {
      const startedAt = Date.parse(docker(ref(), 'inspect', '-f', '{{.State.StartedAt}}', name));
      await expect
        .poll(async () => Math.abs(uptimeSeconds(await row(name).locator('td.col-uptime').innerText()) - (Date.now() - startedAt) / 1000), { timeout: 5_000 })
        .toBeLessThanOrEqual(3);
    }
    // The Registry's countdown is etcd's, not the one frozen at the sleep; the key whose lease ran out is gone.
    await instance(shortKey).waitFor({ state: 'detached', timeout: 5_000 });
    await expect.poll(async () => Math.abs((await ttlOf(longKey)) - leaseLeft(leases[0]!)), { timeout: 5_000 }).toBeLessThanOrEqual(2);
    expect(await ttlOf(longKey)).toBeLessThan(ttlAtSleep - ASLEEP_MS / 1000 + 5);
    expect(await instance(longKey).getAttribute('data-state')).toBe('ok');
    // The "Live · revision … · HH:MM:SS" mark is of now.
    await expect.poll(async () => clockOff(await page2.locator('[data-testid="registry-live"]').innerText(), Date.now()), { timeout: 5_000 }).toBeLessThanOrEqual(2);
    expect(Date.now() - wokeAt).toBeLessThan(12_000);
    await screenshot(page2, 'console-asleep-registry-1440');

    // For 8 s after waking: no peer is called "not responding" on either window (its answers were waiting in the sockets).
    const until = Date.now() + 8000;
    while (Date.now() < until) {
      for (const p of [page, page2]) expect(await p.locator('[data-testid="peer-down"]').count()).toBe(0);
      await sleep(250);
    }
    expect(await page.locator('[data-testid="fleet-live"]').getAttribute('data-live')).toBe('true');

    // "Last checked … ago" is from checks made after waking, and no latency counts the sleep.
    await page2.goto(`${ui.url}#/connections`);
    const cards = page2.locator('[data-testid="connection"]');
    await cards.first().waitFor({ timeout: 5_000 });
    const checks = () => cards.evaluateAll((els) => els.map((e) => ({ name: e.getAttribute('data-name'), state: e.getAttribute('data-state'), checkedAt: Date.parse(e.querySelector('time')?.getAttribute('datetime') ?? ''), text: (e as HTMLElement).innerText })));
    await expect.poll(async () => (await checks()).filter((c) => !(c.checkedAt > wokeAt)).map((c) => c.name), { timeout: 5_000 }).toEqual([]);
    for (const card of await checks()) {
      expect(card.state, card.name ?? '').toBe('connected');
      const latency = /(\d+) ms/.exec(card.text)?.[1];
      if (latency) expect(Number(latency), `${card.name} latency`).toBeLessThan(5000);
    }
    await screenshot(page2, 'console-asleep-connections-1440');

    // Incidents: the Zabbix problem raised meanwhile is there; nothing new comes from the sleep itself.
    await page2.goto(`${ui.url}#/incidents`);
    const ours = page2.locator(`[data-testid="incident"][data-service="${service}"][data-state="open"]`);
    await expect.poll(() => ours.locator('[data-testid="evidence"][data-source="zabbix"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const evidence = await ours.locator('[data-testid="evidence"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-source')}: ${(e as HTMLElement).innerText}`));
    // Evidence of our service: Zabbix's problem, and the key that really expired; never "stale" nor "no heartbeat".
    for (const line of evidence) expect(line).toMatch(/^(zabbix: .*|registry: .*expired.*)$/s);
    // The key that expired during the sleep is dated when its lease ran out, not when the console woke and saw it gone.
    // (Right after waking, the registry view may also have said "Lease expired" of the key for a moment,
    // before etcd's delete was read: that evidence is dated at the wake, this one at the expiry.)
    const expiry = ours.locator('[data-testid="evidence"][data-source="registry"]', { hasText: shortKey }).filter({ hasText: 'its lease ran out' });
    await expiry.waitFor({ timeout: 5_000 });
    expect(clockOff(await expiry.locator('time').innerText(), shortGrantedAt + 20_000)).toBeLessThanOrEqual(3);
    // Other incidents new since the sleep: none about a connection (the lab's or ours) nor our engine.
    const newOnes = (await openIncidents()).filter((i) => i.service !== service && !incidentsBefore.has(i.title));
    for (const { title } of newOnes) expect(title).not.toMatch(/not reachable|not responding/i);
    // (The lab's own crash-looping demo replica notifies too, and its Zabbix problem is named "Stale
    // registrations of …": only our service's notifications must say nothing of heartbeats or stale keys.)
    for (const n of await notifications()) {
      const text = `${n.title} ${n.body ?? ''}`;
      expect(text).not.toMatch(/not reachable|not responding/i);
      if (n.title.startsWith(`${service}:`)) expect(text).not.toMatch(/heartbeat|stale/i);
    }
    await screenshot(page2, 'console-asleep-incidents-1440');

    for (const p of [page, page2]) expect(wsPerPage.get(p)).toBe(1);
    // Waking is the usual traffic plus a catch-up (events since, a re-list, an inspect per new row), not a storm.
    const seconds = (Date.now() - wokeAt) / 1000;
    const requests = proxy.requests() - requestsAtWake;
    const connections = proxy.connections() - connectionsAtWake;
    expect(requests).toBeLessThan((baseline / baselineSeconds) * seconds * 1.5 + 20);
    expect(connections).toBeLessThan(requests);
    expect(docker(ref(), 'ps', '-a', '--format', '{{.Names}}').split('\n').sort()).toEqual(['nap_keep', 'nap_new']);
    await screenshot(page, 'console-asleep-after-1440');
    await page.setViewportSize({ width: 1024, height: 700 });
    await screenshot(page, 'console-asleep-after-1024');
    await context2.close();
  }, 180_000);
});
