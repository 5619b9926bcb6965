import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../test-support/browser';
import { useConsolePage } from '../test-support/console-page';
import { startOwnEtcd, type OwnEtcd } from '../test-support/own-etcd';
import { startTcpProxy, type TcpProxy } from '../test-support/tcp-proxy';

const PREFIX = '/resync_TEST/';

/** `etcdctl get --prefix` of our own etcd: the keys the Keys tab must list afterwards. */
function etcdKeys(etcd: OwnEtcd): string[] {
  const json = JSON.parse(etcd.etcdctl(['get', '--prefix', PREFIX, '--keys-only', '-w', 'json'])) as { kvs?: Array<{ key: string }> };
  return (json.kvs ?? []).map((kv) => Buffer.from(kv.key, 'base64').toString('utf8')).sort();
}

/**
 * Our own one-member etcd behind a TCP proxy (cut() stands for a dropped VPN: the real etcd
 * cannot drop a client by itself). While the console is cut off, keys change and etcd
 * compacts the revision the console's watch would resume from; the Keys tab must say that it
 * re-read everything, as of which revision, and list exactly etcd's keys.
 */
describe('the Keys tab after a compacted registry watch', () => {
  let etcd: OwnEtcd;
  let proxy: TcpProxy;
  const dir = mkdtempSync(join(tmpdir(), 'ops-e2e-resync-'));

  beforeAll(async () => {
    etcd = await startOwnEtcd({ members: 1 });
    proxy = await startTcpProxy({ port: Number(new URL(etcd.endpoints[0]!).port) });
    for (const n of [1, 2, 3, 4]) etcd.etcdctl(['put', `${PREFIX}127.0.0.1-${n}`, `127.0.0.1:${n}`]);
    writeFileSync(join(dir, 'connections.yaml'), `etcd:\n  name: cut-etcd\n  endpoints: [${proxy.endpoint}]\n`);
  }, 40_000);
  afterAll(async () => {
    await proxy?.close();
    await etcd?.stop();
  });
  const ui = useConsolePage(() => ({ profilePath: join(dir, 'connections.yaml') }));

  const rows = () => ui.page.locator('[data-testid="registry-key"]');
  const rowKeys = async () => (await rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-key') ?? ''))).sort();
  const notice = () => ui.page.locator('[data-testid="registry-resync"]');
  const storeState = () => ui.page.locator('[data-testid="registry-store-state"]');

  it('shows the compacted re-read with its revision and lists exactly etcd’s keys afterwards', async () => {
    const { page } = ui;
    await page.goto(`${ui.url}#/registry/keys`);
    await page.locator(`[data-testid="registry-folder"][data-prefix="${PREFIX}"]`).click({ timeout: 20_000 });
    await expect.poll(rowKeys, { timeout: 10_000 }).toEqual([1, 2, 3, 4].map((n) => `${PREFIX}127.0.0.1-${n}`));
    await expect.poll(() => storeState().getAttribute('data-state'), { timeout: 10_000 }).toBe('live');
    expect(await notice().count()).toBe(0);

    proxy.cut();
    try {
      await expect.poll(() => storeState().getAttribute('data-state'), { timeout: 10_000 }).toBe('reconnecting');
      etcd.etcdctl(['put', `${PREFIX}127.0.0.1-5`, '127.0.0.1:5']);
      etcd.etcdctl(['del', `${PREFIX}127.0.0.1-2`]);
      etcd.etcdctl(['put', `${PREFIX}127.0.0.1-3`, '127.0.0.1:33']);
      const revision = etcd.revision();
      etcd.etcdctl(['compact', revision]);
      // Cut off, the tab still shows what it last knew.
      expect(await rowKeys()).toEqual([1, 2, 3, 4].map((n) => `${PREFIX}127.0.0.1-${n}`));
      proxy.restore();

      await notice().waitFor({ timeout: 20_000 });
      expect(await notice().getAttribute('data-reason')).toBe('compacted');
      const text = await notice().innerText();
      expect(text).toMatch(new RegExp(`^Registry re-read at revision ${revision} \\(\\d\\d:\\d\\d:\\d\\d\\) after an etcd compaction`));
      expect(text).toContain('could not be replayed one by one');
      expect(text).toContain('puts and deletes made during the gap are not listed');
      await expect.poll(() => storeState().getAttribute('data-state'), { timeout: 10_000 }).toBe('live');
      await expect.poll(rowKeys, { timeout: 5_000 }).toEqual(etcdKeys(etcd));
      expect(await rowKeys()).toEqual([1, 3, 4, 5].map((n) => `${PREFIX}127.0.0.1-${n}`));
      // The changed value is the new one (the value cell, its parts joined).
      expect(await page.locator(`[data-testid="registry-key"][data-key="${PREFIX}127.0.0.1-3"] td`).nth(1).textContent()).toBe('127.0.0.1:33');
      await screenshot(page, 'registry-resync-compacted-1440');
      await page.setViewportSize({ width: 1024, height: 700 });
      await screenshot(page, 'registry-resync-compacted-1024');
      await page.setViewportSize({ width: 1440, height: 900 });

      // Opened again later (a reload: a new subscription), the tab still tells it.
      await page.reload();
      await notice().waitFor({ timeout: 15_000 });
      expect(await notice().innerText()).toContain(`revision ${revision}`);
      // Dismissed, it stays away for the session.
      await notice().getByRole('button').click();
      await notice().waitFor({ state: 'detached', timeout: 5_000 });
      await page.reload();
      await rows().first().waitFor({ timeout: 15_000 });
      expect(await notice().count()).toBe(0);
    } finally {
      proxy.restore();
    }
  }, 60_000);
});
