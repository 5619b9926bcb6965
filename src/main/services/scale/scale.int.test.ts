import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScaleProgress } from '../../../shared/domain';
import type { StreamEvent } from '../../../shared/wire';
import type { AppContext } from '../../app-context';
import { docker, dockerPs } from '../../../../test-support/docker-cli';
import { etcdGetPrefix } from '../../../../test-support/etcdctl';
import { labProfile } from '../../../../test-support/lab';
import { testContext } from '../../../../test-support/test-context';

function runStream(context: AppContext, stream: 'scale.apply' | 'scale.restart', params: unknown): Promise<{ items: ScaleProgress[]; end: StreamEvent }> {
  return new Promise((resolve) => {
    const items: ScaleProgress[] = [];
    context.dispatcher.subscribe(stream, params, (event) => {
      if (event.type === 'data') items.push(...(event.items as ScaleProgress[]));
      else resolve({ items, end: event });
    });
  });
}

describe('scaling a compose service on the lab', () => {
  let context: AppContext;
  const engine = () => labProfile().docker[0]!;
  const replicasHere = () => dockerPs(engine()).filter((c) => c.name.startsWith('pre_search_'));
  let before: number;

  beforeAll(async () => {
    context = await testContext();
    before = replicasHere().length;
  });
  afterAll(() => context?.close());

  it('plans and scales up by cloning a replica, which registers itself', async () => {
    const plan = await context.dispatcher.invoke('scale.plan', { project: 'pre', service: 'search', targets: [{ engine: engine().name, replicas: before + 1 }] });
    expect(plan).toMatchObject({ ok: true, result: { production: false, steps: [{ kind: 'create' }, { kind: 'wait-registered' }] } });
    const { items, end } = await runStream(context, 'scale.apply', { project: 'pre', service: 'search', targets: [{ engine: engine().name, replicas: before + 1 }] });
    expect(end).toEqual({ type: 'end' });
    expect(items[items.length - 1]).toMatchObject({ kind: 'done', ok: true });
    const created = (plan as { result: { steps: Array<{ kind: string; name: string }> } }).result.steps[0]!.name;
    const row = replicasHere().find((c) => c.name === created);
    expect(row?.state).toBe('running');
    expect(docker(engine(), 'inspect', '-f', '{{index .Config.Labels "com.docker.compose.container-number"}} {{.HostConfig.NetworkMode}} {{.HostConfig.RestartPolicy.Name}}', created)).toMatch(/^\d+ host unless-stopped$/);
    expect(etcdGetPrefix('/search_PRE/').size).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('scales down newest first: deregisters before stopping, then removes', async () => {
    const newest = replicasHere().sort((a, b) => b.name.localeCompare(a.name, undefined, { numeric: true }))[0]!;
    const keysBefore = etcdGetPrefix('/search_PRE/').size;
    const { items } = await runStream(context, 'scale.apply', { project: 'pre', service: 'search', targets: [{ engine: engine().name, replicas: before }], drainSeconds: 1 });
    const done = items[items.length - 1];
    expect(done).toMatchObject({ kind: 'done', ok: true });
    const plan = items.find((i) => i.kind === 'plan');
    expect(plan?.kind === 'plan' && plan.plan.steps.map((s) => s.kind)).toEqual(['deregister', 'drain', 'stop', 'remove']);
    expect(plan?.kind === 'plan' && plan.plan.steps[0]!.kind === 'deregister' && plan.plan.steps[0]!.name).toBe(newest.name);
    expect(replicasHere().some((c) => c.name === newest.name)).toBe(false);
    expect(etcdGetPrefix('/search_PRE/').size).toBe(keysBefore - 1);
  }, 120_000);

  it('restarts replicas one at a time, each registered again', async () => {
    const { items } = await runStream(context, 'scale.restart', { project: 'pre', service: 'order', stopTimeoutSeconds: 5 });
    expect(items[items.length - 1]).toMatchObject({ kind: 'done', ok: true });
    const steps = items.filter((i): i is Extract<ScaleProgress, { kind: 'step' }> => i.kind === 'step' && i.state === 'done');
    expect(steps.length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('refuses negative, huge and production scaling without the typed name', async () => {
    for (const replicas of [-1, 51, 2.5]) {
      expect(await context.dispatcher.invoke('scale.plan', { project: 'pre', service: 'search', targets: [{ engine: engine().name, replicas }] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    const prod = await runStream(context, 'scale.apply', { project: 'prod', service: 'search', targets: [{ engine: engine().name, replicas: 9 }] });
    expect(prod.end).toMatchObject({ type: 'end', error: { code: 'FORBIDDEN' } });
    expect(prod.items).toEqual([]);
  });
});
