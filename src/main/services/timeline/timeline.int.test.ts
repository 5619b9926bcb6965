import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { docker, dockerPs, type EngineRef } from '../../../../test-support/docker-cli';
import { labProfile } from '../../../../test-support/lab';
import { testContext } from '../../../../test-support/test-context';
import { zabbixApi } from '../../../../test-support/zabbix-api';
import { correlate } from './correlate';

describe('the incident timeline against the lab', () => {
  let context: AppContext;
  let replica: { engine: EngineRef; id: string; name: string };

  beforeAll(async () => {
    context = await testContext();
    const engines = labProfile().docker;
    const found = engines.flatMap((engine) => dockerPs(engine).filter((c) => c.name.startsWith('pre_order_') && c.state === 'running').map((c) => ({ engine, ...c })));
    expect(found).toHaveLength(1); // the only replica of order_PRE
    replica = found[0]!;
  });
  afterAll(() => {
    docker(replica.engine, 'update', '--restart', 'unless-stopped', replica.id);
    docker(replica.engine, 'start', replica.id);
    context?.close();
  });

  it('links a SIGKILLed last replica, its key expiry and the Zabbix problem, each at its own time', async () => {
    const events = new Map<string, TimelineEvent>();
    const cancel = context.dispatcher.subscribe('timeline.events', {}, (event) => {
      if (event.type === 'data') for (const item of event.items as TimelineEvent[]) events.set(item.id, item);
    });
    const find = (check: (e: TimelineEvent) => boolean) => [...events.values()].find(check);
    const until = async <T>(get: () => T | undefined, ms: number, what: string): Promise<T> => {
      const deadline = Date.now() + ms;
      for (;;) {
        const value = get();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await new Promise((r) => setTimeout(r, 1500)); // let the feeds and the registry settle
    docker(replica.engine, 'update', '--restart', 'no', replica.id);
    const killedAt = Date.now();
    docker(replica.engine, 'kill', '-s', 'KILL', replica.id);

    const die = await until(() => find((e) => e.kind === 'docker' && e.action === 'die' && e.container?.id === replica.id && e.at >= killedAt - 2000), 10_000, 'die');
    expect(die.service).toBe('order_PRE');
    expect(Math.abs(die.at - killedAt)).toBeLessThan(2000);
    const expiry = await until(() => find((e) => e.kind === 'registry' && e.action === 'lease-expiry' && e.service === 'order_PRE' && e.at > killedAt), 30_000, 'key expiry');
    expect(expiry.at - killedAt).toBeGreaterThan(3000); // it waited for the TTL, the key was not deleted at once
    const problem = await until(() => find((e) => e.kind === 'zabbix' && e.action === 'problem' && e.service === 'order_PRE' && e.at >= killedAt - 1000), 60_000, 'problem');
    const [zabbixEvent] = await zabbixApi<Array<{ clock: string }>>('event.get', { eventids: [problem.details.eventid], output: ['clock'] });
    expect(Math.floor(problem.at / 1000)).toBe(Number(zabbixEvent!.clock));

    // All three linked to the death of the replica, which came first.
    await until(() => find((e) => e.id === expiry.id)?.group === die.group && find((e) => e.id === problem.id)?.group === die.group, 10_000, 'linking');
    expect(die.at).toBeLessThan(expiry.at);
    expect(die.at).toBeLessThan(problem.at);
    cancel();

    // A console opened after the fact reads the death back from Docker's event history, with its service.
    const later = await testContext();
    try {
      const replayed = new Map<string, TimelineEvent>();
      const stop = later.dispatcher.subscribe('timeline.events', {}, (event) => {
        if (event.type === 'data') for (const item of event.items as TimelineEvent[]) replayed.set(item.id, item);
      });
      const again = await until(() => replayed.get(die.id), 20_000, 'the backfilled death');
      stop();
      expect(again).toMatchObject({ at: die.at, service: 'order_PRE', environment: 'PRE' });
    } finally {
      later.close();
    }
  }, 150_000);
});

describe('correlate', () => {
  const base = { details: {}, severity: 'info' as const };
  it('links a death to the key expiry and problem of its service within the window, not others', () => {
    const events: TimelineEvent[] = [
      { ...base, id: 'd', at: 1000, kind: 'docker', action: 'die', title: '', service: 'a_PRE', container: { engine: 'e', id: 'c', name: 'n' } },
      { ...base, id: 'k', at: 1000 + 10_000, kind: 'registry', action: 'lease-expiry', title: '', service: 'a_PRE' },
      { ...base, id: 'p', at: 1000 + 20_000, kind: 'zabbix', action: 'problem', title: '', service: 'a_PRE' },
      { ...base, id: 'x', at: 1000 + 20_000, kind: 'zabbix', action: 'problem', title: '', service: 'b_PRE' },
      { ...base, id: 'late', at: 1000 + 10 * 60_000, kind: 'registry', action: 'lease-expiry', title: '', service: 'a_PRE' },
    ];
    const groups = Object.fromEntries(correlate(events).map((e) => [e.id, e.group]));
    expect(groups).toEqual({ d: 'd', k: 'd', p: 'd', x: undefined, late: undefined });
  });
  it("links nothing to the console's own changes (a scale-down's stop and deregistration)", () => {
    const planned = { details: { planned: 'true' }, severity: 'info' as const };
    const events: TimelineEvent[] = [
      { ...planned, id: 'd', at: 1000, kind: 'docker', action: 'die', title: '', service: 'a_PRE', container: { engine: 'e', id: 'c', name: 'n' } },
      { ...planned, id: 'k', at: 2000, kind: 'registry', action: 'deregister', title: '', service: 'a_PRE' },
      { ...base, id: 'p', at: 3000, kind: 'zabbix', action: 'problem', title: '', service: 'a_PRE' },
    ];
    expect(correlate(events).map((e) => e.group)).toEqual([undefined, undefined, undefined]);
  });
});
