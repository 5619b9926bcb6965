import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linesOf, type ConnectionStatus, type EngineFeedState, type FleetEvent, type LogEvent } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { copyImage, docker, dockerArgs } from '../../../../test-support/docker-cli';
import { startExtraEngine, type ExtraEngine } from '../../../../test-support/extra-engine';
import { freeze, until } from '../../../../test-support/freeze';
import { labProfile } from '../../../../test-support/lab';
import { testContext } from '../../../../test-support/test-context';

/**
 * A frozen dockerd (SIGSTOP: sockets open, no answer, no error) on our own extra engine,
 * beside a lab engine that keeps working.
 */
describe('a frozen Docker engine', () => {
  let extra: ExtraEngine;
  let context: AppContext;
  const ref = () => ({ name: 'frozen-engine', host: extra.host });
  const lab = () => labProfile().docker[0]!;

  beforeAll(async () => {
    extra = await startExtraEngine();
    copyImage(lab(), ref(), 'lab/busybox:1');
    const profile = `docker:\n  - name: frozen-engine\n    host: ${extra.host}\n  - name: ${lab().name}\n    host: ${lab().host}\n`;
    context = await testContext(profile, {}, { checkIntervalMs: 2000 });
  }, 120_000);
  afterAll(async () => {
    context?.close();
    await extra?.stop();
  });

  it('is "not responding" within 10 s while the other engine works, and after SIGCONT the fleet and a log follow catch up with nothing lost or doubled', async () => {
    const counter = docker(ref(), 'run', '-d', '--network', 'host', '--name', 'counter', 'lab/busybox:1', 'sh', '-c', 'i=0; while true; do i=$((i+1)); echo "line $i"; sleep 0.1; done');

    const statuses = new Map<string, ConnectionStatus>();
    const offStatus = context.connections.onChange((s) => statuses.set(s.name, s));
    const feeds = new Map<string, { state: EngineFeedState; code?: string }>();
    const names = new Set<string>();
    const offFleet = context.fleet.subscribe((event: FleetEvent) => {
      if (event.kind === 'engine') feeds.set(event.engine, { state: event.state, code: event.error?.code });
      if (event.kind === 'snapshot' && event.engine === 'frozen-engine') for (const c of event.containers) names.add(c.name);
      if (event.kind === 'upsert' && event.container.engine === 'frozen-engine') names.add(event.container.name);
    });
    const logs: LogEvent[] = [];
    const cancelLogs = context.dispatcher.subscribe('logs.tail', { selection: { containers: [{ engine: 'frozen-engine', id: counter }] }, tail: 100000, follow: true }, (event) => {
      if (event.type === 'data') logs.push(...(event.items as LogEvent[]));
    });
    const lines = () => logs.flatMap((e) => linesOf(e)).map((l) => l[3]);
    await until(() => feeds.get('frozen-engine')?.state === 'live' && names.has('counter'), 20_000, 'the frozen-engine feed live');
    await until(() => lines().length >= 10, 10_000, 'log lines');

    const frozen = freeze([extra.pid()]);
    let lateRun: ReturnType<typeof spawn> | undefined;
    try {
      const frozenAt = Date.now();
      await until(() => statuses.get('frozen-engine')?.state === 'error', 10_000, 'the engine shown as not responding');
      const status = statuses.get('frozen-engine')!;
      expect(status.error?.code).toBe('TIMEOUT');
      expect(status.downSince).toBeGreaterThanOrEqual(frozenAt - 3000);
      await until(() => feeds.get('frozen-engine')?.state === 'reconnecting', 10_000, 'the feed marked stale');
      expect(Date.now() - frozenAt).toBeLessThan(10_000);
      expect(feeds.get('frozen-engine')?.code).toBe('TIMEOUT');

      // Everything else keeps working.
      const other = await context.connections.check(`docker:${lab().name}`);
      expect(other.find((s) => s.name === lab().name)?.state).toBe('connected');
      expect(feeds.get(lab().name)?.state).toBe('live');
      const labRows = await context.dispatcher.invoke('containers.list', { engines: [lab().name] });
      expect(labRows.ok && (labRows.result as unknown[]).length).toBeGreaterThan(0);

      // A container created while the engine sleeps (the CLI's request waits in its socket).
      lateRun = spawn('/usr/bin/docker', [...dockerArgs(ref()), 'run', '-d', '--network', 'host', '--name', 'born-frozen', 'lab/busybox:1', 'sleep', '1000'], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 12_000));
    } finally {
      frozen.thaw();
    }

    await until(() => statuses.get('frozen-engine')?.state === 'connected', 10_000, 'the engine answering again');
    await until(() => feeds.get('frozen-engine')?.state === 'live', 10_000, 'the feed live again');
    await until(() => names.has('born-frozen'), 15_000, 'the container created during the freeze');
    await new Promise((resolve) => (lateRun!.exitCode !== null ? resolve(null) : lateRun!.once('exit', resolve)));
    await until(() => lines().length >= 250, 20_000, 'the follow resumed');
    cancelLogs();
    offFleet();
    offStatus();

    // Every line once, in order, none missing across the freeze.
    const numbers = lines().map((m) => Number(/line (\d+)/.exec(m)?.[1]));
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBe(numbers[i - 1]! + 1);
    expect(numbers[0]).toBe(1);
  }, 120_000);
});
