import type { Browser } from 'playwright-core';
import { Etcd3 } from 'etcd3';
import { openConsolePage } from '../test-support/console-page';
import { labProfile } from '../test-support/lab';
import { median, nowMs, percentile, profilePage, round, sleep, timed, WS_PROBE, type BenchResult } from './lib';
import { changeLatencies } from './registry-latency';
import { open } from './screens';

const SERVICES = Number(process.env.BENCH_REGISTRY_SERVICES ?? 500);
const PER_SERVICE = Number(process.env.BENCH_REGISTRY_PER_SERVICE ?? 20);
const CHANGES = Number(process.env.BENCH_REGISTRY_SCALE_CHANGES ?? 300);
const CONSOLES = 3;
/** The bench's services: benchscale000_PRE ... benchscale499_PRE, each with PER_SERVICE instances. */
const APP = 'benchscale';

/** Each service on hosts of its own (10.x.y.1), as a real registry's would be: no endpoint shared. */
const serviceKey = (service: number, instance: number) => `/${APP}${String(service).padStart(3, '0')}_PRE/10.${Math.floor(service / 250)}.${service % 250}.1-${40000 + instance}`;

/** Puts SERVICES × PER_SERVICE keys, 200 at a time (etcd3 client, as a registrar would). */
async function seed(etcd: Etcd3): Promise<number> {
  const keys: string[] = [];
  for (let s = 0; s < SERVICES; s++) for (let i = 0; i < PER_SERVICE; i++) keys.push(serviceKey(s, i));
  for (let i = 0; i < keys.length; i += 200) {
    await Promise.all(keys.slice(i, i + 200).map((key) => etcd.put(key).value(key.split('/')[2]!.replace('-', ':'))));
  }
  return keys.length;
}

const SERVICE_CARDS = `[data-testid="registry-service"][data-service^="${APP}"]`;
const KEY_FOLDERS = `[data-testid="registry-folder"][data-prefix^="/${APP}"]`;

/**
 * The Registry with 10,000 keys across 500 services in the lab's etcd: first paint on a fresh
 * console (page load included, and as a nav click after the landing screen), then a change
 * to the screen p99 with all of them present. Baseline: `etcdctl get --prefix /` on the same
 * etcd (what the console must load), in the same run.
 */
export async function measureRegistryScale(browser: Browser): Promise<BenchResult[]> {
  const endpoints = labProfile().etcd.endpoints;
  const etcd = new Etcd3({ hosts: endpoints });
  const cold: number[] = [];
  const services: number[] = [];
  const keysTab: number[] = [];
  const etcdctlRuns: number[] = [];
  let latencies: number[] = [];
  let keys = 0;
  try {
    const seeded = nowMs();
    keys = await seed(etcd);
    process.stdout.write(`[bench]   ${keys.toLocaleString('en')} keys in ${SERVICES} services seeded in ${round((nowMs() - seeded) / 1000)} s\n`);
    keys = (await etcd.getAll().prefix('/').keys()).length;
    for (let r = 0; r < 3; r++) etcdctlRuns.push(await timed('etcdctl', ['--endpoints', endpoints.join(','), 'get', '--prefix', '/']));
    for (let c = 0; c < CONSOLES; c++) {
      const { app, page, close } = await openConsolePage({ browser });
      try {
        // Cold: page load straight onto the Registry until its first page of service cards is drawn
        // (the rest are drawn as the list scrolls).
        const t0 = nowMs();
        await page.goto(`${app.url}#/registry`);
        // The view arrives whole: its first card drawn means all 10,000 keys are in the page.
        await page.waitForSelector(SERVICE_CARDS, { timeout: 60_000 });
        cold.push(nowMs() - t0);
        // As a nav click from the landing screen, Services then Keys.
        await page.goto(`${app.url}#/incidents`);
        await page.reload();
        await page.waitForSelector('[data-testid="incident"], [data-testid="all-clear"]', { timeout: 60_000 });
        await sleep(2000);
        services.push(await open(page, { hash: '#/registry', selector: `${SERVICE_CARDS}:nth-of-type(1)` }));
        keysTab.push(await open(page, { hash: '#/registry/keys', selector: KEY_FOLDERS }));
        if (c === 0) {
          // Changes with all of them present, on the Keys tab of a page that has the probe.
          await page.addInitScript(`${WS_PROBE}; window.__benchWs.match = ${JSON.stringify(`/${APP}_changes_PRE/`)};`);
          await page.reload();
          await page.locator('[data-testid="registry-live"][data-state="live"]').waitFor({ timeout: 60_000 });
          await sleep(1000);
          const stopProfile = await profilePage(page, 'page-registry-changes');
          latencies = (await changeLatencies(page, etcd, `/${APP}_changes_PRE/127.0.0.1-`, CHANGES)).latencies;
          await stopProfile();
        }
      } finally {
        await close();
      }
    }
  } finally {
    await etcd.delete().prefix(`/${APP}`).catch(() => undefined);
    etcd.close();
  }
  const baseline = median(etcdctlRuns);
  const firstPaint = median(cold);
  const p99 = percentile(latencies, 99);
  const perRun = (values: number[]) => values.map((v) => round(v, 0)).join(', ');
  const common = { unit: 'ms' as const, baseline: round(baseline), baselineName: `etcdctl get --prefix / (all ${keys.toLocaleString('en')} keys, printed)` };
  return [
    {
      id: 'registry-scale-first-paint',
      title: `Registry first paint, ${keys.toLocaleString('en')} keys in ${SERVICES} services`,
      ours: round(firstPaint),
      ...common,
      ratio: round(baseline / firstPaint, 2),
      target: '< 2000 ms',
      met: firstPaint < 2000,
      notes: `page.goto straight onto the Registry (page load, connection and the whole registry included) until the first page of service cards is drawn (the view arrives whole; 40 cards a page, the next drawn as the list scrolls near it); median of ${CONSOLES} fresh consoles (${perRun(cold)} ms). As a nav click 2 s after the landing screen drew: Services tab ${round(median(services))} ms to its first card (${perRun(services)}), Keys tab ${round(median(keysTab))} ms (${perRun(keysTab)}).`,
      extra: { keys, services: SERVICES, servicesTabMs: round(median(services)), keysTabMs: round(median(keysTab)) },
    },
    {
      id: 'registry-scale-change',
      title: `Registry change to the screen with ${keys.toLocaleString('en')} keys (p99)`,
      ours: round(p99, 1),
      baseline: 5000,
      baselineName: "confd's polling interval (worst case)",
      unit: 'ms',
      ratio: round(5000 / p99, 1),
      target: 'p99 < 100 ms',
      met: p99 < 100,
      notes: `${latencies.length} puts and deletes, one at a time, from the etcd call to the change painted on the Keys tab, with all ${keys.toLocaleString('en')} keys present; p50 ${round(percentile(latencies, 50), 1)} ms.`,
      extra: { p50Ms: round(percentile(latencies, 50), 1), p99Ms: round(p99, 1) },
    },
  ];
}
