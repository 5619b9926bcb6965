import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { openConsolePage } from '../test-support/console-page';
import { median, nowMs, round, sleep, type BenchResult } from './lib';

/**
 * Time to open each screen: from the `location.hash` change (what a nav link does) to the
 * screen's DATA drawn (a selector that exists only once real rows or nodes are in the page, then
 * the next animation frame), on the first visit of a fresh console and on a later visit (after
 * every other screen was visited). Three consoles; medians. The baseline is the same screen's
 * data fetched over the console's own RPC (a Node WebSocket client on the same console, a fresh
 * subscription or call each time), to its first data, without drawing.
 */

interface ScreenProbe {
  id: string;
  title: string;
  hash: string;
  /** Exists only when the screen shows real data. */
  selector: string;
  /** The RPC the screen draws from: a stream (first item that counts) or a call. */
  rpc: { stream: string; params?: unknown; ready?: (items: unknown[]) => boolean } | { call: string; params?: unknown };
}

const anyItem = (items: unknown[]) => items.length > 0;

/** The screens of the nav (src/renderer/app/routes.tsx), with the lab's search_PROD for Logs. The first is where the console lands. */
const SCREENS: ScreenProbe[] = [
  { id: 'incidents', title: 'Incidents', hash: '#/incidents', selector: '[data-testid="incident"], [data-testid="all-clear"]', rpc: { stream: 'watch.view' } },
  { id: 'topology', title: 'Topology', hash: '#/topology', selector: '[data-testid="topology-node"][data-kind="service"]', rpc: { stream: 'topology.view' } },
  {
    id: 'containers',
    title: 'Containers',
    hash: '#/containers',
    selector: '[data-testid="container-row"], [data-testid="group-row"]',
    rpc: { stream: 'containers.fleet', ready: (items) => items.some((i) => (i as { kind: string }).kind === 'snapshot') },
  },
  {
    id: 'logs',
    title: 'Logs (search_PROD, merged)',
    hash: '#/logs?project=prod&service=search',
    selector: '[data-testid="log-line"]',
    rpc: { stream: 'logs.tail', params: { selection: { service: { project: 'prod', service: 'search' } }, tail: 1000, follow: true }, ready: (items) => items.some((i) => Array.isArray(i) || (i as { kind?: string }).kind === 'lines') },
  },
  { id: 'log-search', title: 'Log search', hash: '#/log-search', selector: '[data-testid="log-search-scope"] optgroup option', rpc: { stream: 'containers.fleet', ready: (items) => items.some((i) => (i as { kind: string }).kind === 'snapshot') } },
  { id: 'terminal', title: 'Terminal', hash: '#/terminal', selector: '[data-testid="terminal-pick-option"]', rpc: { stream: 'containers.fleet', ready: (items) => items.some((i) => (i as { kind: string }).kind === 'snapshot') } },
  { id: 'registry', title: 'Registry', hash: '#/registry', selector: '[data-testid="registry-service"]', rpc: { stream: 'registry.view' } },
  { id: 'metrics', title: 'Metrics (problems)', hash: '#/metrics/problems', selector: '[data-testid="zabbix-problems"][data-loaded="true"], [data-testid="zabbix-problem"]', rpc: { stream: 'zabbix.problems' } },
  { id: 'timeline', title: 'Timeline', hash: '#/timeline', selector: '[data-testid="timeline-event"]', rpc: { stream: 'timeline.events' } },
  { id: 'connections', title: 'Connections', hash: '#/connections', selector: '[data-testid="connection"]', rpc: { stream: 'connections.status' } },
  { id: 'audit', title: 'Audit', hash: '#/audit', selector: '[data-testid="audit-row"], [data-testid="empty-state"]', rpc: { call: 'audit.list', params: { limit: 500 } } },
  { id: 'settings', title: 'Settings', hash: '#/settings', selector: '[data-testid="app-version"]', rpc: { call: 'app.info' } },
];

/**
 * In the page: change the hash, wait for the selector, then the next frame; ms. A string, so
 * that tsx's helpers (`__name`) do not leak into the page.
 */
const OPEN_IN_PAGE = `({ hash, selector }) => new Promise((resolve, reject) => {
  const t0 = performance.now();
  let observer;
  const timeout = window.setTimeout(() => { observer.disconnect(); reject(new Error('no ' + selector + ' after 30 s')); }, 30000);
  observer = new MutationObserver(() => {
    if (!document.querySelector(selector)) return;
    observer.disconnect();
    window.clearTimeout(timeout);
    requestAnimationFrame(() => resolve(performance.now() - t0));
  });
  observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  window.location.hash = hash;
})`;

export async function open(page: Page, screen: Pick<ScreenProbe, "hash" | "selector">): Promise<number> {
  return page.evaluate(`(${OPEN_IN_PAGE})(${JSON.stringify({ hash: screen.hash, selector: screen.selector })})`) as Promise<number>;
}

/** The screen's data over the console's RPC, on a fresh socket: ms to the first data that counts. */
async function viaRpc(url: string, screen: ScreenProbe): Promise<number> {
  const u = new URL(url);
  const ws = new WebSocket(`ws://${u.host}${u.pathname}rpc`, { origin: `http://${u.host}` });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${screen.id}: no data over RPC after 30 s`)), 30_000);
      const t0 = nowMs();
      const rpc = screen.rpc;
      const seen: unknown[] = [];
      ws.on('message', (raw) => {
        const message = JSON.parse(String(raw)) as { id: number; type?: string; items?: unknown[]; ok?: boolean };
        if (message.id !== 1) return;
        if ('call' in rpc) {
          clearTimeout(timer);
          return message.ok ? resolve(nowMs() - t0) : reject(new Error(`${rpc.call} failed`));
        }
        if (message.type === 'end') return reject(new Error(`${rpc.stream} ended`));
        seen.push(...(message.items ?? []));
        if ((rpc.ready ?? anyItem)(seen)) {
          clearTimeout(timer);
          resolve(nowMs() - t0);
        }
      });
      ws.send(JSON.stringify('call' in rpc ? { type: 'invoke', id: 1, method: rpc.call, params: rpc.params ?? {} } : { type: 'subscribe', id: 1, stream: rpc.stream, params: rpc.params ?? {} }));
    });
  } finally {
    ws.close();
  }
}

interface ConsoleRun {
  first: Map<string, number>;
  later: Map<string, number>;
  rpc: Map<string, number>;
}

async function oneConsole(browser: Browser, settleMs: number): Promise<ConsoleRun> {
  const { page, url, close } = await openConsolePage({ browser });
  const run: ConsoleRun = { first: new Map(), later: new Map(), rpc: new Map() };
  try {
    // Landing: the default screen, from page load to its data (the start-up of the page).
    const landing = SCREENS[0]!;
    const t0 = nowMs();
    await page.goto(url + landing.hash);
    await page.waitForSelector(landing.selector, { timeout: 60_000 });
    run.first.set(landing.id, nowMs() - t0);
    // An engineer reads the first screen a moment before clicking elsewhere.
    await sleep(settleMs);
    for (const screen of SCREENS.slice(1)) run.first.set(screen.id, await open(page, screen));
    // Later visits: every other screen has been visited since.
    for (const screen of [...SCREENS.slice(1), landing]) run.later.set(screen.id, await open(page, screen));
    for (const screen of SCREENS) run.rpc.set(screen.id, await viaRpc(url, screen));
  } finally {
    await close();
  }
  return run;
}

export async function measureScreens(browser: Browser): Promise<BenchResult[]> {
  const settleMs = Number(process.env.BENCH_SCREENS_SETTLE_MS ?? 2000);
  const consoles = Number(process.env.BENCH_SCREENS_CONSOLES ?? 3);
  const runs: ConsoleRun[] = [];
  for (let i = 0; i < consoles; i++) {
    runs.push(await oneConsole(browser, settleMs));
    const last = runs[runs.length - 1]!;
    process.stdout.write(`[bench]   console ${i + 1}: ${SCREENS.map((s) => `${s.id} ${round(last.first.get(s.id)!, 0)}/${round(last.later.get(s.id)!, 0)}`).join(', ')} ms (first/later)\n`);
  }
  const med = (pick: (r: ConsoleRun) => number | undefined) => median(runs.map(pick).filter((v): v is number => v !== undefined));
  return SCREENS.flatMap((screen, index): BenchResult[] => {
    const first = med((r) => r.first.get(screen.id));
    const later = med((r) => r.later.get(screen.id));
    const rpc = med((r) => r.rpc.get(screen.id));
    const rpcName = 'call' in screen.rpc ? `${screen.rpc.call} call` : `${screen.rpc.stream} stream to its first data`;
    const baselineName = `the screen's data over the console's own RPC, no drawing (${rpcName}, fresh WebSocket client)`;
    const perRun = (pick: (r: ConsoleRun) => number | undefined) => runs.map((r) => round(pick(r) ?? NaN, 0)).join(', ');
    const common = { baseline: round(rpc), baselineName, unit: 'ms' as const };
    const firstNote =
      index === 0
        ? `the landing screen: from page.goto (page load included) to its data drawn; median of ${runs.length} consoles (${perRun((r) => r.first.get(screen.id))} ms)`
        : `from the hash change (a nav click) to the data drawn (\`${screen.selector}\`, then the next frame), first visit of a fresh console ${settleMs / 1000} s after its landing screen drew; median of ${runs.length} consoles (${perRun((r) => r.first.get(screen.id))} ms)`;
    return [
      { id: `screen-${screen.id}-first`, title: `Open ${screen.title}, first visit`, ours: round(first), ...common, ratio: round(rpc / first, 2), target: '< 1000 ms', met: first < 1000, notes: firstNote },
      {
        id: `screen-${screen.id}-later`,
        title: `Open ${screen.title}, later visit`,
        ours: round(later),
        ...common,
        ratio: round(rpc / later, 2),
        target: '< 300 ms',
        met: later < 300,
        notes: `from the hash change to the data drawn, the second visit (every other screen visited in between); median of ${runs.length} consoles (${perRun((r) => r.later.get(screen.id))} ms)`,
      },
    ];
  });
}
