/**
 * Engine simulators in a process of their own (for benchmarks: the console's figures then do not
 * include the simulators' work on the same thread). Prints one JSON line ({ profilePath, hosts })
 * once they listen, and serves until stdin closes or SIGTERM.
 *   tsx test-support/engine-sim/serve-sims.ts <engines> <containers per engine>
 */
import { startEngineSims } from './engine-sims';

const [engines = '100', perEngine = '100'] = process.argv.slice(2);
const fleet = await startEngineSims(Number(engines), { containers: Number(perEngine), environments: ['PRE', 'PROD'], exitedShare: 0.1 });
process.stdout.write(`${JSON.stringify({ profilePath: fleet.profilePath, hosts: fleet.sims.map((s) => s.host) })}\n`);
const stop = async () => {
  await fleet.close();
  process.exit(0);
};
process.stdin.on('end', () => void stop());
process.stdin.resume();
process.on('SIGTERM', () => void stop());
