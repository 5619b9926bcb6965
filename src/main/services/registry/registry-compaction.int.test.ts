import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus, RegistryEvent } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { until } from '../../../../test-support/freeze';
import { startOwnEtcd, type OwnEtcd } from '../../../../test-support/own-etcd';
import { startTcpProxy, type TcpProxy } from '../../../../test-support/tcp-proxy';
import { followRegistry } from '../../../../test-support/registry-follow';
import { testContext } from '../../../../test-support/test-context';

const PREFIX = '/compacted_TEST/';

/** `etcdctl get --prefix` of our own etcd as key -> value: the reference the store must equal afterwards. */
function etcdKeys(etcd: OwnEtcd, prefix = PREFIX): Map<string, string> {
  const json = JSON.parse(etcd.etcdctl(['get', '--prefix', prefix, '-w', 'json'])) as { kvs?: Array<{ key: string; value?: string }> };
  return new Map((json.kvs ?? []).map((kv) => [Buffer.from(kv.key, 'base64').toString('utf8'), Buffer.from(kv.value ?? '', 'base64').toString('utf8')]));
}

/**
 * The console cut off from etcd (a TCP proxy that drops the link: a dropped VPN) while keys
 * are put, deleted and changed and the revision it would resume from is compacted: once the
 * link is back, the watch is refused as compacted and the store reads everything again.
 */
describe('a registry watch resumed from a compacted revision', () => {
  let etcd: OwnEtcd;
  let proxy: TcpProxy;
  let context: AppContext;

  beforeAll(async () => {
    etcd = await startOwnEtcd({ members: 1 });
    proxy = await startTcpProxy({ port: Number(new URL(etcd.endpoints[0]!).port) });
    for (const n of [1, 2, 3, 4]) etcd.etcdctl(['put', `${PREFIX}127.0.0.1-${n}`, `127.0.0.1:${n}`]);
    context = await testContext(`etcd:\n  name: cut-etcd\n  endpoints: [${proxy.endpoint}]\n`, {}, { checkIntervalMs: 1000 });
  }, 40_000);
  afterAll(async () => {
    context?.close();
    await proxy?.close();
    await etcd?.stop();
  });

  it('re-reads the whole tree once (reason compacted) and then holds exactly what etcd holds; the connection is shown down during the cut', async () => {
    const statuses: ConnectionStatus[] = [];
    const offStatus = context.connections.onChange((s) => s.kind === 'etcd' && statuses.push(s));
    const registry = followRegistry(context.dispatcher);
    const { keys, snapshots, states } = registry;
    const offKeys = registry.off;
    const latest = () => statuses[statuses.length - 1];
    try {
      await until(() => keys.size === 4 && states[states.length - 1] === 'live', 10_000, 'the first snapshot and a live watch');
      await until(() => latest()?.state === 'connected', 10_000, 'the etcd connection checked as connected');

      proxy.cut();
      const cutAt = Date.now();
      // While cut off: a new key, a deleted key, a changed value, straight on etcd (not through the proxy).
      etcd.etcdctl(['put', `${PREFIX}127.0.0.1-5`, '127.0.0.1:5']);
      etcd.etcdctl(['del', `${PREFIX}127.0.0.1-2`]);
      etcd.etcdctl(['put', `${PREFIX}127.0.0.1-3`, '127.0.0.1:33']);
      const compactedAt = etcd.revision();
      etcd.etcdctl(['compact', compactedAt]);
      await until(() => latest()?.state === 'error' && latest()!.checkedAt! > cutAt, 10_000, 'the connection checked as down during the cut');
      const down = latest()!;
      expect(down.downSince).toBeGreaterThanOrEqual(cutAt - 1000);
      expect(down.parts?.[0]?.responding).toBe(false);
      expect(states[states.length - 1]).toBe('reconnecting');
      expect(snapshots.map((s) => s.resync)).toEqual(['initial']);

      proxy.restore();
      await until(() => snapshots.some((s) => s.resync !== 'initial'), 20_000, 'a resync after the link came back');
      await until(() => states[states.length - 1] === 'live', 10_000, 'the watch live again');
      // Nothing more comes: give a second resync (there must be none) a moment to show.
      await new Promise((r) => setTimeout(r, 1500));

      expect(snapshots.filter((s) => s.resync !== 'initial')).toEqual([{ resync: 'compacted', revision: compactedAt }]);
      expect(new Map([...keys].filter(([k]) => k.startsWith(PREFIX)))).toEqual(etcdKeys(etcd));
      expect([...keys.keys()].sort()).toEqual([1, 3, 4, 5].map((n) => `${PREFIX}127.0.0.1-${n}`));
      expect(keys.get(`${PREFIX}127.0.0.1-3`)).toBe('127.0.0.1:33');
      // The store itself (what every other screen reads) equals etcd too.
      const store = context.registry!.store;
      expect(new Map([...store.keys.values()].map((k) => [k.key, k.value]))).toEqual(etcdKeys(etcd));
      expect(store.revision).toBe(compactedAt);
      // A screen that subscribes later is still told of the compacted re-read.
      let late: RegistryEvent | undefined;
      const offLate = context.dispatcher.subscribe('registry.keys', {}, (event) => {
        if (event.type === 'data') late ??= (event.items as RegistryEvent[]).find((item) => item.kind === 'snapshot');
      });
      await until(() => late !== undefined, 5000, 'a later subscriber’s snapshot');
      offLate();
      expect(late).toMatchObject({ resync: 'initial', revision: compactedAt, lastCompacted: { revision: compactedAt } });
      await until(() => latest()?.state === 'connected', 10_000, 'the connection checked as connected again');
    } finally {
      proxy.restore();
      offKeys();
      offStatus();
    }
  }, 40_000);
});
