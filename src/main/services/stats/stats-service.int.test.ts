import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { testContext } from '../../../../test-support/test-context';
import { docker } from '../../../../test-support/docker-cli';
import { labProfile, steadyDemoReplicas } from '../../../../test-support/lab';

describe('live stats of a lab replica', () => {
  let context: AppContext;
  beforeAll(async () => {
    context = await testContext();
  });
  afterAll(() => context?.close());

  it('streams samples whose pids and memory agree with the engine', async () => {
    const engine = labProfile().docker[0]!;
    const replica = steadyDemoReplicas(engine)[0]!;
    const samples: StatsSample[] = [];
    const cancel = context.dispatcher.subscribe('containers.stats', { containers: [{ engine: engine.name, id: replica.id }] }, (event) => {
      if (event.type === 'data') samples.push(...(event.items as StatsSample[]));
    });
    const deadline = Date.now() + 15_000;
    while (samples.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    cancel();
    expect(samples.length).toBeGreaterThanOrEqual(3);
    const last = samples[samples.length - 1]!;
    expect(last).toMatchObject({ engine: engine.name, id: replica.id });
    expect(last.memUsed).toBeGreaterThan(0);
    expect(last.memLimit).toBeGreaterThan(last.memUsed);
    expect(last.cpuPercent).toBeGreaterThanOrEqual(0);
    const cliPids = Number(docker(engine, 'stats', '--no-stream', '--format', '{{.PIDs}}', replica.id));
    expect(Math.abs(last.pids - cliPids)).toBeLessThanOrEqual(3);
    expect(samples[1]!.t).toBeGreaterThan(samples[0]!.t);
  });

  it('ends nothing else when one container of the request does not exist', async () => {
    const engine = labProfile().docker[0]!;
    const replica = steadyDemoReplicas(engine)[0]!;
    const samples: StatsSample[] = [];
    const cancel = context.dispatcher.subscribe(
      'containers.stats',
      { containers: [{ engine: engine.name, id: 'does-not-exist' }, { engine: engine.name, id: replica.id }] },
      (event) => {
        if (event.type === 'data') samples.push(...(event.items as StatsSample[]));
      },
    );
    const deadline = Date.now() + 10_000;
    while (samples.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    cancel();
    expect(samples.some((s) => s.id === replica.id)).toBe(true);
  });
});
