import { describe, expect, it } from 'vitest';
import { mb, runSoak } from '../test-support/soak/soak';

/**
 * The 3-minute soak (`npm run soak` runs 30): churn in the lab with Containers, a merged log view
 * and Registry open. It runs alone (the solo phase of `npm test`): its memory figures and its
 * comparisons with the whole lab need nothing else changing the lab at the same time.
 */
describe('soak: three minutes of churn', () => {
  it('holds what Docker, etcd and Zabbix hold, every event made, and does not grow', async () => {
    const report = await runSoak({ minutes: 3, warmupMinutes: 1, log: (line) => console.log(`[soak] ${line}`) });
    console.log(`[soak] growth after warm-up: main rss ${(report.growth.mainRss * 100).toFixed(1)} % (${mb(report.afterWarmup.mainRss)} -> ${mb(report.atEnd.mainRss)}), main heap ${(report.growth.mainHeap * 100).toFixed(1)} %, pages ${report.growth.pageHeaps.map((g) => `${(g * 100).toFixed(1)} %`).join(' / ')}`);
    // What the assertions below look at, so that a failed try (retried by the solo phase) can be read in the log.
    console.log(`[soak] made: ${JSON.stringify({ ...report.made, errors: report.made.errors.slice(0, 5) })}; sockets ${report.afterWarmup.sockets} -> ${report.atEnd.sockets}, timers ${report.afterWarmup.timers} -> ${report.atEnd.timers}; differences: ${JSON.stringify(report.differences).slice(0, 2000)}`);
    expect(report.made.errors).toEqual([]);
    expect(report.made.containers).toBeGreaterThan(100);
    expect(report.made.zabbixEvents).toBeGreaterThanOrEqual(4);
    expect(report.differences).toEqual({ fleet: [], registry: [], problems: [], timeline: [] });
    // The issue's bound is on RSS; the main heap (reported) grows by design with the timeline, which keeps every event up to its bound.
    expect(report.growth.mainRss, 'main RSS growth after warm-up').toBeLessThan(0.1);
    // A page's heap is 8-25 MB here, and what a screen holds at the moment moves it by a megabyte
    // (CI saw the Registry page go 8.1 -> 9.3 MB once, and -3.4 % in the retry): growth counts when it is
    // both over 10 % and over 2 MB. A slow leak is the 30-minute soak's to find (`npm run soak`, RELIABILITY.md).
    for (const [i, growth] of report.growth.pageHeaps.entries()) {
      const grewBy = report.atEnd.pageHeaps[i]! - report.afterWarmup.pageHeaps[i]!;
      if (grewBy > 2 * 1024 * 1024) expect(growth, `page heap growth after warm-up (pages: containers, logs, registry; this is #${i + 1})`).toBeLessThan(0.1);
    }
    // Sockets and timers come and go with requests in flight: compared as medians, with room for that.
    expect(report.atEnd.sockets, `sockets (${report.afterWarmup.sockets} after warm-up)`).toBeLessThanOrEqual(Math.ceil(report.afterWarmup.sockets * 1.1) + 3);
    // Timers include every open keep-alive socket's idle timeout and the deadline of each call in flight
    // (etcd's gRPC calls, liveness checks, port discovery of each new container: SOAK_TIMER_TRACE=1 lists
    // them), so they swing with the churn: 17 -> 33 deadlines in one run here; the sockets' idle timeouts
    // (54-56 of 76 here) come and go with the kept-alive connections. Quietest samples: 76 -> 55 here,
    // 41 -> 65, 33 -> 73 and 42 -> 86 on CI. Compared with room for that; a leak grows with the churn (one
    // timer per container made is 190-300 over the soak, one per Docker event 550-850).
    expect(report.atEnd.timers, `timers (${report.afterWarmup.timers} after warm-up)`).toBeLessThanOrEqual(Math.ceil(report.afterWarmup.timers * 1.1) + 60);
  }, 420_000);
});
