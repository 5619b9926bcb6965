/**
 * `npm run bench`: each benchmark against the lab, every figure a ratio against a baseline
 * measured in the same run. Writes bench-results/results.json and results.md.
 *   --only a,b     run only these (logs, merged, live, fanout, scale, registry, registryscale, zabbixscale, exec, startup, screens, incident)
 *   BENCH_SCREENS_CONSOLES  fresh consoles of the screens benchmark (default 3)
 *   BENCH_INCIDENT_ROUNDS  kill rounds of the incident benchmark (default 10)
 *   BENCH_LINES    log sizes, e.g. 100000,500000,2000000 (default)
 *   BENCH_LIVE_LINES  lines per replica of the live floods (250000 by default)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { dockerArgs, type EngineRef } from '../test-support/docker-cli';
import { launchChromium } from '../test-support/browser';
import { labProfile } from '../test-support/lab';
import { measureExec } from './exec-latency';
import { measureFanOut } from './fan-out';
import { measureRegistryScale } from './registry-scale';
import { measureZabbixScale } from './zabbix-scale';
import { measureFleetScale } from './fleet-scale';
import { measureIncident } from './incident-latency';
import type { BenchResult } from './lib';
import { measureLiveLogs } from './live-logs';
import { measureLogs } from './log-throughput';
import { writeReport } from './report';
import { measureRegistry } from './registry-latency';
import { measureScreens } from './screens';
import { measureStartup } from './startup';

const onlyAt = process.argv.indexOf('--only');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',') ?? (onlyAt >= 0 ? process.argv[onlyAt + 1]?.split(',') : undefined);
const wanted = (name: string) => !only || only.includes(name);
/** Benchmarks that bring their own engines (the simulators): `--only scale` neither needs nor starts the lab. */
const LAB_FREE = new Set(['scale']);
const needsLab = !only || only.some((name) => !LAB_FREE.has(name));
const sizes = (process.env.BENCH_LINES ?? '100000,500000,2000000').split(',').map(Number);

function labIsUp(): boolean {
  return spawnSync('npx', ['tsx', 'scripts/lab/lab.ts', 'status', '--quiet'], { stdio: 'ignore' }).status === 0;
}

function machine(engine: EngineRef | undefined): Record<string, string> {
  const docker = engine ? execFileSync('docker', [...dockerArgs(engine), 'version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).trim() : 'none (engine simulators only)';
  const chromium = execFileSync('chromium', ['--version'], { encoding: 'utf8' }).trim();
  return {
    cpu: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown'}`,
    memory: `${Math.round(totalmem() / 1024 ** 3)} GB`,
    os: execFileSync('sh', ['-c', '. /etc/os-release; echo "$PRETTY_NAME"'], { encoding: 'utf8' }).trim(),
    node: process.version,
    docker,
    chromium,
    date: new Date().toISOString(),
  };
}

async function main(): Promise<void> {
  const startedLab = needsLab && !labIsUp();
  if (startedLab) execFileSync('npx', ['tsx', 'scripts/lab/lab.ts', 'up'], { stdio: 'inherit' });
  const engines = needsLab ? labProfile().docker : [];
  // Read while the lab runs: a lab started here is stopped before the report is written.
  const info = machine(engines[0]);
  const results: BenchResult[] = [];
  const started = Date.now();
  let browser: Browser | undefined;
  const step = async (name: string, run: () => Promise<BenchResult | BenchResult[]>) => {
    if (!wanted(name)) return;
    const t0 = Date.now();
    process.stdout.write(`[bench] ${name} ...\n`);
    try {
      const out = await run();
      for (const r of [out].flat()) {
        results.push(r);
        process.stdout.write(`[bench]   ${r.title}: ours ${r.ours} ${r.unit}, baseline ${r.baseline} ${r.unit} (${r.baselineName}), ratio ${r.ratio}${r.met === undefined ? '' : r.met ? ' — target met' : ' — target missed'}\n`);
      }
    } catch (error) {
      process.stdout.write(`[bench]   ${name} failed: ${(error as Error).stack ?? String(error)}\n`);
      results.push({ id: name, title: `${name} (failed)`, ours: NaN, baseline: NaN, baselineName: '', unit: 'ms', ratio: NaN, notes: `failed: ${(error as Error).message}` });
    }
    process.stdout.write(`[bench]   (${Math.round((Date.now() - t0) / 1000)} s)\n`);
  };
  try {
    // Only the lab's benchmarks draw in Chromium (the scale one measures the main side alone).
    browser = needsLab ? await launchChromium() : undefined;
    const b = browser!;
    for (const lines of sizes)
      await step('logs', () =>
        measureLogs(b, {
          id: `logs-${lines}`,
          title: `Log throughput, ${lines.toLocaleString('en')} lines, one container`,
          engines: [engines[0]!],
          replicas: 1,
          lines,
          targetText: lines >= 2_000_000 ? 'ratio ≥ 0.8 and renderer heap < 300 MB' : 'ratio ≥ 0.8',
          target: (ratio, mb) => ratio >= 0.8 && (lines < 2_000_000 || mb < 300),
        }),
      );
    await step('merged', () =>
      measureLogs(b, {
        id: 'merged-logs',
        title: 'Merged service logs, 10 replicas on 2 engines, 1,000,000 lines',
        engines,
        replicas: 10,
        lines: Number(process.env.BENCH_MERGED_LINES ?? 1_000_000),
        targetText: 'faster than the parallel CLI (ratio > 1)',
        target: (ratio) => ratio > 1,
      }),
    );
    const live = Number(process.env.BENCH_LIVE_LINES ?? 250_000);
    await step('live', async () => [
      await measureLiveLogs(b, {
        id: 'live-merged',
        title: `Live merged follow, 2 replicas × ${live.toLocaleString('en')} lines`,
        engine: engines[0]!,
        replicas: 2,
        perReplica: live,
        targetText: 'keeps up with the parallel CLI (ratio ≥ 0.8)',
        target: (ratio) => ratio >= 0.8,
      }),
      await measureLiveLogs(b, {
        id: 'live-merged-10',
        title: `Live merged follow, 10 replicas × ${(live / 5).toLocaleString('en')} lines`,
        engine: engines[0]!,
        replicas: 10,
        perReplica: live / 5,
        targetText: 'keeps up with the parallel CLI (ratio ≥ 0.8)',
        target: (ratio) => ratio >= 0.8,
      }),
      await measureLiveLogs(b, {
        id: 'live-single',
        title: `Live follow, one container × ${(2 * live).toLocaleString('en')} lines`,
        engine: engines[0]!,
        replicas: 1,
        perReplica: 2 * live,
        targetText: 'keeps up with the CLI (ratio ≥ 0.9)',
        target: (ratio) => ratio >= 0.9,
      }),
    ]);
    await step('fanout', () => measureFanOut(b, engines));
    await step('scale', () => measureFleetScale());
    await step('registry', () => measureRegistry(b));
    await step('registryscale', () => measureRegistryScale(b));
    await step('zabbixscale', () => measureZabbixScale(b));
    await step('exec', () => measureExec(b, engines[0]!));
    await step('startup', () => measureStartup(b, engines));
    await step('screens', () => measureScreens(b));
    await step('incident', () => measureIncident(b, engines));
  } finally {
    await browser?.close();
    if (startedLab) execFileSync('npx', ['tsx', 'scripts/lab/lab.ts', 'down'], { stdio: 'inherit' });
  }
  const dir = join(process.cwd(), 'bench-results');
  mkdirSync(dir, { recursive: true });
  const seconds = Math.round((Date.now() - started) / 1000);
  writeFileSync(join(dir, 'results.json'), JSON.stringify({ machine: info, seconds, results }, null, 2));
  writeFileSync(join(dir, 'results.md'), writeReport(info, seconds, results));
  process.stdout.write(`[bench] done in ${seconds} s: bench-results/results.md\n`);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
