import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linesOf as linesOfEvent, type ConnectionStatus, type FleetEvent, type LogEvent, type TimelineEvent, type ZabbixProblemsEvent } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { docker, dockerArgs, removeContainers } from '../../../../test-support/docker-cli';
import { etcdGetPrefix } from '../../../../test-support/etcdctl';
import { freeze, until } from '../../../../test-support/freeze';
import { labProfile, labProfileText, readLabInfo } from '../../../../test-support/lab';
import { followRegistry } from '../../../../test-support/registry-follow';
import { testContext } from '../../../../test-support/test-context';
import { zabbixApi } from '../../../../test-support/zabbix-api';

/** Every process of the lab a console talks to: both dockerd, the three etcd members, zabbix_server and the Zabbix frontend, each with its workers. */
function labPids(): number[] {
  const info = readLabInfo();
  const withChildren = (pid: number) => [pid, ...execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number)];
  return [...info.engines.map((e) => e.pid!), ...info.etcd.members.map((m) => m.pid!), ...withChildren(info.zabbix.server.pid!), ...withChildren(info.zabbix.api.pid!)];
}

/**
 * The whole lab frozen at once (SIGSTOP of every peer: a laptop whose VPN dropped), then thawed.
 * It runs alone (the solo phase of `npm test`): nothing else can use the lab meanwhile.
 */
describe('the whole lab frozen at once', () => {
  let context: AppContext;
  // Each try (the solo phase retries a failure) makes containers of its own names.
  let stamp = '';
  const stamps: string[] = [];
  const engines = () => labProfile().docker;
  const counter = (i: number, of = stamp) => `icy${of}_counter_${i}`;
  const late = (i: number, of = stamp) => `icy${of}_late_${i}`;

  beforeAll(async () => {
    context = await testContext(labProfileText(), {}, { checkIntervalMs: 2000 });
  }, 60_000);
  afterAll(() => {
    context?.close();
    for (const tried of stamps) for (const [i, engine] of engines().entries()) removeContainers(engine, [counter(i, tried), late(i, tried)]);
  });

  it('says every peer is not responding within 10 s, keeps answering, and after SIGCONT holds what Docker, etcd and Zabbix hold with nothing lost or doubled', async () => {
    stamp = randomBytes(3).toString('hex');
    stamps.push(stamp);
    const since = Date.now() - 1000;
    const ids = engines().map((engine, i) =>
      docker(engine, 'run', '-d', '--network', 'host', '--name', counter(i), 'lab/busybox:1', 'sh', '-c', 'i=0; while true; do i=$((i+1)); echo "line $i"; sleep 0.1; done'),
    );
    const statuses = new Map<string, ConnectionStatus>();
    const offStatus = context.connections.onChange((s) => statuses.set(s.name, s));
    const names = new Map<string, Set<string>>();
    const offFleet = context.fleet.subscribe((event: FleetEvent) => {
      const add = (engine: string, name: string) => names.set(engine, (names.get(engine) ?? new Set()).add(name));
      if (event.kind === 'snapshot') for (const c of event.containers) add(event.engine, c.name);
      if (event.kind === 'upsert') add(event.container.engine, event.container.name);
    });
    const logs: LogEvent[] = [];
    // A line names its source; the source events say which engine each source is on.
    const engineOfSource = new Map<string, string>();
    const selection = { containers: engines().map((e, i) => ({ engine: e.name, id: ids[i]! })) };
    const offLogs = context.dispatcher.subscribe('logs.tail', { selection, tail: 100000, follow: true }, (event) => {
      if (event.type !== 'data') return;
      for (const item of event.items as LogEvent[]) {
        if (!Array.isArray(item) && item.kind === 'source') engineOfSource.set(item.src, item.engine);
        logs.push(item);
      }
    });
    const registry = followRegistry(context.dispatcher);
    const { keys } = registry;
    const offKeys = registry.off;
    let problems: string[] = [];
    const offProblems = context.dispatcher.subscribe('zabbix.problems', {}, (event) => {
      if (event.type === 'data') for (const item of event.items as ZabbixProblemsEvent[]) if (!item.error) problems = item.problems.map((p) => p.eventid).sort();
    });
    const timeline: TimelineEvent[] = [];
    const offTimeline = context.dispatcher.subscribe('timeline.events', { since }, (event) => {
      if (event.type === 'data') timeline.push(...(event.items as TimelineEvent[]));
    });
    const linesOf = (engine: string) => logs.flatMap((e) => linesOfEvent(e)).filter((l) => engineOfSource.get(l[0]) === engine).map((l) => l[3]);
    const peers = () => [...engines().map((e) => e.name), readLabInfo().etcd.name, readLabInfo().zabbix.name];
    await until(() => peers().every((name) => statuses.get(name)?.state === 'connected'), 20_000, 'every peer connected');
    await until(() => engines().every((e) => linesOf(e.name).length >= 10), 15_000, 'log lines of both counters');

    const frozen = freeze(labPids());
    const lateRuns: ChildProcess[] = [];
    try {
      const frozenAt = Date.now();
      const states = () => peers().map((name) => `${name} ${statuses.get(name)?.state} ${statuses.get(name)?.error?.code ?? ''}`).join(', ');
      await until(() => peers().every((name) => statuses.get(name)?.state === 'error'), 10_000, 'every peer shown as not responding').catch((error: Error) => {
        throw new Error(`${error.message} (${states()})`);
      });
      expect(Date.now() - frozenAt).toBeLessThan(10_000);
      for (const name of peers()) expect(statuses.get(name)?.error?.code, name).toBe('TIMEOUT');
      // The console itself keeps answering what needs no peer, at once.
      const asked = Date.now();
      const report = await context.dispatcher.invoke('diagnostics.get', {});
      expect(report.ok).toBe(true);
      expect(Date.now() - asked).toBeLessThan(1000);
      // Containers created while the engines sleep (the CLI's requests wait in their sockets).
      for (const [i, engine] of engines().entries()) {
        lateRuns.push(spawn('/usr/bin/docker', [...dockerArgs(engine), 'run', '-d', '--network', 'host', '--name', late(i), 'lab/busybox:1', 'sleep', '1000'], { stdio: 'ignore' }));
      }
      await new Promise((r) => setTimeout(r, 12_000 - (Date.now() - frozenAt)));
    } finally {
      frozen.thaw();
    }

    await until(() => peers().every((name) => statuses.get(name)?.state === 'connected'), 20_000, 'every peer answering again');
    await until(() => engines().every((e, i) => names.get(e.name)?.has(late(i))), 20_000, 'the containers created during the freeze');
    await Promise.all(lateRuns.map((run) => new Promise((resolve) => (run.exitCode !== null ? resolve(null) : run.once('exit', resolve)))));
    const linesAtThaw = engines().map((e) => linesOf(e.name).length);
    await until(() => engines().every((e, i) => linesOf(e.name).length >= linesAtThaw[i]! + 30), 20_000, 'both follows resumed');

    // Logs: every line once, in order, per counter, equal to what `docker logs` holds up to there.
    for (const [i, engine] of engines().entries()) {
      const seen = linesOf(engine.name);
      const numbers = seen.map((m) => Number(/line (\d+)/.exec(m)?.[1]));
      expect(numbers[0]).toBe(1);
      for (let k = 1; k < numbers.length; k++) expect(numbers[k], `${engine.name} line ${k}`).toBe(numbers[k - 1]! + 1);
      const cli = docker(engine, 'logs', counter(i)).split('\n');
      expect(cli.slice(0, seen.length)).toEqual(seen);
    }
    // Registry: what etcd holds.
    await until(() => {
      const truth = etcdGetPrefix('');
      return truth.size === keys.size && [...truth].every(([k, v]) => keys.get(k) === v);
    }, 20_000, 'the registry equal to etcdctl get --prefix ""');
    // Problems: what Zabbix holds.
    await until(async () => {
      const truth = (await zabbixApi<Array<{ eventid: string }>>('problem.get', { output: ['eventid'], recent: false })).map((p) => p.eventid).sort();
      return JSON.stringify(truth) === JSON.stringify(problems);
    }, 30_000, "the problems equal to Zabbix's problem.get");
    // Events: the engines' own history of our containers, each once in the timeline.
    const until_ = Math.ceil(Date.now() / 1000);
    for (const [i, engine] of engines().entries()) {
      const history = docker(engine, 'events', '--since', String(Math.floor(since / 1000)), '--until', String(until_), '--filter', 'type=container', '--filter', `container=${counter(i)}`, '--filter', `container=${late(i)}`, '--format', '{{.Actor.ID}} {{.Action}}')
        .split('\n')
        .filter((line) => /^\S+ (create|start|die|kill|destroy)$/.test(line));
      await until(() => {
        const mine = timeline.filter((e) => e.kind === 'docker' && e.engine === engine.name && e.container?.name.startsWith(`icy${stamp}`));
        return history.every((h) => mine.some((e) => `${e.container!.id} ${e.action}` === h));
      }, 15_000, `the timeline holding ${engine.name}'s events: ${history.join(', ')}`);
      const mine = timeline.filter((e) => e.kind === 'docker' && e.engine === engine.name && e.container?.name.startsWith(`icy${stamp}`));
      expect(new Set(mine.map((e) => e.id)).size, 'no event twice').toBe(new Set(mine.map((e) => `${e.container!.id} ${e.action}`)).size);
    }
    for (const off of [offLogs, offKeys, offProblems, offTimeline, offFleet, offStatus]) off();
  }, 150_000);
});
