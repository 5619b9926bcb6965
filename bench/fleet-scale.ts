import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { testContext } from '../test-support/test-context';
import { round, timed, type BenchResult } from './lib';

const ENGINES = Number(process.env.BENCH_SIM_ENGINES ?? 100);
const PER_ENGINE = Number(process.env.BENCH_SIM_CONTAINERS ?? 100);

/**
 * Issue 16's fleet of 100 engines × 100 containers, on engine simulators (test-support/engine-sim:
 * Docker's API on unix sockets, answers shaped from the lab engine's): time from the console's app
 * context starting until its fleet holds every container, against `docker ps -a` run on all the
 * simulators in parallel (what a script would do). Three moments: listed (every engine's rows
 * from Docker's list are out), complete (every row inspected: what the Containers screen waits
 * for, the figure against the target) and ports known (also every running host-network
 * container's listening ports found, one exec each, from a bounded queue per engine after its
 * rows are complete). The simulators run in a process of their own (serve-sims.ts), as remote
 * engines would: the figures are the console's own work, though on 2 cores the simulators still
 * take CPU from it.
 */
export async function measureFleetScale(): Promise<BenchResult> {
  const sims = await startSimsProcess();
  try {
    await Promise.all(sims.sims.map((sim) => timed('docker', ['-H', sim.host, 'ps', '-a']))); // warm
    const parallelStarted = performance.now();
    await Promise.all(sims.sims.map((sim) => timed('docker', ['-H', sim.host, 'ps', '-a'])));
    const parallelCli = performance.now() - parallelStarted;

    const started = performance.now();
    const context = await testContext(readFileSync(sims.profilePath, 'utf8'));
    try {
      // Listed: every engine's rows are out (Docker's list, what the Containers screen draws first).
      const listedEngines = new Set<string>();
      let listedMs = NaN;
      const off = context.fleet.subscribe((event) => {
        if (event.kind !== 'snapshot' || listedEngines.has(event.engine)) return;
        listedEngines.add(event.engine);
        if (listedEngines.size === ENGINES) listedMs = performance.now() - started;
      });
      const known = await context.fleet.whenKnown(300_000);
      const completeMs = performance.now() - started;
      const counts = sims.sims.map((sim) => context.fleet.feed(sim.name)?.list().length ?? 0);
      const pendingAtComplete = sims.sims.reduce((n, sim) => n + (context.fleet.feed(sim.name)?.list().filter((r) => r.portsPending).length ?? 0), 0);
      const portsKnown = await context.fleet.whenKnown(300_000, 'ports');
      const portsKnownMs = performance.now() - started;
      off();
      const rows = sims.sims.flatMap((sim) => context.fleet.feed(sim.name)?.list() ?? []);
      // Each simulated container listens on one port of its own.
      const portsFound = rows.filter((r) => r.state === 'running' && r.ports.length === 1).length;
      const running = rows.filter((r) => r.state === 'running').length;
      const complete = known && counts.every((n) => n === PER_ENGINE);
      return {
        id: 'fleet-scale',
        title: `Fleet of ${ENGINES} simulated engines × ${PER_ENGINE} containers, complete`,
        ours: round(completeMs),
        baseline: round(parallelCli),
        baselineName: `docker ps -a on the ${ENGINES} simulators in parallel`,
        unit: 'ms',
        ratio: round(parallelCli / completeMs, 3),
        target: 'fleet complete < 3 s',
        met: complete && completeMs < 3000,
        notes:
          `${counts.reduce((a, b) => a + b, 0).toLocaleString('en')} rows${complete ? '' : ' (incomplete)'}; ` +
          `listed (every engine's rows from Docker's list, what the Containers screen draws first) after ${round(listedMs)} ms (${round(listedMs / parallelCli, 2)}× the parallel CLI); ` +
          `complete (every row inspected) after ${round(completeMs)} ms (${round(completeMs / parallelCli, 2)}×), ${pendingAtComplete.toLocaleString('en')} rows then still looking for their ports; ` +
          `ports known (the ${running.toLocaleString('en')} running host-network containers' listening ports found, one exec each, at most 2 per engine at a time) after ${round(portsKnownMs)} ms (${round(portsKnownMs / parallelCli, 2)}×)` +
          `${portsKnown && portsFound === running ? '' : `; only ${portsFound} of ${running} found`}.`,
        extra: {
          listedMs: round(listedMs),
          completeMs: round(completeMs),
          portsKnownMs: round(portsKnownMs),
          parallelCliMs: round(parallelCli),
          pendingAtComplete,
          portsFound,
        },
      };
    } finally {
      context.close();
    }
  } finally {
    await sims.close();
  }
}

/** The simulators in a child process; resolves once they listen. */
async function startSimsProcess(): Promise<{ sims: Array<{ name: string; host: string }>; profilePath: string; close: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test-support/engine-sim/serve-sims.ts', String(ENGINES), String(PER_ENGINE)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the simulators exited (${code})`)));
  });
  const { profilePath, hosts } = JSON.parse(first) as { profilePath: string; hosts: string[] };
  return {
    profilePath,
    sims: hosts.map((host, i) => ({ name: `sim-${String(i + 1).padStart(3, '0')}`, host })),
    close: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin!.end();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
