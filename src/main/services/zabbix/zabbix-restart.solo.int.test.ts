import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLabInfo } from '../../../../test-support/lab';
import type { ZabbixProblemsEvent } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { testContext } from '../../../../test-support/test-context';

const labUp = () => execFileSync('node_modules/.bin/tsx', ['scripts/lab/lab.ts', 'up'], { stdio: 'ignore' });

describe('Zabbix stopped and started', () => {
  let context: AppContext;
  beforeAll(async () => {
    context = await testContext();
  });
  afterAll(() => {
    labUp();
    context?.close();
  }, 120_000);

  it('shows Zabbix down while Docker and etcd keep working, and recovers by itself', async () => {
    const events: ZabbixProblemsEvent[] = [];
    const cancel = context.dispatcher.subscribe('zabbix.problems', {}, (event) => {
      if (event.type === 'data') events.push(...(event.items as ZabbixProblemsEvent[]));
    });
    const wait = async (check: () => boolean, ms: number, what: string) => {
      const deadline = Date.now() + ms;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await wait(() => events.length > 0 && !events[events.length - 1]!.error, 20_000, 'problems');

    // Stop the Zabbix API (the PHP server of the lab's frontend).
    const pid = readLabInfo().zabbix.api.pid!;
    process.kill(-pid, 'SIGTERM');
    await wait(() => !!events[events.length - 1]?.error, 20_000, 'the error');
    expect(events[events.length - 1]!.error).toMatchObject({ code: 'UNAVAILABLE' });
    const statuses = await context.connections.check();
    expect(statuses.find((s) => s.kind === 'zabbix')?.state).toBe('error');
    expect(statuses.filter((s) => s.kind !== 'zabbix').every((s) => s.state === 'connected')).toBe(true);
    expect((await context.containers.list()).every((e) => e.ok)).toBe(true);

    labUp();
    await wait(() => !events[events.length - 1]?.error, 30_000, 'recovery');
    const after = await context.connections.check();
    expect(after.find((s) => s.kind === 'zabbix')?.state).toBe('connected');
    cancel();
  }, 120_000);
});
