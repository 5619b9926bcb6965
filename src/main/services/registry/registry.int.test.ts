import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryView } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { docker, removeContainers } from '../../../../test-support/docker-cli';
import { etcdctl, etcdGetPrefix } from '../../../../test-support/etcdctl';
import { labProfile } from '../../../../test-support/lab';
import { followRegistry } from '../../../../test-support/registry-follow';
import { testContext } from '../../../../test-support/test-context';

const INSTANCE = /^\/[^/_]+_[^/]+\/[^/]+-\d+$/;

async function until<T>(check: () => T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<{ value: T; at: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return { value, at: Date.now() };
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the registry against the lab etcd', () => {
  let context: AppContext;
  let view: RegistryView | undefined;
  let keys = new Map<string, string>();
  const offs: Array<() => void> = [];
  const engine = () => labProfile().docker[0]!;
  const made: string[] = [];

  beforeAll(async () => {
    context = await testContext();
    offs.push(
      context.dispatcher.subscribe('registry.view', {}, (event) => {
        if (event.type === 'data') view = event.items[event.items.length - 1] as RegistryView;
      }),
    );
    const registry = followRegistry(context.dispatcher);
    keys = registry.keys;
    offs.push(registry.off);
    await until(() => view && view.services.length > 0 && view.dockerReady, 20_000, 'the first registry view');
  });
  afterAll(() => {
    offs.forEach((off) => off());
    removeContainers(engine(), made);
    try {
      etcdctl('del', '--prefix', '/regtest_');
      etcdctl('del', '/search_PRE/127.0.0.1-1');
    } catch {
      // nothing to clean
    }
    context?.close();
  });

  const instances = () => new Map(view!.services.flatMap((s) => s.instances.map((i) => [i.key, i] as const)));

  it('shows the services as etcdctl get --prefix has them', async () => {
    const expected = [...etcdGetPrefix('/').entries()].filter(([k]) => INSTANCE.test(k));
    expect(expected.length).toBeGreaterThanOrEqual(6);
    await until(() => instances().size === expected.length, 10_000, 'view to settle');
    const got = instances();
    for (const [key, value] of expected) expect(got.get(key)?.value, key).toBe(value);
    const search = view!.services.find((s) => s.app === 'search' && s.env === 'PROD')!;
    expect(search.production).toBe(true);
    expect(search.instances.map((i) => ({ key: i.key, container: i.container?.name, problems: i.problems }))).toEqual(search.instances.map((i) => ({ key: i.key, container: expect.any(String), problems: [] })));
    await until(() => search.instances.length > 0 && [...instances().values()].some((i) => i.grantedTtl === 10 && (i.ttl ?? 0) > 0), 5000, 'lease TTLs');
  });

  it('shows a key put or deleted with etcdctl within 500 ms', async () => {
    etcdctl('put', '/regtest_PRE/127.0.0.1-1', '127.0.0.1:1');
    let done = Date.now();
    const put = await until(() => keys.get('/regtest_PRE/127.0.0.1-1') === '127.0.0.1:1', 2000, 'put');
    expect(put.at - done).toBeLessThan(500);
    etcdctl('del', '/regtest_PRE/127.0.0.1-1');
    done = Date.now();
    const deleted = await until(() => !keys.has('/regtest_PRE/127.0.0.1-1'), 2000, 'delete');
    expect(deleted.at - done).toBeLessThan(500);
  });

  it('shows a replica killed with SIGKILL as stale until its lease expires; one stopped with SIGTERM goes at once', async () => {
    const run = (name: string) => {
      made.push(name);
      docker(engine(), 'run', '-d', '--network', 'host', '--name', name, '-e', 'APP_NAME=regtest', '-e', 'ENVIRONMENT=PRE', '-e', 'ETCDCTL_API=3',
        '-e', `ETCDCTL_ENDPOINTS=${labProfile().etcd.endpoints.map((e) => e.replace(/^https?:\/\//, '')).join(',')}`, '-e', 'LEASE_TTL=10',
        '--label', 'com.docker.compose.project=pre', '--label', 'com.docker.compose.service=regtest', 'lab/busybox:1');
    };
    const regtest = () => view!.services.find((s) => s.app === 'regtest')?.instances ?? [];
    run('regtest_killed');
    const registered = await until(() => regtest().find((i) => i.container?.name === 'regtest_killed'), 20_000, 'registration');
    const key = registered.value.key;
    expect(registered.value.problems).toEqual([]);

    docker(engine(), 'kill', '-s', 'KILL', 'regtest_killed');
    const killedAt = Date.now();
    const stale = await until(() => instances().get(key)?.problems.some((p) => p.kind === 'stale'), 5000, 'stale');
    expect(instances().has(key)).toBe(true);
    const gone = await until(() => !instances().has(key) && !keys.has(key), 20_000, 'lease expiry');
    expect(gone.at - killedAt).toBeGreaterThan(3000); // it waited for the TTL
    expect(stale.at).toBeLessThan(gone.at);

    run('regtest_stopped');
    const second = await until(() => regtest().find((i) => i.container?.name === 'regtest_stopped'), 20_000, 'second registration');
    docker(engine(), 'stop', '-t', '5', 'regtest_stopped');
    const stoppedAt = Date.now();
    const removed = await until(() => !keys.has(second.value.key), 3000, 'deregistration on SIGTERM');
    expect(removed.at - stoppedAt).toBeLessThan(1500);
  }, 60_000);

  it('flags an unregistered replica and a duplicate endpoint made by the test', async () => {
    made.push('pre_search_99');
    docker(engine(), 'run', '-d', '--network', 'host', '--name', 'pre_search_99', '-e', 'ENVIRONMENT=PRE', '--label', 'com.docker.compose.project=pre', '--label', 'com.docker.compose.service=search', 'lab/busybox:1', 'sleep', '600');
    await until(() => view!.services.find((s) => s.app === 'search' && s.env === 'PRE')?.unregistered.some((u) => u.name === 'pre_search_99'), 10_000, 'unregistered');

    const existing = view!.services.find((s) => s.app === 'search' && s.env === 'PRE')!.instances.find((i) => i.container && i.problems.length === 0)!;
    etcdctl('put', '/search_PRE/127.0.0.1-1', existing.value);
    const dup = await until(() => {
      const kinds = instances().get('/search_PRE/127.0.0.1-1')?.problems.map((p) => p.kind);
      return kinds?.includes('duplicate') && kinds;
    }, 5000, 'duplicate');
    expect(dup.value).toEqual(expect.arrayContaining(['duplicate', 'value-mismatch', 'stale']));
    expect(instances().get(existing.key)?.problems.map((p) => p.kind)).toContain('duplicate');
  });

  it('shows odd values safely and flags them', async () => {
    etcdctl('put', '/regtest_PRE/127.0.0.1-2', 'not-an-endpoint');
    await until(() => instances().get('/regtest_PRE/127.0.0.1-2')?.problems.some((p) => p.kind === 'odd-value'), 5000, 'odd value');
    await context.dispatcher.invoke('registry.put', { key: '/regtest_PRE/127.0.0.1-3', value: 'x'.repeat(1024 * 1024 - 100) });
    const big = await until(() => instances().get('/regtest_PRE/127.0.0.1-3'), 5000, 'big value');
    expect(big.value.value.length).toBeLessThanOrEqual(200);
    expect(big.value.problems.map((p) => p.kind)).toContain('odd-value');
    const full = await context.dispatcher.invoke('registry.get', { key: '/regtest_PRE/127.0.0.1-3' });
    expect(full).toMatchObject({ ok: true, result: { size: 1024 * 1024 - 100, encoding: 'utf8' } });
  });

  it('audits deregistration and refuses production keys without the typed key', async () => {
    etcdctl('put', '/regtest_PROD/127.0.0.1-4', '127.0.0.1:4');
    await until(() => keys.has('/regtest_PROD/127.0.0.1-4'), 2000, 'prod key');
    const refused = await context.dispatcher.invoke('registry.deregister', { key: '/regtest_PROD/127.0.0.1-4' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(etcdGetPrefix('/regtest_PROD/').has('/regtest_PROD/127.0.0.1-4')).toBe(true);
    const done = await context.dispatcher.invoke('registry.deregister', { key: '/regtest_PROD/127.0.0.1-4', confirmName: '/regtest_PROD/127.0.0.1-4' });
    expect(done).toMatchObject({ ok: true, result: { deleted: 1 } });
    expect(etcdGetPrefix('/regtest_PROD/').size).toBe(0);
    const [last, previous] = await context.audit.list(2);
    expect(last).toMatchObject({ action: 'deregister', target: '/regtest_PROD/127.0.0.1-4', result: 'ok' });
    expect(previous).toMatchObject({ action: 'deregister', result: 'error' });
  });

  it('reports each etcd member with leader, raft term and index', async () => {
    const reply = await context.dispatcher.invoke('etcd.members', {});
    expect(reply.ok).toBe(true);
    const members = (reply as { result: Array<{ isLeader: boolean; raftTerm?: string; error?: unknown }> }).result;
    expect(members).toHaveLength(3);
    expect(members.filter((m) => m.isLeader)).toHaveLength(1);
    expect(members.every((m) => !m.error && Number(m.raftTerm) > 0)).toBe(true);
  });
});
