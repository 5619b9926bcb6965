import type { FleetEvent, RegistryEvent, TimelineEvent, ZabbixProblemsEvent } from '../../src/shared/domain';
import type { ConsoleRpc } from '../console-rpc';
import type { EngineRef } from '../docker-cli';
import { zabbixApi } from '../zabbix-api';
import type { MadeEvents } from './churn';
import { dockerAsync, etcdctlAsync } from './run-cli';

/** One difference between what the console holds and what the system holds, for the report. */
export type Differences = string[];

const diffSets = (what: string, console: Set<string>, truth: Set<string>): Differences => [
  ...[...truth].filter((x) => !console.has(x)).map((x) => `${what}: missing in the console: ${x}`),
  ...[...console].filter((x) => !truth.has(x)).map((x) => `${what}: only in the console: ${x}`),
];

/** The console's fleet (id and state of every container) against `docker ps -a` on each engine. */
export async function compareFleet(rpc: ConsoleRpc, engines: EngineRef[]): Promise<Differences> {
  const items = await rpc.collect<FleetEvent>('containers.fleet', {}, (all) =>
    engines.every((e) => all.some((i) => i.kind === 'snapshot' && i.engine === e.name && !i.partial)),
  );
  const differences: Differences = [];
  for (const engine of engines) {
    const snapshot = items.filter((i) => i.kind === 'snapshot' && i.engine === engine.name && !i.partial).at(-1);
    const console = new Set(snapshot?.kind === 'snapshot' ? snapshot.containers.map((c) => `${c.id} ${c.state}`) : []);
    const truth = new Set(
      (await dockerAsync(engine, 'ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.State}}')).split('\n').filter(Boolean),
    );
    differences.push(...diffSets(`fleet ${engine.name}`, console, truth));
  }
  return differences;
}

/** The console's registry (key = value) against `etcdctl get --prefix ''`. */
export async function compareRegistry(rpc: ConsoleRpc): Promise<Differences> {
  const items = await rpc.collect<RegistryEvent>('registry.keys', {}, (all) => all.some((i) => i.kind === 'snapshot'));
  const snapshot = items.find((i) => i.kind === 'snapshot');
  const console = new Set(snapshot?.kind === 'snapshot' ? snapshot.keys.map((k) => `${k.key} = ${k.value}`) : []);
  const json = JSON.parse(await etcdctlAsync('get', '--prefix', '', '-w', 'json')) as { kvs?: Array<{ key: string; value?: string }> };
  const decode = (b64?: string) => Buffer.from(b64 ?? '', 'base64').toString('utf8');
  const truth = new Set((json.kvs ?? []).map((kv) => `${decode(kv.key)} = ${decode(kv.value)}`));
  return diffSets('registry', console, truth);
}

/** The console's open problems against Zabbix's `problem.get`. */
export async function compareProblems(rpc: ConsoleRpc): Promise<Differences> {
  const [first] = await rpc.collect<ZabbixProblemsEvent>('zabbix.problems', {}, (all) => all.length > 0);
  const console = new Set((first?.problems ?? []).map((p) => p.eventid));
  const truth = new Set((await zabbixApi<Array<{ eventid: string }>>('problem.get', { output: ['eventid'], recent: false })).map((p) => p.eventid));
  return diffSets('problems', console, truth);
}

/** Every event the churn made, found in the console's timeline. */
export async function timelineMisses(rpc: ConsoleRpc, made: MadeEvents, since: number): Promise<Differences> {
  const events = await rpc.collectFor<TimelineEvent>('timeline.events', { since }, 3000);
  const ids = new Set(events.map((e) => e.id));
  const dockerSeen = new Set(events.filter((e) => e.kind === 'docker' && e.container).map((e) => `${e.engine} ${e.container!.id} ${e.action}`));
  const registryBy = new Set(events.filter((e) => e.kind === 'registry').map((e) => `${e.details.key} ${e.action}`));
  const misses: Differences = [];
  for (const [engine, containers] of made.containers) {
    for (const [id, actions] of containers) for (const action of actions) if (!dockerSeen.has(`${engine} ${id} ${action}`)) misses.push(`timeline: no ${action} of ${engine} ${id.slice(0, 12)}`);
  }
  for (const id of made.registryIds) if (!ids.has(id)) misses.push(`timeline: no ${id}`);
  for (const key of made.expiredKeys) {
    if (!registryBy.has(`${key} lease-expiry`) && !registryBy.has(`${key} deregister`)) misses.push(`timeline: no expiry of ${key}`);
  }
  for (const eventid of made.zabbixEventIds) if (!ids.has(`zabbix:${eventid}`)) misses.push(`timeline: no Zabbix event ${eventid}`);
  return misses;
}

/** Polls a comparison until it finds no difference or the time is up; the last differences otherwise. */
export async function converges(compare: () => Promise<Differences>, timeoutMs: number): Promise<Differences> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const differences = await compare().catch((error: Error) => [`comparison failed: ${error.message}`]);
    if (differences.length === 0 || Date.now() > deadline) return differences;
    await new Promise((r) => setTimeout(r, 2000));
  }
}
