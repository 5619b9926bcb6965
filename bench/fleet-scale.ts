import { readFileSync } from 'node:fs';
import { startEngineSims } from '../test-support/engine-sim/engine-sims';
import { testContext } from '../test-support/test-context';
import { round, timed, type BenchResult } from './lib';

const ENGINES = Number(process.env.BENCH_SIM_ENGINES ?? 100);
const PER_ENGINE = Number(process.env.BENCH_SIM_CONTAINERS ?? 100);

/**
 * Issue 16's fleet of 100 engines × 100 containers, on engine simulators (test-support/engine-sim:
 * Docker's API on unix sockets, answers shaped from the lab engine's): time from the console's app
 * context starting until its fleet holds every container, inspected and port-discovered, against
 * `docker ps -a` run on all the simulators in parallel (what a script would do). The simulators run
 * in this process, beside the console's main-process code, so both share one Node thread: the figure
 * is an upper bound of what the console alone would take.
 */
export async function measureFleetScale(): Promise<BenchResult> {
  const sims = await startEngineSims(ENGINES, { containers: PER_ENGINE, environments: ['PRE', 'PROD'], exitedShare: 0.1 });
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
      off();
      const ours = performance.now() - started;
      const counts = sims.sims.map((sim) => context.fleet.feed(sim.name)?.list().length ?? 0);
      const complete = known && counts.every((n) => n === PER_ENGINE);
      return {
        id: 'fleet-scale',
        title: `Fleet of ${ENGINES} simulated engines × ${PER_ENGINE} containers, complete`,
        ours: round(ours),
        baseline: round(parallelCli),
        baselineName: `docker ps -a on the ${ENGINES} simulators in parallel`,
        unit: 'ms',
        ratio: round(parallelCli / ours, 3),
        target: 'fleet complete < 3 s',
        met: complete && ours < 3000,
        notes: `${counts.reduce((a, b) => a + b, 0).toLocaleString('en')} rows${complete ? '' : ' (incomplete)'}; every engine listed (the rows the Containers screen draws first) after ${round(listedMs)} ms; complete means also inspected and, for running host-network containers, their ports found (one exec each).`,
        extra: { listedMs: round(listedMs) },
      };
    } finally {
      context.close();
    }
  } finally {
    await sims.close();
  }
}
