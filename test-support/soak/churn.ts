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
 * Registry keys churning under the soak's prefix, as replicas do: every tick a key registers on
 * one long-lived lease kept alive (as a heartbeat would), a value changes now and then, the
 * oldest key deregisters once more than 8 are up, and every third tick a key registers on a
 * 2-second lease of its own that nobody refreshes, so it expires.
 */
export function churnRegistry(prefix: string, made: MadeEvents, everyMs = 1000) {
  const live: string[] = [];
  let heartbeat: string | undefined;
  let n = 0;
  const keyOf = (i: number) => `${prefix}127.0.0.1-${20000 + i}`;
  return loop(everyMs, made, async () => {
    n++;
    heartbeat ??= (await etcdctlAsync('lease', 'grant', '30')).split(/\s+/)[1]!;
    await etcdctlAsync('lease', 'keep-alive', '--once', heartbeat);
    const key = keyOf(n);
    const revision = await etcdWrite('put', key, `127.0.0.1:${20000 + n}`, `--lease=${heartbeat}`);
    made.registryIds.add(`registry:${revision}:${key}:register`);
    live.push(key);
    if (n % 2 === 0 && live.length > 1) {
      const changed = live[Math.floor(live.length / 2)]!;
      const changedAt = await etcdWrite('put', changed, `127.0.0.1:${n}`, `--lease=${heartbeat}`);
      made.registryIds.add(`registry:${changedAt}:${changed}:value-change`);
    }
    if (live.length > 8) {
      const gone = live.shift()!;
      const deletedAt = await etcdWrite('del', gone);
      made.registryIds.add(`registry:${deletedAt}:${gone}:deregister`);
    }
    if (n % 3 === 0) {
      const lease = (await etcdctlAsync('lease', 'grant', '2')).split(/\s+/)[1]!;
      const short = `${prefix}127.0.0.1-${10000 + n}`;
      const at = await etcdWrite('put', short, `127.0.0.1:${10000 + n}`, `--lease=${lease}`);
      made.registryIds.add(`registry:${at}:${short}:register`);
      made.expiredKeys.add(short);
    }
  });
}

/** A Zabbix problem that fires and resolves: a trigger of the soak's own, fed 0 and 1 by turns. */
export async function flapProblem(app: string, made: MadeEvents, everyMs = 10_000) {
  const trigger = new ServiceTrigger(app, 'TEST');
  await trigger.create();
  let value = 0;
  let accepted = false;
  const feeder = loop(everyMs, made, async () => {
    const { stdout } = await exec('zabbix_sender', ['-z', '127.0.0.1', '-p', String(PORTS.zabbixServer), '-s', PLATFORM_HOST, '-k', trigger.itemKey, '-o', String(value)]).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
    );
    if (/processed: 1;/.test(stdout)) {
      accepted = true;
      value = value === 0 ? 1 : 0;
    } else if (accepted) {
      throw new Error(`zabbix_sender: ${stdout.trim()}`);
    } // else: the server has not taken the new item into its configuration cache yet
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
