import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetContainer, FleetEvent } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { testContext } from '../../../../test-support/test-context';
import { copyImage, docker, dockerPs, type EngineRef } from '../../../../test-support/docker-cli';
import { startExtraEngine, type ExtraEngine } from '../../../../test-support/extra-engine';
import { labProfile } from '../../../../test-support/lab';
import { EngineFeed } from './engine-feed';

/** A fleet view as the renderer builds it: rows per engine from the stream's events. */
class FleetView {
  readonly rows = new Map<string, FleetContainer>();
  readonly states = new Map<string, string>();
  readonly events: Array<{ at: number; event: FleetEvent }> = [];
  apply = (event: FleetEvent) => {
    this.events.push({ at: Date.now(), event });
    if (event.kind === 'engine') this.states.set(event.engine, event.state);
    if (event.kind === 'snapshot') {
      for (const [key, row] of this.rows) if (row.engine === event.engine) this.rows.delete(key);
      for (const row of event.containers) this.rows.set(`${row.engine}/${row.id}`, row);
    }
    if (event.kind === 'upsert') this.rows.set(`${event.container.engine}/${event.container.id}`, event.container);
    if (event.kind === 'remove') this.rows.delete(`${event.engine}/${event.id}`);
  };
  of(engine: string): FleetContainer[] {
    return [...this.rows.values()].filter((r) => r.engine === engine);
  }
  async until<T>(check: () => T | undefined | false, timeoutMs = 10_000): Promise<{ value: T; at: number }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return { value, at: Date.now() };
      if (Date.now() > deadline) throw new Error('timed out waiting for the fleet view');
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

const image = 'lab/busybox:1';
const lab = () => labProfile().docker;

describe('the live fleet against the lab engines', () => {
  let context: AppContext;
  let view: FleetView;
  let off: () => void;
  const created: Array<{ engine: EngineRef; name: string }> = [];

  beforeAll(async () => {
    context = await testContext();
    view = new FleetView();
    off = context.fleet.subscribe(view.apply);
    await view.until(() => lab().every((e) => view.states.get(e.name) === 'live'), 30_000);
  });
  afterAll(() => {
    off?.();
    for (const { engine, name } of created) {
      try {
        docker(engine, 'rm', '-f', name);
      } catch {
        // already gone
      }
    }
    context?.close();
  });

  it('matches docker ps on both engines, with ports found for host-network replicas', async () => {
    for (const engine of lab()) {
      // The lab's crashing replica may be restarting: compare until docker ps and the view agree
      // (and the ports of host-network replicas, looked for after their rows are complete, are in).
      const same = () => {
        const expected = dockerPs(engine);
        const rows = view.of(engine.name);
        return rows.length === expected.length && expected.every((c) => rows.find((r) => r.id === c.id)?.state === c.state) && rows.every((r) => !r.portsPending);
      };
      for (let i = 0; i < 50 && !same(); i++) await new Promise((r) => setTimeout(r, 300));
      const expected = dockerPs(engine);
      const rows = view.of(engine.name);
      expect(rows.map((r) => r.name).sort()).toEqual(expected.map((c) => c.name).sort());
      for (const c of expected) expect(rows.find((r) => r.id === c.id)?.state, c.name).toBe(c.state);
      const running = rows.filter((r) => r.service && r.state === 'running');
      expect(running.length).toBeGreaterThan(0);
      expect(running.every((r) => r.environment === 'PRE' || r.environment === 'PROD')).toBe(true);
      expect(running.some((r) => r.ports.some((p) => p >= 30000 && p < 40000))).toBe(true);
    }
  });

  it('asks again when a refresh fails: a change during a failed answer is not lost', async () => {
    const engineRef = lab()[0]!;
    const real = context.connectors.docker.find((e) => e.name === engineRef.name)!;
    // A real engine, with one fault injected: its first two answers about one container fail
    // (a busy engine timing out), which a real dockerd cannot be made to do on cue.
    let failed = 0;
    const flaky = new Proxy(real, {
      get(target, prop) {
        if (prop === 'listContainers') {
          return (all: boolean, filters?: { id?: string[] }) => {
            if (filters?.id && failed < 2) {
              failed++;
              return Promise.reject(new Error('injected: the engine failed one answer'));
            }
            return target.listContainers(all, filters);
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const feed = new EngineFeed(flaky, { discoverPorts: false });
    const mine = new FleetView();
    feed.subscribe(mine.apply);
    feed.start();
    try {
      await mine.until(() => mine.states.get(engineRef.name) === 'live', 20_000);
      const name = `flaky_refresh_${Date.now()}`;
      const id = docker(engineRef, 'run', '-d', '--network', 'host', '--name', name, image, 'sleep', '600');
      created.push({ engine: engineRef, name });
      await mine.until(() => mine.rows.get(`${engineRef.name}/${id}`)?.state === 'running', 15_000);
      expect(failed).toBe(2);
      docker(engineRef, 'kill', id);
      await mine.until(() => mine.rows.get(`${engineRef.name}/${id}`)?.state === 'exited', 15_000);
    } finally {
      feed.stop();
    }
  }, 60_000);

  it('sends the list first (partial) and the inspected rows after, keeping partial rows from this process', async () => {
    const engine = context.connectors.docker.find((e) => e.name === lab()[0]!.name)!;
    const feed = new EngineFeed(engine);
    const seen: Array<{ event: FleetEvent; listed: number }> = [];
    feed.subscribe((event) => seen.push({ event, listed: feed.list().length }));
    feed.start();
    try {
      await view.until(() => seen.some(({ event }) => event.kind === 'snapshot' && !event.partial), 20_000);
      const snapshots = seen.filter((s): s is { event: Extract<FleetEvent, { kind: 'snapshot' }>; listed: number } => s.event.kind === 'snapshot');
      expect(snapshots.map((s) => s.event.partial === true)).toEqual([true, false]);
      const [preview, full] = [snapshots[0]!, snapshots[1]!];
      // Topology, drift and scale read list(): they never see the list-only rows.
      expect(preview.listed).toBe(0);
      expect(preview.event.containers.map((c) => c.id).sort()).toEqual(full.event.containers.map((c) => c.id).sort());
      const running = full.event.containers.filter((c) => c.service && c.state === 'running');
      expect(running.length).toBeGreaterThan(0);
      expect(running.every((c) => c.environment && c.startedAt && c.restartCount !== undefined)).toBe(true);
      expect(preview.event.containers.every((c) => c.restartCount === undefined && c.ports.length === 0)).toBe(true);
      expect(feed.list().map((c) => c.id).sort()).toEqual(full.event.containers.map((c) => c.id).sort());
    } finally {
      feed.stop();
    }
  });

  it('shows a container started, stopped and removed with the CLI within a second, each once', async () => {
    const engine = lab()[0]!;
    const name = `fleet-test-${Date.now()}`;
    created.push({ engine, name });
    const id = docker(engine, 'run', '-d', '--network', 'host', '--name', name, image, 'sleep', '600');
    let done = Date.now();
    const started = await view.until(() => view.rows.get(`${engine.name}/${id}`)?.state === 'running');
    expect(started.at - done).toBeLessThan(1000);

    docker(engine, 'stop', '-t', '0', name);
    done = Date.now();
    const stopped = await view.until(() => view.rows.get(`${engine.name}/${id}`)?.state === 'exited');
    expect(stopped.at - done).toBeLessThan(1000);

    docker(engine, 'rm', name);
    done = Date.now();
    const removed = await view.until(() => !view.rows.has(`${engine.name}/${id}`));
    expect(removed.at - done).toBeLessThan(1000);
    const removals = view.events.filter(({ event }) => event.kind === 'remove' && event.id === id);
    expect(removals).toHaveLength(1);
  });
});

describe('an engine that restarts', () => {
  let extra: ExtraEngine;
  let context: AppContext;
  let view: FleetView;
  let off: () => void;
  const ref = () => ({ name: 'extra-engine', host: extra.host });

  beforeAll(async () => {
    extra = await startExtraEngine();
    copyImage(lab()[0]!, ref(), image);
    context = await testContext(`docker:\n  - name: extra-engine\n    host: ${extra.host}\n`);
    view = new FleetView();
    off = context.fleet.subscribe(view.apply);
    await view.until(() => view.states.get('extra-engine') === 'live', 30_000);
  }, 120_000);
  afterAll(async () => {
    off?.();
    context?.close();
    await extra?.stop();
  });

  it('reconnects and reflects what changed while it was away, without doubles', async () => {
    const keeper = docker(ref(), 'run', '-d', '--network', 'host', '--name', 'keeper', image, 'sleep', '600');
    const goner = docker(ref(), 'run', '-d', '--network', 'host', '--name', 'goner', image, 'sleep', '600');
    await view.until(() => view.rows.get(`extra-engine/${goner}`)?.state === 'running' && view.rows.get(`extra-engine/${keeper}`)?.state === 'running');

    await extra.halt();
    await view.until(() => view.states.get('extra-engine') !== 'live');
    await extra.resume();
    // Changes right after the engine is back, before or while the console reconnects.
    docker(ref(), 'rm', '-f', 'goner');
    const newcomer = docker(ref(), 'run', '-d', '--network', 'host', '--name', 'newcomer', image, 'sleep', '600');

    await view.until(() => view.states.get('extra-engine') === 'live', 30_000);
    const expected = dockerPs(ref());
    await view.until(() => view.of('extra-engine').length === expected.length && view.rows.get(`extra-engine/${newcomer}`)?.state === 'running', 15_000);
    expect(view.rows.has(`extra-engine/${goner}`)).toBe(false);
    // keeper was running when the daemon stopped (no restart policy): it is exited now.
    expect(view.rows.get(`extra-engine/${keeper}`)?.state).toBe(expected.find((c) => c.id === keeper)?.state);
    expect(view.rows.get(`extra-engine/${keeper}`)?.state).toBe('exited');
    expect(view.of('extra-engine').map((r) => r.name).sort()).toEqual(expected.map((c) => c.name).sort());
  });
});
