import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { freeze, until } from '../../../../test-support/freeze';
import { startOwnEtcd, type OwnEtcd } from '../../../../test-support/own-etcd';
import { followRegistry } from '../../../../test-support/registry-follow';
import { testContext } from '../../../../test-support/test-context';

/** The leader of our own three-member etcd cluster frozen (SIGSTOP), then thawed. */
describe('a frozen etcd leader', () => {
  let etcd: OwnEtcd;
  let context: AppContext;

  beforeAll(async () => {
    etcd = await startOwnEtcd();
    etcd.etcdctl(['put', '/icebox_TEST/127.0.0.1-1', '127.0.0.1:1']);
    context = await testContext(`etcd:\n  name: own-etcd\n  endpoints: [${etcd.endpoints.join(', ')}]\n`, {}, { checkIntervalMs: 2000 });
  }, 60_000);
  afterAll(async () => {
    context?.close();
    await etcd?.stop();
  });

  it('shows the member as not responding within 10 s while the registry keeps answering, and after SIGCONT the keys put meanwhile are there once', async () => {
    let status: ConnectionStatus | undefined;
    const offStatus = context.connections.onChange((s) => s.kind === 'etcd' && (status = s));
    const registry = followRegistry(context.dispatcher);
    const { keys, puts, snapshots } = registry;
    const offKeys = registry.off;
    await until(() => keys.has('/icebox_TEST/127.0.0.1-1'), 15_000, 'the first registry snapshot');
    await until(() => status?.state === 'connected' && (status.parts ?? []).every((p) => p.responding), 10_000, 'every member answering');

    const leader = etcd.leader();
    const frozen = freeze([leader.pid]);
    try {
      const frozenAt = Date.now();
      const part = () => status?.parts?.find((p) => p.target === leader.endpoint);
      await until(() => part()?.responding === false, 10_000, 'the frozen leader shown as not responding');
      expect(Date.now() - frozenAt).toBeLessThan(10_000);
      expect(part()?.error?.code).toBe('TIMEOUT');
      expect(part()?.downSince).toBeGreaterThanOrEqual(frozenAt - 3000);
      // The cluster still answers through the other two: the connection stays up, reads work.
      await until(() => status?.state === 'connected' && status.checkedAt! > frozenAt, 10_000, 'the cluster connected through the others');
      for (let i = 2; i <= 6; i++) etcd.etcdctl(['put', `/icebox_TEST/127.0.0.1-${i}`, `127.0.0.1:${i}`], leader.endpoint);
      const read = await context.connectors.etcd!.getPrefix('/icebox_TEST/');
      expect(read.kvs.length).toBe(6);
      await new Promise((r) => setTimeout(r, 5000));
    } finally {
      frozen.thaw();
    }

    await until(() => [2, 3, 4, 5, 6].every((i) => keys.get(`/icebox_TEST/127.0.0.1-${i}`) === `127.0.0.1:${i}`), 20_000, 'the keys put during the freeze');
    await until(() => (status?.parts ?? []).every((p) => p.responding), 10_000, 'the member answering again');
    offKeys();
    offStatus();
    expect(new Set(puts).size).toBe(puts.length);
    expect([...keys.keys()].filter((k) => k.startsWith('/icebox_TEST/')).sort()).toEqual([1, 2, 3, 4, 5, 6].map((i) => `/icebox_TEST/127.0.0.1-${i}`));
    // A resync (if the watch had to restart) says so; there is never more than one per freeze.
    expect(snapshots.filter((r) => r.resync !== 'initial').length).toBeLessThanOrEqual(1);
  }, 90_000);
});
