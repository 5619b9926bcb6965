import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startEngineSim, type EngineSim, type EngineSimOptions } from './engine-sim';

export interface EngineSimFleet {
  sims: EngineSim[];
  dir: string;
  /** A connections.yaml naming every simulator (and `extraDocker` entries first). */
  profilePath: string;
  close(): Promise<void>;
}

/**
 * Starts `count` simulators (sim-001 …) on sockets in a new directory and writes a
 * connections.yaml for them. `profile` adds to it (the lab's engines, etcd, Zabbix …).
 */
export async function startEngineSims(
  count: number,
  options: Omit<EngineSimOptions, 'socketPath' | 'name'> & { profile?: Record<string, unknown>; extraDocker?: unknown[] } = {},
): Promise<EngineSimFleet> {
  const dir = mkdtempSync(join(tmpdir(), 'ops-sim-'));
  const { profile = {}, extraDocker = [], ...simOptions } = options;
  const sims = await Promise.all(
    Array.from({ length: count }, (_, i) => {
      const name = `sim-${String(i + 1).padStart(3, '0')}`;
      return startEngineSim({ ...simOptions, name, socketPath: join(dir, name, 'docker.sock') });
    }),
  );
  const profilePath = join(dir, 'connections.yaml');
  const docker = [...extraDocker, ...sims.map((s) => ({ name: s.name, host: s.host }))];
  writeFileSync(profilePath, `# written by the engine simulator\n${stringify({ productionEnvironments: ['PROD'], ...profile, docker })}`);
  return {
    sims,
    dir,
    profilePath,
    close: async () => {
      await Promise.all(sims.map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
