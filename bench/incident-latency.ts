import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { FEED_INTERVAL_S } from '../scripts/lab/feeder-control';
import { PORTS } from '../scripts/lab/paths';
import { PLATFORM_HOST } from '../scripts/lab/zabbix-provision';
import { screenshot } from '../test-support/browser';
import { openConsolePage } from '../test-support/console-page';
import { docker, dockerArgs, type EngineRef } from '../test-support/docker-cli';
import { LabService, waitFor, type Replica } from '../test-support/lab-service';
import { zabbixSession } from '../test-support/zabbix-api';
import { ServiceTrigger } from '../test-support/zabbix-trigger';
import { nowMs, percentile, round, sleep, timed, type BenchResult } from './lib';

const ROUNDS = Number(process.env.BENCH_INCIDENT_ROUNDS ?? 10);
/** The lab feeder's interval: the bench reports the service's live replicas to Zabbix as often. */
const REPORT_INTERVAL_MS = FEED_INTERVAL_S * 1000;
const ZABBIX_POLL_MS = 200;
const DETECT_TIMEOUT_MS = 60_000;

const run = promisify(execFile);

interface Detection {
  /** From the kill call to the page's card showing this round's death (MutationObserver time). */
  consoleMs: number;
  /** The same, to the second animation frame after it (drawn). */
  paintedMs: number;
  /** From the kill call to problem.get answering with the trigger's problem. */
  zabbixMs: number;
  /** The problem's own clock (whole seconds) minus the kill time: when the server raised it. */
  eventLagMs: number;
  /** How long the `docker kill` calls themselves took (the CLI, both in parallel). */
  killMs: number;
}

/**
 * The monitoring agent of the bench's service, as the lab's feeder is for the demo services:
 * every FEED_INTERVAL_S it counts the service's running replicas on every engine (`docker ps`)
 * and sends the count to the trigger's trapper item with zabbix_sender. All asynchronous, so
 * that the bench's own polling is never held up by it.
 */
function startReporter(svc: LabService, trigger: ServiceTrigger): { stop(): Promise<void>; sent: () => number } {
  let stopping = false;
  let sent = 0;
  const loop = (async () => {
    while (!stopping) {
      const started = Date.now();
      try {
        const counts = await Promise.all(
          svc.engines().map(async (engine) => {
            const { stdout } = await run('/usr/bin/docker', [...dockerArgs(engine), 'ps', '-q', '--filter', `label=com.docker.compose.project=${svc.project}`, '--filter', 'status=running']);
            return stdout.split('\n').filter(Boolean).length;
          }),
        );
        const live = counts.reduce((a, b) => a + b, 0);
        const { stdout } = await run('zabbix_sender', ['-z', '127.0.0.1', '-p', String(PORTS.zabbixServer), '-s', PLATFORM_HOST, '-k', trigger.itemKey, '-o', String(live)]).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
        if (/processed: 1;/.test(stdout)) sent++;
      } catch {
        // An engine that does not answer this cycle: the next one tries again, as the feeder does.
      }
      const wait = REPORT_INTERVAL_MS - (Date.now() - started);
      for (let waited = 0; waited < wait && !stopping; waited += 100) await sleep(Math.min(100, wait - waited));
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      await loop;
    },
    sent: () => sent,
  };
}

/**
 * Installs, in the page, a MutationObserver that notes when the service's open incident card
 * shows evidence of one of the given containers (by its name and engine, as the card says it).
 */
async function watchCard(page: Page, service: string, needles: string[]): Promise<void> {
  // A string, not a function: tsx would wrap the function's inner names in a helper the page lacks.
  await page.evaluate(`(() => {
    const service = ${JSON.stringify(service)};
    const needles = ${JSON.stringify(needles)};
    window.__benchIncident?.observer?.disconnect();
    const state = { at: 0, painted: 0 };
    const selector = '[data-testid="incident"][data-service="' + CSS.escape(service) + '"][data-state="open"] [data-testid="evidence"][data-source="docker"]';
    const check = () => {
      if (state.at) return;
      for (const line of document.querySelectorAll(selector)) {
        if (!needles.some((n) => line.textContent && line.textContent.includes(n))) continue;
        state.at = performance.timeOrigin + performance.now();
        requestAnimationFrame(() => requestAnimationFrame(() => (state.painted = performance.timeOrigin + performance.now())));
        state.observer.disconnect();
        return;
      }
    };
    state.observer = new MutationObserver(check);
    state.observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-state', 'data-service'] });
    window.__benchIncident = state;
    check();
  })()`);
}

const cardSeen = (page: Page) => page.evaluate(() => {
  const s = (window as unknown as { __benchIncident?: { at: number; painted: number } }).__benchIncident;
  return s ? { at: s.at, painted: s.painted } : { at: 0, painted: 0 };
});

/**
 * From `docker kill` of a production service's replicas to (a) the incident card for the
 * service on the console's Incidents screen, and (b) Zabbix itself having the problem through
 * the lab's monitoring path (the agent reporting live replicas every FEED_INTERVAL_S, the
 * trapper item, the trigger `last() < 1`, problem.get polled every 200 ms). Each round kills
 * every replica of the service (so that Zabbix's trigger can fire), then restores it with
 * fresh replicas and waits for the problem to resolve. Ratio = Zabbix ÷ console.
 */
export async function measureIncident(browser: Browser, engines: EngineRef[]): Promise<BenchResult[]> {
  const svc = new LabService('killbench', 'PROD');
  const trigger = new ServiceTrigger(svc.app, svc.environment);
  const zabbix = await zabbixSession();
  const problems = () => zabbix<Array<{ eventid: string; clock: string }>>('problem.get', { output: ['eventid', 'clock'], search: { name: trigger.description } });
  const { app, page, close } = await openConsolePage({ browser });
  let reporter: ReturnType<typeof startReporter> | undefined;
  const rounds: Detection[] = [];
  let next = 1;
  const startReplicas = async (): Promise<Replica[]> => {
    // One replica on each of two engines; `--restart no`: a killed replica stays dead until restored.
    const replicas = [engines[0]!, engines[1] ?? engines[0]!].map((engine) => svc.create(next++, engine, { restart: 'no' }));
    for (const r of replicas) await waitFor(`${r.name} registered`, () => svc.isRegistered(r), 60_000);
    return replicas;
  };
  try {
    await trigger.create();
    let replicas = await startReplicas();
    reporter = startReporter(svc, trigger);
    // The trapper item is in Zabbix's configuration cache (refreshed every 10 s in the lab) once a value is processed.
    await waitFor("the trigger's item in Zabbix's cache", () => reporter!.sent() > 0, 60_000);
    await page.goto(`${app.url}#/incidents`);
    await page.locator('[data-testid="incident"], [data-testid="all-clear"]').first().waitFor({ timeout: 30_000 });
    await sleep(1500);
    for (let i = 0; i < ROUNDS; i++) {
      await waitFor('no open problem before the round', async () => (await problems()).length === 0, 60_000);
      // Any phase against the agent's cycle, as a real failure would come.
      await sleep(Math.random() * REPORT_INTERVAL_MS);
      await watchCard(page, svc.service, replicas.map((r) => `${r.name} on ${r.engine.name}`));
      const t0 = nowMs();
      const killed = Promise.all(replicas.map((r) => timed('/usr/bin/docker', [...dockerArgs(r.engine), 'kill', r.id])));
      let zabbixAt = 0;
      let eventClock = 0;
      const deadline = Date.now() + DETECT_TIMEOUT_MS;
      const zabbixSide = (async () => {
        for (;;) {
          const started = Date.now();
          const open = await problems();
          if (open.length) {
            zabbixAt = nowMs();
            eventClock = Number(open[0]!.clock) * 1000;
            return;
          }
          if (Date.now() > deadline) throw new Error(`round ${i + 1}: no Zabbix problem within ${DETECT_TIMEOUT_MS / 1000} s`);
          await sleep(Math.max(0, ZABBIX_POLL_MS - (Date.now() - started)));
        }
      })();
      const consoleSide = (async () => {
        for (;;) {
          const seen = await cardSeen(page);
          if (seen.at && seen.painted) return seen;
          if (Date.now() > deadline) throw new Error(`round ${i + 1}: no incident card for ${svc.service} within ${DETECT_TIMEOUT_MS / 1000} s`);
          await sleep(50);
        }
      })();
      const [kills, , seen] = await Promise.all([killed, zabbixSide, consoleSide]);
      const detection = { consoleMs: seen.at - t0, paintedMs: seen.painted - t0, zabbixMs: zabbixAt - t0, eventLagMs: eventClock - t0, killMs: Math.max(...kills) };
      rounds.push(detection);
      process.stdout.write(`[bench]     round ${i + 1}/${ROUNDS}: console ${round(detection.consoleMs)} ms, Zabbix ${round(detection.zabbixMs)} ms\n`);
      if (i === 0 && process.env.BENCH_SCREENSHOTS) {
        // What the round measured, as the engineer sees it (outside the timed part).
        await screenshot(page, 'bench-incident-1440');
        await page.setViewportSize({ width: 1024, height: 768 });
        await screenshot(page, 'bench-incident-1024');
        await page.setViewportSize({ width: 1440, height: 900 });
      }
      // Restore: the killed replicas go, fresh ones register, the agent reports them, the problem resolves.
      for (const r of replicas) docker(r.engine, 'rm', '-f', r.id);
      replicas = await startReplicas();
    }
    await waitFor('the last problem resolved', async () => (await problems()).length === 0, 60_000).catch(() => undefined);
  } finally {
    await reporter?.stop();
    await close();
    svc.remove();
    await trigger.remove();
  }
  const of = (pick: (d: Detection) => number) => rounds.map(pick);
  const console50 = percentile(of((d) => d.consoleMs), 50);
  const console99 = percentile(of((d) => d.consoleMs), 99);
  const zabbix50 = percentile(of((d) => d.zabbixMs), 50);
  const zabbix99 = percentile(of((d) => d.zabbixMs), 99);
  const extra = {
    rounds: rounds.length,
    consoleP50Ms: round(console50),
    consoleP99Ms: round(console99),
    consoleMaxMs: round(Math.max(...of((d) => d.consoleMs))),
    paintedP50Ms: round(percentile(of((d) => d.paintedMs), 50)),
    paintedP99Ms: round(percentile(of((d) => d.paintedMs), 99)),
    zabbixP50Ms: round(zabbix50),
    zabbixP99Ms: round(zabbix99),
    zabbixMinMs: round(Math.min(...of((d) => d.zabbixMs))),
    killCallP50Ms: round(percentile(of((d) => d.killMs), 50)),
    zabbixEventClockP50Ms: round(percentile(of((d) => d.eventLagMs), 50)),
    consoleOverZabbixP50: round(console50 / zabbix50, 3),
    consoleOverZabbixP99: round(console99 / zabbix99, 3),
  };
  const notes = (p: string) =>
    `${rounds.length} rounds; each kills both replicas (one per lab engine) of a PROD service of the bench's own with \`docker kill\`, at a random phase of the agent's cycle. Ours (${p}) is from the kill call to the service's open incident card on the Incidents screen showing the kill (a MutationObserver in the page; on the first round that is the card appearing, later rounds' deaths join the same open incident as new evidence). The baseline is Zabbix's own detection of the same failure through the lab's monitoring path: the bench plays the agent as the lab feeder does, reporting the live replica count (\`docker ps\` on both engines) every ${FEED_INTERVAL_S} s with zabbix_sender to a trapper item, the trigger \`last() < 1\` fires in the server, and problem.get (polled every ${ZABBIX_POLL_MS} ms) returns the problem; so it includes the wait for the agent's next report (0-${FEED_INTERVAL_S} s), the server's processing and the API poll. Console ÷ Zabbix: p50 ${extra.consoleOverZabbixP50}, p99 ${extra.consoleOverZabbixP99}.`;
  return [
    {
      id: 'incident-latency-p50',
      title: `Kill to incident on screen, ${rounds.length} rounds (p50)`,
      ours: round(console50),
      baseline: round(zabbix50),
      baselineName: 'Zabbix problem via the agent every 5 s, p50',
      unit: 'ms',
      ratio: round(zabbix50 / console50, 2),
      notes: notes('p50'),
      extra,
    },
    {
      id: 'incident-latency-p99',
      title: `Kill to incident on screen, ${rounds.length} rounds (p99)`,
      ours: round(console99),
      baseline: round(zabbix99),
      baselineName: 'Zabbix problem via the agent every 5 s, p99',
      unit: 'ms',
      ratio: round(zabbix99 / console99, 2),
      notes: `as the p50 row, at the 99th percentile (with ${rounds.length} rounds: the slowest round of each side).`,
    },
  ];
}
