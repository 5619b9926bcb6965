import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot } from '../browser';
import { startConsole } from '../console';
import { ConsoleRpc } from '../console-rpc';
import type { EngineRef } from '../docker-cli';
import { labProfile, labProfilePath } from '../lab';
import { LAB_IMAGE } from '../lab-service';
import { churnContainers, churnRegistry, emptyMade, flapProblem, type MadeEvents } from './churn';
import { compareFleet, compareProblems, compareRegistry, converges, timelineMisses, type Differences } from './compare';
import { heapGrowth, mainCpuProfile, mainHeapSummary, median, pageHeapSummary, sample, socketsOf, timersOf, pendingTimerKinds, type HeapSummary, type Sample } from './measure';
import { dockerAsync, etcdctlAsync } from './run-cli';

export interface SoakOptions {
  minutes: number;
  warmupMinutes: number;
  log?: (line: string) => void;
}

export interface SoakFigures {
  mainRss: number;
  mainHeap: number;
  pageHeaps: number[];
  sockets: number;
  timers: number;
}

export interface SoakReport {
  minutes: number;
  warmupMinutes: number;
  /** Medians of three samples at the end of the warm-up and at the end of the churn (timers: the fewest of the three). */
  afterWarmup: SoakFigures;
  atEnd: SoakFigures;
  /** end / after warm-up − 1 */
  growth: { mainRss: number; mainHeap: number; pageHeaps: number[] };
  made: { containers: number; dockerEvents: number; registryWrites: number; expiredKeys: number; zabbixEvents: number; errors: string[] };
  differences: { fleet: Differences; registry: Differences; problems: Differences; timeline: Differences };
  samples: Sample[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PAGES = ['containers', 'logs', 'registry'] as const;

function figures(samples: Sample[]): SoakFigures {
  return {
    mainRss: median(samples.map((s) => s.mainRss)),
    mainHeap: median(samples.map((s) => s.mainHeap)),
    pageHeaps: PAGES.map((_, i) => median(samples.map((s) => s.pageHeaps[i]!))),
    sockets: median(samples.map((s) => socketsOf(s.resources))),
    // The quietest of the samples: each call in flight holds a deadline timer, and how many are in flight swings with the churn.
    timers: Math.min(...samples.map((s) => timersOf(s.resources))),
  };
}

/**
 * Churn in the lab with the console open on Containers, a merged log view and Registry:
 * containers created and killed every 2 s on both engines, registry keys churning, a Zabbix
 * problem flapping. Measures the console's memory and open handles after the warm-up and at the
 * end, then compares what it holds with Docker, etcd and Zabbix, and its timeline with what was made.
 */
/** A try that timed out goes on in the background (vitest does not stop it): the next try ends it first. */
let endUnfinished: (() => Promise<void>) | undefined;

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  await endUnfinished?.();
  const log = options.log ?? (() => undefined);
  const engines: EngineRef[] = labProfile().docker;
  const stamp = randomBytes(3).toString('hex');
  const project = `soak${stamp}`;
  const app = `soak${stamp}`;
  const prefix = `/${app}_TEST/`;
  const made: MadeEvents = emptyMade();
  const samples: Sample[] = [];
  let browser: Browser | undefined;
  let rpc: ConsoleRpc | undefined;
  const console = await startConsole(labProfilePath(), {}, { inspect: true });
  const stops: Array<() => Promise<void>> = [];
  const cleanups: Array<() => Promise<void>> = [];
  let ended: Promise<void> | undefined;
  const end = () =>
    (ended ??= (async () => {
      for (const stop of [...stops, ...cleanups]) await stop().catch(() => undefined);
      rpc?.close();
      await browser?.close().catch(() => undefined);
      await console.stop();
      for (const engine of engines) {
        const ids = (await dockerAsync(engine, 'ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`).catch(() => '')).split('\n').filter(Boolean);
        if (ids.length) await dockerAsync(engine, 'rm', '-f', ...ids).catch(() => undefined);
      }
      await etcdctlAsync('del', '--prefix', prefix).catch(() => undefined);
    })());
  endUnfinished = end;
  try {
    // Two talkers of the soak's own service, merged in one log view: ten lines a second each, and
    // a burst once the view follows them that fills the page's 100,000-line window in the warm-up.
    const talkers = engines.map((_, i) => `${project}_talker_${i + 1}`);
    for (const [i, engine] of engines.entries()) {
      await dockerAsync(engine, 'run', '-d', '--network', 'host', '--name', talkers[i]!, '--label', `com.docker.compose.project=${project}`,
        '--label', 'com.docker.compose.service=talker', '--label', `com.docker.compose.container-number=${i + 1}`, '--label', 'ops-soak=1', '-e', 'ENVIRONMENT=TEST',
        LAB_IMAGE, 'sh', '-c', `i=0; while true; do echo "talk ${i + 1} $i"; i=$((i+1)); sleep 0.1; done`);
    }
    browser = await launchChromium();
    const pages: Page[] = [];
    const hashes = { containers: '#/containers', logs: `#/logs?project=${project}&service=talker`, registry: '#/registry' };
    for (const name of PAGES) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(`${console.url}${hashes[name]}`);
      pages.push(page);
    }
    await pages[0]!.locator('[data-testid="container-row"]').first().waitFor({ timeout: 30_000 });
    const logLines = async () => Number(await pages[1]!.locator('[data-testid="log-view"]').getAttribute('data-lines', { timeout: 30_000 }));
    for (let tries = 0; (await logLines()) < 20 && tries < 300; tries++) await sleep(100);
    // Written to the talker's own stdout, so Docker logs it as the container's.
    for (const [i, engine] of engines.entries()) await dockerAsync(engine, 'exec', talkers[i]!, 'sh', '-c', `seq 1 60000 | sed "s/^/burst ${i + 1} /" > /proc/1/fd/1`);
    rpc = await ConsoleRpc.connect(console.url);
    const since = Date.now();

    const churns = [...engines.map((engine) => churnContainers(engine, project, made)), churnRegistry(prefix, made)];
    const flap = await flapProblem(app, made);
    cleanups.push(() => flap.trigger.remove());
    stops.push(async () => {
      await Promise.all(churns.map((c) => c.stop()));
      await flap.stop();
    });
    log(`churn started: containers on ${engines.map((e) => e.name).join(' and ')}, keys under ${prefix}, problem "${flap.trigger.description}"`);

    const takeThree = async () => {
      const three: Sample[] = [];
      for (let i = 0; i < 3; i++) {
        three.push(await sample(console.pid, console.inspectorUrl!, rpc!, pages));
        if (i < 2) await sleep(5000);
      }
      samples.push(...three);
      return figures(three);
    };
    const warmupEnd = since + options.warmupMinutes * 60_000;
    const end = since + options.minutes * 60_000;
    await sleep(Math.max(0, warmupEnd - Date.now()));
    const afterWarmup = await takeThree();
    // SOAK_HEAP_DIFF=1: what grew between the warm-up and the end, by constructor (to find a leak).
    const heapSummaries = async () => [await mainHeapSummary(console.inspectorUrl!), ...(await Promise.all(pages.map(pageHeapSummary)))];
    const summariesAfterWarmup: HeapSummary[] = process.env.SOAK_HEAP_DIFF ? await heapSummaries() : [];
    // SOAK_TIMER_TRACE=1: what the pending timers are, after the warm-up and at the end (to find what makes them grow).
    if (process.env.SOAK_TIMER_TRACE) log(`timers pending after the warm-up:\n${(await pendingTimerKinds(console.inspectorUrl!)).join('\n')}`);
    log(`after warm-up: main rss ${mb(afterWarmup.mainRss)}, heap ${mb(afterWarmup.mainHeap)}, pages ${afterWarmup.pageHeaps.map(mb).join(' / ')}, sockets ${afterWarmup.sockets}, timers ${afterWarmup.timers}`);
    while (Date.now() < end - 15_000) {
      await sleep(Math.min(60_000, end - 15_000 - Date.now()));
      const s = await sample(console.pid, console.inspectorUrl!, rpc, pages);
      samples.push(s);
      log(`${Math.round((Date.now() - since) / 1000)} s: main rss ${mb(s.mainRss)}, heap ${mb(s.mainHeap)} (committed ${mb(s.mainHeapCommitted)}, external ${mb(s.mainExternal)}), pages ${s.pageHeaps.map(mb).join(' / ')}, ${made.containers.size ? [...made.containers.values()].reduce((n, m) => n + m.size, 0) : 0} containers made, ${made.errors.length} churn errors; held: ${Object.entries(s.held).map(([what, n]) => `${what} ${n}`).join(', ')}`);
    }
    const atEnd = await takeThree();
    if (process.env.SOAK_HEAP_DIFF) {
      const summariesAtEnd = await heapSummaries();
      for (const [i, name] of ['main process', ...PAGES.map((p) => `page ${p}`)].entries()) {
        log(`grew most in the ${name}:\n${heapGrowth(summariesAfterWarmup[i]!, summariesAtEnd[i]!).join('\n')}`);
      }
    }
    if (process.env.SOAK_TIMER_TRACE) log(`timers pending at the end:\n${(await pendingTimerKinds(console.inspectorUrl!)).join('\n')}`);
    if (process.env.SOAK_CPU_PROFILE) {
      // Where the console's main thread spends its time late in the churn (open in Chrome DevTools).
      writeFileSync(process.env.SOAK_CPU_PROFILE, JSON.stringify(await mainCpuProfile(console.inspectorUrl!, 20_000)));
      log(`cpu profile of 20 s written to ${process.env.SOAK_CPU_PROFILE}`);
    }
    for (const [i, page] of pages.entries()) await screenshot(page, `soak-${PAGES[i]}-1440`);
    // The Incidents screen after the churn (a service that kept dying: one long incident), at both widths.
    for (const width of [1440, 1024]) {
      const incidents = await browser.newPage({ viewport: { width, height: 900 } });
      await incidents.goto(`${console.url}#/incidents`);
      await incidents.locator('[data-testid="incident-title"]').first().waitFor({ timeout: 30_000 }).catch(() => undefined);
      await screenshot(incidents, `soak-incidents-${width}`);
      await incidents.close();
    }
    await stops.pop()!();
    log('churn stopped; comparing with Docker, etcd and Zabbix');

    const differences = {
      fleet: await converges(() => compareFleet(rpc!, engines), 30_000),
      registry: await converges(() => compareRegistry(rpc!), 30_000),
      problems: await converges(() => compareProblems(rpc!), 30_000),
      timeline: await converges(() => timelineMisses(rpc!, made, since - 1000), 30_000),
    };
    const containers = [...made.containers.values()].reduce((n, m) => n + m.size, 0);
    const dockerEvents = [...made.containers.values()].reduce((n, m) => n + [...m.values()].reduce((k, s) => k + s.size, 0), 0);
    return {
      minutes: options.minutes,
      warmupMinutes: options.warmupMinutes,
      afterWarmup,
      atEnd,
      growth: {
        mainRss: atEnd.mainRss / afterWarmup.mainRss - 1,
        mainHeap: atEnd.mainHeap / afterWarmup.mainHeap - 1,
        pageHeaps: atEnd.pageHeaps.map((h, i) => h / afterWarmup.pageHeaps[i]! - 1),
      },
      made: { containers, dockerEvents, registryWrites: made.registryIds.size, expiredKeys: made.expiredKeys.size, zabbixEvents: made.zabbixEventIds.size, errors: made.errors },
      differences,
      samples,
    };
  } finally {
    await end();
  }
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
