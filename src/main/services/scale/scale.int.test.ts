import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScaleProgress, ScaleStep } from '../../../shared/domain';
import type { StreamEvent } from '../../../shared/wire';
import type { AppContext } from '../../app-context';
import { docker, dockerPs, type EngineRef } from '../../../../test-support/docker-cli';
import { etcdctl } from '../../../../test-support/etcdctl';
import { labProfile } from '../../../../test-support/lab';
import { LabService, waitFor, type Replica } from '../../../../test-support/lab-service';
import { testContext } from '../../../../test-support/test-context';

/**
 * Scaling and rolling restarts against the lab, on a compose service of our own (created
 * here with the lab image and the labels the lab's demo services carry, removed afterwards),
 * so that no other test run on the shared lab sees its replica counts change. What the
 * console says it did is checked against what Docker (`docker ps`, `docker inspect`,
 * `docker events`) and etcd (`etcdctl get`, `etcdctl watch --rev`) hold afterwards.
 */

const lab = new LabService('scale');
const { project, app, environment, prefix } = lab;
const engines = () => lab.engines();
const E1 = () => engines()[0]!;
const E2 = () => engines()[1]!;
const nameOf = (n: number) => lab.nameOf(n);

type Step = Extract<ScaleProgress, { kind: 'step' }>;
type Done = Extract<ScaleProgress, { kind: 'done' }>;

/** Runs a scale stream; `onItem` sees each item as it arrives (synchronously, before the run goes on far). */
function runStream(context: AppContext, stream: 'scale.apply' | 'scale.restart', params: unknown, onItem?: (item: ScaleProgress) => void): Promise<{ items: ScaleProgress[]; end: StreamEvent }> {
  return new Promise((resolve) => {
    const items: ScaleProgress[] = [];
    context.dispatcher.subscribe(stream, params, (event) => {
      if (event.type === 'data') {
        for (const item of event.items as ScaleProgress[]) {
          items.push(item);
          onItem?.(item);
        }
      } else resolve({ items, end: event });
    });
  });
}

const planOf = (items: ScaleProgress[]) => {
  const plan = items.find((i) => i.kind === 'plan');
  if (plan?.kind !== 'plan') throw new Error(`no plan in ${JSON.stringify(items)}`);
  return plan.plan;
};
const doneOf = (items: ScaleProgress[]) => items.find((i): i is Done => i.kind === 'done');


/** etcdctl's JSON with 64-bit lease ids kept exact (as strings). */
const parseEtcdJson = <T>(text: string): T => JSON.parse(text.replace(/"(lease|ID)":(\d+)/g, '"$1":"$2"')) as T;
const utf8 = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

interface EtcdKv {
  key: string;
  value: string;
  createRevision: number;
  modRevision: number;
  lease: string;
}

function etcdGet(key: string): EtcdKv | undefined {
  const json = parseEtcdJson<{ kvs?: Array<{ key: string; value?: string; create_revision: number; mod_revision: number; lease?: string }> }>(etcdctl('get', key, '-w', 'json'));
  const kv = json.kvs?.[0];
  return kv && { key: utf8(kv.key), value: utf8(kv.value ?? ''), createRevision: kv.create_revision, modRevision: kv.mod_revision, lease: kv.lease ?? '0' };
}

function etcdKeys(): string[] {
  return etcdctl('get', '--prefix', prefix, '--keys-only').split('\n').filter(Boolean).sort();
}

function etcdRevision(): number {
  return parseEtcdJson<{ header: { revision: number } }>(etcdctl('get', '/nothing-here', '-w', 'json')).header.revision;
}

interface EtcdEvent {
  type: 'PUT' | 'DELETE';
  key: string;
  revision: number;
  createRevision?: number;
  /** When this process read the event (only for live watches). */
  seenAt?: number;
}

function parseWatchLines(text: string, seenAt?: number): EtcdEvent[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => parseEtcdJson<{ Events?: Array<{ type?: number; kv: { key: string; mod_revision: number; create_revision?: number } }> }>(line).Events ?? [])
    .map((e) => ({ type: e.type === 1 ? 'DELETE' : 'PUT', key: utf8(e.kv.key), revision: e.kv.mod_revision, createRevision: e.kv.create_revision, seenAt }));
}

/**
 * Every change under the prefix since a revision, as etcd's own history has it (`etcdctl watch
 * --rev`): the history comes at once when the watch starts; read until it has been quiet a while.
 */
function etcdHistory(fromRevision: number): Promise<EtcdEvent[]> {
  const endpoints = labProfile().etcd.endpoints.join(',');
  const child = spawn('etcdctl', ['--endpoints', endpoints, 'watch', '--prefix', prefix, '--rev', String(fromRevision), '-w', 'json'], {
    env: { ...process.env, ETCDCTL_API: '3' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let text = '';
  return new Promise((resolve) => {
    let quiet: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(quiet);
      clearTimeout(overall);
      child.kill();
      resolve(parseWatchLines(text));
    };
    const overall = setTimeout(finish, 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      clearTimeout(quiet);
      quiet = setTimeout(finish, 1000);
    });
    child.once('exit', finish);
  });
}

/** A live `etcdctl watch` that notes when each event reached us (to compare with Docker's clock). */
function etcdLiveWatch(): { events: EtcdEvent[]; stop: () => void } {
  const endpoints = labProfile().etcd.endpoints.join(',');
  const child: ChildProcess = spawn('etcdctl', ['--endpoints', endpoints, 'watch', '--prefix', prefix, '-w', 'json'], { env: { ...process.env, ETCDCTL_API: '3' }, stdio: ['ignore', 'pipe', 'ignore'] });
  const events: EtcdEvent[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const now = Date.now();
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    events.push(...parseWatchLines(lines.join('\n'), now));
  });
  return { events, stop: () => void child.kill() };
}

interface DockerEvent {
  engine: string;
  id: string;
  name: string;
  action: string;
  /** ms since the epoch (the engines run on this machine: one clock). */
  at: number;
  exitCode?: string;
  signal?: string;
}

/** `docker events` of our project's containers on both engines between two moments, in time order. */
function dockerEvents(sinceMs: number, untilMs = Date.now()): DockerEvent[] {
  const since = (sinceMs / 1000).toFixed(3);
  const until = (untilMs / 1000).toFixed(3);
  return engines()
    .flatMap((engine) =>
      docker(engine, 'events', '--since', since, '--until', until, '--filter', 'type=container', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{json .}}')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { Action: string; Actor: { ID: string; Attributes: Record<string, string> }; timeNano: number })
        .map((e) => ({ engine: engine.name, id: e.Actor.ID, name: e.Actor.Attributes.name ?? '', action: e.Action, at: e.timeNano / 1e6, exitCode: e.Actor.Attributes.exitCode, signal: e.Actor.Attributes.signal })),
    )
    .sort((a, b) => a.at - b.at);
}

const createReplica = (number: number, engine: EngineRef): Replica => lab.create(number, engine);
const ownPort = (r: Pick<Replica, 'engine' | 'id'>) => lab.ownPort(r);
const keyOf = (port: number) => lab.keyOf(port);
const inspectState = (r: Pick<Replica, 'engine' | 'id'>) => lab.inspectState(r);

/** Running, healthy, and its own key in etcd (after `since`, when given): the key, or undefined. */
function registeredAndHealthy(r: Pick<Replica, 'engine' | 'id'>, sinceRevision = 0): EtcdKv | undefined {
  const state = inspectState(r);
  if (!state.running || state.health !== 'healthy') return undefined;
  const port = ownPort(r);
  const kv = etcdGet(keyOf(port));
  return kv && kv.value === `127.0.0.1:${port}` && kv.createRevision > sinceRevision ? kv : undefined;
}

const removeProject = () => lab.remove();

describe('scaling a compose service on the lab', () => {
  let context: AppContext;
  /** n1 on engine 1, n2 on engine 2, n3 on engine 1 (as the lab's demo services spread). */
  let replicas: Replica[] = [];

  beforeAll(async () => {
    context = await testContext();
    replicas = [createReplica(1, E1()), createReplica(2, E2()), createReplica(3, E1())];
    for (const r of replicas) await waitFor(`${r.name} to be healthy and registered`, () => registeredAndHealthy(r));
  }, 120_000);

  afterAll(() => {
    context?.close();
    removeProject();
  });

  it("a console just started plans a scale-down with the victim's own key to deregister", async () => {
    // A fresh console knows neither the fleet's ports nor the registry yet: the plan must wait for both.
    const fresh = await testContext();
    try {
      const plan = await fresh.dispatcher.invoke('scale.plan', { project, service: app, targets: [{ engine: E1().name, replicas: 1 }] });
      const victim = replicas[2]!;
      expect(plan).toMatchObject({ ok: true, result: { steps: [{ kind: 'deregister', name: victim.name, keys: [keyOf(ownPort(victim))] }, { kind: 'drain' }, { kind: 'stop', name: victim.name }, { kind: 'remove', name: victim.name }] } });
    } finally {
      fresh.close();
    }
  }, 60_000);

  it('plans and scales up by cloning a replica, which registers its own key', async () => {
    const request = { project, service: app, targets: [{ engine: E2().name, replicas: 2 }] };
    const plan = await context.dispatcher.invoke('scale.plan', request);
    expect(plan).toMatchObject({
      ok: true,
      result: { production: false, environment, steps: [{ kind: 'create', engine: E2().name, name: nameOf(4), number: 4 }, { kind: 'wait-registered', engine: E2().name, name: nameOf(4) }] },
    });
    const revisionBefore = etcdRevision();
    const keysBefore = etcdKeys();

    // When the console reports the new replica registered, it must be so: running, healthy, its own key in etcd.
    let atRegistered = 'not reported' as EtcdKv | undefined | 'not reported';
    const { items, end } = await runStream(context, 'scale.apply', request, (item) => {
      if (item.kind === 'step' && item.index === 1 && item.state === 'done') atRegistered = registeredAndHealthy({ engine: E2(), id: nameOf(4) }, revisionBefore);
    });
    expect(end).toEqual({ type: 'end' });
    expect(atRegistered, 'registered and healthy when the console said so').toMatchObject({ key: expect.stringMatching(`^${prefix}127\\.0\\.0\\.1-\\d+$`) });
    expect(doneOf(items)).toMatchObject({ ok: true, notDone: [] });

    // Docker: the clone runs on engine 2 with the next number, host network, restart policy and health check.
    const row = dockerPs(E2()).find((c) => c.name === nameOf(4));
    expect(row?.state).toBe('running');
    const created: Replica = { number: 4, engine: E2(), id: row!.id, name: nameOf(4) };
    expect(
      docker(E2(), 'inspect', '-f', '{{index .Config.Labels "com.docker.compose.project"}} {{index .Config.Labels "com.docker.compose.service"}} {{index .Config.Labels "com.docker.compose.container-number"}} {{.HostConfig.NetworkMode}} {{.HostConfig.RestartPolicy.Name}} {{len .Config.Healthcheck.Test}}', created.id),
    ).toBe(`${project} ${app} 4 host unless-stopped 2`);

    // etcd: the key made of the new container's own port, made during the run, with its value.
    const port = ownPort(created);
    const kv = etcdGet(keyOf(port));
    expect(kv, `etcd key ${keyOf(port)} of the new replica`).toMatchObject({ value: `127.0.0.1:${port}` });
    expect(kv!.createRevision).toBeGreaterThan(revisionBefore);
    expect(kv).toEqual(atRegistered);
    expect(kv!.lease).not.toBe('0');
    expect(etcdKeys()).toEqual([...keysBefore, keyOf(port)].sort());
    expect(keysBefore).not.toContain(keyOf(port));
  }, 120_000);

  it('scales down newest first: deregisters (key deleted) before the container is stopped, then removes it', async () => {
    const victim = dockerPs(E2()).find((c) => c.name === nameOf(4));
    expect(victim, 'the replica the scale-up made').toBeDefined();
    const victimKey = keyOf(ownPort({ engine: E2(), id: victim!.id }));
    const survivors = replicas.map((r) => ({ ...r, kv: etcdGet(keyOf(ownPort(r)))! }));
    for (const s of survivors) expect(s.kv, `key of ${s.name}`).toBeDefined();
    const revisionBefore = etcdRevision();
    const startedAt = Date.now();
    const watch = etcdLiveWatch();
    await new Promise((r) => setTimeout(r, 500)); // the watch is established

    let result: { items: ScaleProgress[]; end: StreamEvent };
    try {
      result = await runStream(context, 'scale.apply', { project, service: app, targets: [{ engine: E2().name, replicas: 1 }], drainSeconds: 2, stopTimeoutSeconds: 5 });
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      watch.stop();
    }
    expect(result.end).toEqual({ type: 'end' });
    expect(doneOf(result.items)).toMatchObject({ ok: true, notDone: [] });
    expect(planOf(result.items).steps.map((s) => [s.kind, 'name' in s ? s.name : s.seconds])).toEqual([
      ['deregister', nameOf(4)],
      ['drain', 2],
      ['stop', nameOf(4)],
      ['remove', nameOf(4)],
    ]);

    // Docker now: the victim is gone from `docker ps -a`; the others still run.
    expect(dockerPs(E2()).some((c) => c.id === victim!.id || c.name === nameOf(4))).toBe(false);
    for (const r of replicas) expect(inspectState(r).running, `${r.name} still running`).toBe(true);

    // Docker's record: the victim got SIGTERM, exited 0 (a stop, not a kill), then was destroyed.
    const events = dockerEvents(startedAt).filter((e) => e.id === victim!.id);
    const lifecycle = events.filter((e) => ['kill', 'die', 'stop', 'destroy'].includes(e.action));
    expect(lifecycle.map((e) => e.action)).toEqual(['kill', 'die', 'stop', 'destroy']);
    expect(lifecycle[0]!.signal).toBe('15');
    expect(lifecycle[1]!.exitCode).toBe('0');

    // etcd now: only the victim's key is gone; the others are the same keys as before.
    expect(etcdGet(victimKey)).toBeUndefined();
    for (const s of survivors) expect(etcdGet(s.kv.key), `key of ${s.name}`).toMatchObject({ createRevision: s.kv.createRevision, lease: s.kv.lease });
    // etcd's history: exactly one delete under the prefix, the victim's key.
    const history = await etcdHistory(revisionBefore + 1);
    expect(history.filter((e) => e.type === 'DELETE').map((e) => e.key)).toEqual([victimKey]);
    // Deregistered first: the delete reached us before Docker sent the container SIGTERM.
    const deleted = watch.events.find((e) => e.type === 'DELETE' && e.key === victimKey);
    expect(deleted, 'the live watch saw the delete').toBeDefined();
    expect(deleted!.seenAt!).toBeLessThan(lifecycle[0]!.at);
  }, 120_000);

  it('restarts the replicas on both engines one at a time, each registered and healthy again before the next', async () => {
    expect(new Set(replicas.map((r) => r.engine.name)).size).toBe(2);
    const before = replicas.map((r) => ({ ...r, startedAt: inspectState(r).startedAt, kv: registeredAndHealthy(r) }));
    for (const b of before) expect(b.kv, `${b.name} registered and healthy before the restart`).toBeDefined();
    const revisionBefore = etcdRevision();
    const startedAt = Date.now();

    const { items, end } = await runStream(context, 'scale.restart', { project, service: app, stopTimeoutSeconds: 5, registerTimeoutSeconds: 60 });
    expect(end).toEqual({ type: 'end' });
    expect(doneOf(items)).toMatchObject({ ok: true, notDone: [] });

    // The plan: by container number across both engines, each restart followed by its wait.
    const expected: Array<Partial<ScaleStep>> = replicas.flatMap((r) => [
      { kind: 'restart', engine: r.engine.name, name: r.name, id: r.id },
      { kind: 'wait-registered', engine: r.engine.name, name: r.name },
    ]);
    const plan = planOf(items);
    expect(plan.steps).toHaveLength(expected.length);
    plan.steps.forEach((step, i) => expect(step).toMatchObject(expected[i]!));
    // As reported: strictly one step after the other, each done before the next starts.
    const reported = items.filter((i): i is Step => i.kind === 'step').map((s) => `${s.index}:${s.state}`);
    expect(reported).toEqual(expected.flatMap((_, i) => [`${i}:running`, `${i}:done`]));

    // Docker's record, on the engines' clock: replica n goes down, starts, is healthy, and only
    // then does replica n+1 go down.
    const phase: Record<string, string> = { kill: 'down', die: 'down', stop: 'down', start: 'up', 'health_status: healthy': 'healthy' };
    const sequence = dockerEvents(startedAt)
      .filter((e) => replicas.some((r) => r.id === e.id) && phase[e.action])
      .map((e) => `${e.name}:${phase[e.action]}`)
      .filter((entry, i, all) => entry !== all[i - 1]);
    expect(sequence).toEqual(replicas.flatMap((r) => [`${r.name}:down`, `${r.name}:up`, `${r.name}:healthy`]));

    // Docker now: the same containers (restarted, not replaced), each with a new StartedAt, in order.
    const after = replicas.map((r) => ({ ...r, ...inspectState(r), port: ownPort(r) }));
    for (const [i, a] of after.entries()) {
      expect(a).toMatchObject({ running: true, health: 'healthy' });
      expect(a.startedAt).not.toBe(before[i]!.startedAt);
      expect(Date.parse(a.startedAt)).toBeGreaterThan(startedAt - 1000);
      if (i > 0) expect(Date.parse(a.startedAt)).toBeGreaterThan(Date.parse(after[i - 1]!.startedAt));
    }

    // etcd now: each replica's own key (from its port now) is there again, with a new lease and revision.
    for (const [i, a] of after.entries()) {
      const kv = etcdGet(keyOf(a.port));
      expect(kv, `${a.name}: key ${keyOf(a.port)}`).toMatchObject({ value: `127.0.0.1:${a.port}` });
      expect(kv!.lease).not.toBe(before[i]!.kv!.lease);
      expect(kv!.createRevision).toBeGreaterThan(revisionBefore);
      expect(kv!.modRevision).toBeGreaterThan(before[i]!.kv!.modRevision);
    }
    expect(etcdKeys()).toEqual(after.map((a) => keyOf(a.port)).sort());

    // etcd's history, on its own clock (revisions): replica n's old key is deleted (SIGTERM) and its
    // new key created before replica n+1's old key is deleted.
    const history = await etcdHistory(revisionBefore + 1);
    const order = before.flatMap((b, i) => {
      const deleted = history.find((e) => e.type === 'DELETE' && e.key === b.kv!.key);
      const created = history.find((e) => e.type === 'PUT' && e.key === keyOf(after[i]!.port) && e.createRevision === e.revision);
      expect(deleted, `${b.name}: delete of its old key ${b.kv!.key}`).toBeDefined();
      expect(created, `${b.name}: its new key ${keyOf(after[i]!.port)}`).toBeDefined();
      return [deleted!.revision, created!.revision];
    });
    expect(order).toEqual([...order].sort((a, b) => a - b));
  }, 180_000);

  it('refuses negative, huge and production scaling without the typed name', async () => {
    for (const replicas of [-1, 51, 2.5]) {
      expect(await context.dispatcher.invoke('scale.plan', { project: 'pre', service: 'search', targets: [{ engine: E1().name, replicas }] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    const prod = await runStream(context, 'scale.apply', { project: 'prod', service: 'search', targets: [{ engine: E1().name, replicas: 9 }] });
    expect(prod.end).toMatchObject({ type: 'end', error: { code: 'FORBIDDEN' } });
    expect(prod.items).toEqual([]);
  });
});
