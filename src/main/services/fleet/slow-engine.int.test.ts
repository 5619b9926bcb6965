import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { readLabInfo, labProfileText } from '../../../../test-support/lab';
import { startSlowProxy } from '../../../../test-support/slow-proxy';
import { testContext } from '../../../../test-support/test-context';

describe('a slow engine', () => {
  let proxy: Awaited<ReturnType<typeof startSlowProxy>>;
  let context: AppContext;

  beforeAll(async () => {
    const socket = readLabInfo().engines[0]!.socket;
    proxy = await startSlowProxy(socket, 3000);
    context = await testContext(labProfileText().replace(/^docker:\n/m, `docker:\n  - name: slow-engine\n    host: ${proxy.host}\n`));
  });
  afterAll(async () => {
    context?.close();
    await proxy?.close();
  });

  it('does not slow the other engines: their rows and connection states come first', async () => {
    const started = Date.now();
    const snapshots = new Map<string, number>();
    const off = context.fleet.subscribe((event: FleetEvent) => {
      if (event.kind === 'snapshot' && !snapshots.has(event.engine)) snapshots.set(event.engine, Date.now() - started);
    });
    const deadline = Date.now() + 30_000;
    while (snapshots.size < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    off();
    expect(snapshots.get('lab-engine-1')).toBeLessThan(2500);
    expect(snapshots.get('lab-engine-2')).toBeLessThan(2500);
    expect(snapshots.get('slow-engine')).toBeGreaterThanOrEqual(3000);

    const checkStarted = Date.now();
    const fast = await context.connections.check('docker:lab-engine-2');
    expect(Date.now() - checkStarted).toBeLessThan(2000);
    expect(fast.find((s) => s.id === 'docker:lab-engine-2')?.state).toBe('connected');
  }, 60_000);
});
