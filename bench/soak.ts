/**
 * `npm run soak`: 30 minutes of churn in the lab with the console open (see
 * test-support/soak/soak.ts), then the figures: memory and open handles after the warm-up and at
 * the end, and every difference from Docker, etcd and Zabbix. Starts the lab if it is not up
 * (and stops it again). Writes bench-results/soak.json.
 *   --minutes N   length of the churn (30)     --warmup N   minutes of warm-up (5)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mb, runSoak } from '../test-support/soak/soak';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const minutes = arg('minutes', 30);
const warmupMinutes = arg('warmup', Math.min(5, minutes / 3));
const lab = (command: string) => spawnSync('npx', ['tsx', 'scripts/lab/lab.ts', command, ...(command === 'status' ? ['--quiet'] : [])], { stdio: command === 'status' ? 'ignore' : 'inherit' }).status === 0;

const wasUp = lab('status');
if (!wasUp && !lab('up')) process.exit(1);
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
try {
  const started = Date.now();
  const report = await runSoak({ minutes, warmupMinutes, log: (line) => console.log(`[soak] ${line}`) });
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/soak.json', JSON.stringify({ startedAt: new Date(started).toISOString(), ...report }, null, 2));
  const { afterWarmup: a, atEnd: e, made, differences } = report;
  const lines = [
    `Soak: ${minutes} min of churn (${warmupMinutes} min warm-up), ${made.containers} containers made (${made.dockerEvents} Docker actions), ${made.registryWrites} registry writes, ${made.expiredKeys} keys left to expire, ${made.zabbixEvents} Zabbix events; ${made.errors.length} churn errors`,
    `main RSS            ${mb(a.mainRss)} -> ${mb(e.mainRss)} (${pct(report.growth.mainRss)})`,
    `main heap (GC'd)    ${mb(a.mainHeap)} -> ${mb(e.mainHeap)} (${pct(report.growth.mainHeap)})`,
    ...['Containers', 'Logs (merged)', 'Registry'].map((name, i) => `page heap ${name.padEnd(14)} ${mb(a.pageHeaps[i]!)} -> ${mb(e.pageHeaps[i]!)} (${pct(report.growth.pageHeaps[i]!)})`),
    `sockets             ${a.sockets} -> ${e.sockets}`,
    `timers              ${a.timers} -> ${e.timers}`,
    ...Object.entries(differences).map(([what, list]) => `${what.padEnd(20)}${list.length === 0 ? 'equal' : `${list.length} differences: ${list.slice(0, 5).join('; ')}`}`),
  ];
  console.log(`\n${lines.join('\n')}`);
  const failed = Object.values(differences).some((d) => d.length > 0) || report.growth.mainRss >= 0.1 || report.growth.pageHeaps.some((g) => g >= 0.1) || made.errors.length > 0;
  process.exitCode = failed ? 1 : 0;
} finally {
  if (!wasUp) lab('down');
}
