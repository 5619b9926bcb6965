import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLabInfo } from '../../../../test-support/lab';
import type { AppContext } from '../../app-context';
import { etcdctl, etcdGetPrefix } from '../../../../test-support/etcdctl';
import { testContext } from '../../../../test-support/test-context';

const PREFIX = '/leadertest_PRE/';

/** etcd's own history of a prefix from a revision, as `etcdctl watch --rev` replays it. */
function etcdHistory(fromRevision: string): string[] {
  const endpoints = readLabInfo().etcd.endpoints.join(',');
  const run = spawnSync('timeout', ['3', 'etcdctl', '--endpoints', endpoints, 'watch', '--prefix', PREFIX, `--rev=${fromRevision}`], {
    encoding: 'utf8',
    env: { ...process.env, ETCDCTL_API: '3' },
  });
  const lines = run.stdout.split('\n').filter(Boolean);
  const events: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (lines[i] === 'PUT') {
      events.push(`PUT ${lines[i + 1]} ${lines[i + 2]}`);
      i += 3;
    } else if (lines[i] === 'DELETE') {
      events.push(`DELETE ${lines[i + 1]}`);
      i += lines[i + 2] !== undefined && lines[i + 2] !== 'PUT' && lines[i + 2] !== 'DELETE' ? 3 : 2;
    } else i++;
  }
  return events;
}

describe('the registry while the etcd leader is killed', () => {
  let context: AppContext;

  beforeAll(async () => {
    context = await testContext();
    await context.registry!.store.start();
  });
  afterAll(() => {
    context?.close();
    try {
      etcdctl('del', '--prefix', PREFIX);
    } catch {
      // the cluster may still be electing
    }
    // Bring the killed member back (the lab's up is idempotent and restarts what is down).
    execFileSync('node_modules/.bin/tsx', ['scripts/lab/lab.ts', 'up'], { stdio: 'ignore' });
  }, 120_000);

  it('ends equal to etcd, with every event of etcd history seen once, in order', async () => {
    const seen: string[] = [];
    const startRevision = String(BigInt(context.registry!.store.revision) + 1n);
    const off = context.registry!.store.subscribe((event) => {
      if (event.kind === 'put' && event.key.key.startsWith(PREFIX)) seen.push(`PUT ${event.key.key} ${event.key.value}`);
      if (event.kind === 'delete' && event.key.startsWith(PREFIX)) seen.push(`DELETE ${event.key}`);
    });

    const members = await context.dispatcher.invoke('etcd.members', {});
    const leader = (members as { result: Array<{ endpoint: string; isLeader: boolean }> }).result.find((m) => m.isLeader)!;
    const lab = readLabInfo();
    const leaderPid = lab.etcd.members.find((m) => m.clientUrl === leader.endpoint)?.pid;
    expect(leaderPid).toBeGreaterThan(0);

    let written = 0;
    for (let i = 0; i < 120; i++) {
      if (i === 40 && leaderPid) process.kill(leaderPid, 'SIGKILL');
      const key = `${PREFIX}127.0.0.1-${10000 + (i % 30)}`;
      for (let attempt = 0; attempt < 20; attempt++) {
        const reply = i % 7 === 6
          ? await context.dispatcher.invoke('registry.delete', { key })
          : await context.dispatcher.invoke('registry.put', { key, value: `127.0.0.1:${i}` });
        if (reply.ok) {
          written++;
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    expect(written).toBe(120);

    const deadline = Date.now() + 15_000;
    const expectedKeys = () => etcdGetPrefix(PREFIX);
    const consoleKeys = () => new Map([...context.registry!.store.keys.values()].filter((k) => k.key.startsWith(PREFIX)).map((k) => [k.key, k.value]));
    while (Date.now() < deadline && JSON.stringify([...consoleKeys()].sort()) !== JSON.stringify([...expectedKeys()].sort())) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect([...consoleKeys()].sort()).toEqual([...expectedKeys()].sort());
    const history = etcdHistory(startRevision);
    expect(history.length).toBeGreaterThanOrEqual(100);
    expect(seen).toEqual(history);
    off();
  }, 90_000);
});
