import { PORTS } from '../../scripts/lab/paths';
import { PLATFORM_HOST } from '../../scripts/lab/zabbix-provision';
import type { EngineRef } from '../docker-cli';
import { LAB_IMAGE } from '../lab-service';
import { ServiceTrigger } from '../zabbix-trigger';
import { zabbixApi } from '../zabbix-api';
import { dockerAsync, etcdctlAsync, etcdWrite } from './run-cli';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the churn did, to find again in the console's timeline. */
export interface MadeEvents {
  /** engine -> container id -> the Docker actions we caused (start, die, destroy). */
  containers: Map<string, Map<string, Set<string>>>;
  /** Timeline ids of registry writes we made: `registry:REV:KEY:register|value-change|deregister`. */
  registryIds: Set<string>;
  /** Keys whose lease we let run out (their timeline event is lease-expiry or deregister). */
  expiredKeys: Set<string>;
  /** Zabbix eventids of the flapping trigger (problem and recovery). */
  zabbixEventIds: Set<string>;
  errors: string[];
}

export function emptyMade(): MadeEvents {
  return { containers: new Map(), registryIds: new Set(), expiredKeys: new Set(), zabbixEventIds: new Set(), errors: [] };
}

/** Runs `tick` every `everyMs` until stopped (never two at once); errors are recorded, not thrown. */
function loop(everyMs: number, made: MadeEvents, tick: () => Promise<void>): { stop(): Promise<void> } {
  let stopped = false;
  const running = (async () => {
    while (!stopped) {
      const started = Date.now();
      try {
        await tick();
      } catch (error) {
        made.errors.push(String((error as Error).message ?? error).slice(0, 300));
      }
      await sleep(Math.max(0, everyMs - (Date.now() - started)));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await running;
    },
  };
}

/**
 * Containers created and killed every 2 s on one engine: each tick starts one (a compose-labelled
 * replica of the soak's own service that prints a line a second) and kills the oldest running
 * one; exited ones are removed after a while, so `docker ps -a` holds running and exited rows.
 */
export function churnContainers(engine: EngineRef, project: string, made: MadeEvents, everyMs = 2000) {
  const running: string[] = [];
  const exited: Array<{ id: string; at: number }> = [];
  const actions = (id: string) => {
    const byEngine = made.containers.get(engine.name) ?? new Map<string, Set<string>>();
    made.containers.set(engine.name, byEngine);
    const set = byEngine.get(id) ?? new Set<string>();
    byEngine.set(id, set);
    return set;
  };
  let n = 0;
  return loop(everyMs, made, async () => {
    n++;
    const id = await dockerAsync(engine, 'run', '-d', '--network', 'host', '--name', `${project}_churn_${engine.name}_${n}`,
      '--label', `com.docker.compose.project=${project}`, '--label', 'com.docker.compose.service=churn', '--label', `com.docker.compose.container-number=${n}`,
      '--label', 'ops-soak=1', '-e', 'ENVIRONMENT=TEST', LAB_IMAGE, 'sh', '-c', 'i=0; while true; do echo "churn line $i"; i=$((i+1)); sleep 1; done');
    actions(id).add('start');
    running.push(id);
    if (running.length > 3) {
      const victim = running.shift()!;
      await dockerAsync(engine, 'kill', victim);
      actions(victim).add('die');
      exited.push({ id: victim, at: Date.now() });
    }
    while (exited.length > 0 && Date.now() - exited[0]!.at > 10_000) {
      const old = exited.shift()!;
      await dockerAsync(engine, 'rm', old.id);
      actions(old.id).add('destroy');
    }
  });
}

/**
 * Registry keys churning under /soak_TEST/: every tick a new key with a short lease (some kept
 * alive, some left to expire), a value changed, a key deleted; at most ~20 live at once.
 */
export function churnRegistry(prefix: string, made: MadeEvents, everyMs = 1000) {
  const live: Array<{ key: string; lease: string; keepAlive: boolean }> = [];
  let n = 0;
  return loop(everyMs, made, async () => {
    n++;
    const key = `${prefix}127.0.0.1-${20000 + (n % 5000)}`;
    const lease = (await etcdctlAsync('lease', 'grant', '4')).split(/\s+/)[1]!;
    const keepAlive = n % 3 !== 0;
    const rev = await etcdWrite('put', key, `127.0.0.1:${20000 + (n % 5000)}`, `--lease=${lease}`);
    made.registryIds.add(`registry:${rev}:${key}:register`);
    live.push({ key, lease, keepAlive });
    for (const entry of live.filter((e) => e.keepAlive)) await etcdctlAsync('lease', 'keep-alive', '--once', entry.lease).catch(() => undefined);
    // Left to expire: once its TTL has surely run out it is no longer ours to delete.
    for (const entry of live.filter((e) => !e.keepAlive)) made.expiredKeys.add(entry.key);
    if (n % 2 === 0) {
      const changed = live.find((e) => e.keepAlive);
      if (changed) {
        const revision = await etcdWrite('put', changed.key, `127.0.0.1:${n}`, `--lease=${changed.lease}`);
        made.registryIds.add(`registry:${revision}:${changed.key}:value-change`);
      }
    }
    while (live.filter((e) => e.keepAlive).length > 15) {
      const index = live.findIndex((e) => e.keepAlive);
      const [gone] = live.splice(index, 1);
      const revision = await etcdWrite('del', gone!.key);
      made.registryIds.add(`registry:${revision}:${gone!.key}:deregister`);
    }
    // Forget keys left to expire once they are surely gone.
    for (let i = live.length - 1; i >= 0; i--) if (!live[i]!.keepAlive && n - i > 10) live.splice(i, 1);
  });
}

/** A Zabbix problem that fires and resolves: a trigger of the soak's own, fed 0 and 1 by turns. */
export async function flapProblem(app: string, made: MadeEvents, everyMs = 10_000) {
  const trigger = new ServiceTrigger(app, 'TEST');
  await trigger.create();
  let value = 0;
  const feeder = loop(everyMs, made, async () => {
    const { stdout } = await exec('zabbix_sender', ['-z', '127.0.0.1', '-p', String(PORTS.zabbixServer), '-s', PLATFORM_HOST, '-k', trigger.itemKey, '-o', String(value)]);
    if (!/processed: 1;/.test(stdout)) throw new Error(`zabbix_sender: ${stdout}`);
    value = value === 0 ? 1 : 0;
  });
  return {
    trigger,
    async stop() {
      await feeder.stop();
      const events = await zabbixApi<Array<{ eventid: string }>>('event.get', { source: 0, object: 0, output: ['eventid'], search: { name: trigger.description } });
      for (const e of events) made.zabbixEventIds.add(e.eventid);
    },
  };
}
