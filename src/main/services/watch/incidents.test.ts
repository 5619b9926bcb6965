import { describe, expect, it } from 'vitest';
import type { FleetContainer, TimelineEvent } from '../../../shared/domain';
import { deathSignal, recordDeath, type DeathRecord } from './container-deaths';
import { buildIncidents, KEEP_RESOLVED_MS, LINK_WINDOW_MS, type Signal } from './incidents';

const MIN = 60_000;
const now = Date.parse('2026-11-29T12:00:00Z');
const context = { now, isProduction: (env?: string) => env === 'PROD', healthyReplica: () => ({ engine: 'e1', id: 'ok1', name: 'user_PROD_1' }) };

function signal(key: string, over: Partial<Signal> = {}): Signal {
  return {
    key,
    service: 'user_PROD',
    environment: 'PROD',
    severity: 'error',
    headline: key,
    startedAt: now - 5 * MIN,
    updatedAt: now - 5 * MIN,
    active: true,
    evidence: { at: over.startedAt ?? now - 5 * MIN, source: 'docker', text: key },
    ...over,
  };
}

describe('incidents from signals', () => {
  it('links the signals of one service close in time into one incident, its evidence in time order', () => {
    const [first, ...rest] = buildIncidents(
      [
        signal('death', { startedAt: now - 10 * MIN }),
        signal('expired', { startedAt: now - 9 * MIN, evidence: { at: now - 9 * MIN, source: 'registry', text: 'key expired' }, evidenceOnly: true }),
        signal('zabbix', { startedAt: now - 8 * MIN, evidence: { at: now - 8 * MIN, source: 'zabbix', text: 'problem' } }),
        signal('other', { service: 'order_PRE', environment: 'PRE', severity: 'warning' }),
      ],
      context,
    );
    expect(first!.incident).toMatchObject({ service: 'user_PROD', production: true, state: 'open', severity: 'critical', title: 'user_PROD: death (+2 related)' });
    expect(first!.incident.evidence.map((e) => e.text)).toEqual(['death', 'key expired', 'problem']);
    expect(first!.incident.healthyReplica).toEqual({ engine: 'e1', id: 'ok1', name: 'user_PROD_1' });
    expect(rest.map((g) => g.incident.service)).toEqual(['order_PRE']);
  });

  it('keeps the first and latest lines of a long chain and counts those left out', () => {
    // A service that keeps dying every 10 s for 40 minutes: one incident of 240 deaths.
    const deaths = Array.from({ length: 240 }, (_, i) => signal(`death ${i}`, { startedAt: now - 40 * MIN + i * 10_000, evidence: { at: now - 40 * MIN + i * 10_000, source: 'docker', text: `death ${i}` } }));
    const [only, ...rest] = buildIncidents(deaths, context);
    expect(rest).toEqual([]);
    expect(only!.incident.title).toBe('user_PROD: death 0 (+239 related)');
    expect(only!.incident.evidenceOmitted).toBe(230);
    const texts = only!.incident.evidence.map((e) => e.text);
    expect(texts.slice(0, 3)).toEqual(['death 0', 'death 1', 'death 2']);
    expect(texts.slice(3)).toEqual(Array.from({ length: 7 }, (_, i) => `death ${233 + i}`));
    expect(only!.signals).toHaveLength(240);
  });

  it('starts a new incident after the link window; keeps resolved ones visible for a while, greyed', () => {
    const grouped = buildIncidents(
      [
        signal('old', { startedAt: now - 60 * MIN, active: false, resolvedAt: now - 20 * MIN }),
        signal('older', { startedAt: now - 120 * MIN, active: false, resolvedAt: now - 60 * MIN - KEEP_RESOLVED_MS }),
        signal('new', { startedAt: now - 20 * MIN + LINK_WINDOW_MS + MIN }),
      ],
      context,
    );
    expect(grouped.map((g) => [g.incident.title, g.incident.state])).toEqual([
      ['user_PROD: new', 'open'],
      ['user_PROD: old', 'resolved'],
    ]);
  });

  it('ranks open before resolved, production first, then severity', () => {
    const grouped = buildIncidents(
      [
        signal('pre-error', { service: 'a_PRE', environment: 'PRE' }),
        signal('prod-warning', { service: 'b_PROD', severity: 'warning' }),
        signal('prod-error', { service: 'c_PROD' }),
        signal('prod-resolved', { service: 'd_PROD', severity: 'critical', active: false, resolvedAt: now - MIN }),
      ],
      context,
    );
    expect(grouped.map((g) => g.incident.service)).toEqual(['c_PROD', 'b_PROD', 'a_PRE', 'd_PROD']);
  });

  it('makes no incident of evidence alone (a key that expired with nothing else wrong)', () => {
    expect(buildIncidents([signal('expired', { evidenceOnly: true })], context)).toEqual([]);
  });
});

describe('container deaths', () => {
  const die = (at: number, exitCode: string, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({
    id: `d${at}`,
    at,
    kind: 'docker',
    action: 'die',
    title: '',
    engine: 'e2',
    container: { engine: 'e2', id: 'c2', name: 'user_PROD_2' },
    service: 'user_PROD',
    environment: 'PROD',
    severity: 'error',
    details: { exitCode },
    ...extra,
  });
  const row = (state: string) => ({ engine: 'e2', id: 'c2', name: 'user_PROD_2', state }) as FleetContainer;

  it('calls four deaths in ten minutes a restart loop, with exit code, host and the last line', () => {
    const records = new Map<string, DeathRecord>();
    for (const at of [now - 9 * MIN, now - 6 * MIN, now - 3 * MIN, now - MIN]) recordDeath(records, die(at, '2'));
    const record = records.get('e2/c2')!;
    record.lastLines = ['working', 'FATAL: unrecoverable state in worker pool, aborting'];
    const signal = deathSignal(record, row('running'), now)!;
    expect(signal).toMatchObject({ severity: 'error', active: true, startedAt: now - 9 * MIN, headline: 'user_PROD_2 crash-looping (exited 2, 4 times in 8 min)' });
    expect(signal.evidence.text).toBe('user_PROD_2 on e2 exited 2, 4 times in 8 min: "FATAL: unrecoverable state in worker pool, aborting"');
    expect(signal.focus).toEqual({ container: { engine: 'e2', id: 'c2', name: 'user_PROD_2' }, at: now - MIN });
  });

  it('ignores what the console did itself; a clean stop outside it is a warning; a death long ago and running since is resolved', () => {
    const records = new Map<string, DeathRecord>();
    expect(recordDeath(records, die(now - MIN, '0', { details: { exitCode: '0', planned: 'true' } }))).toBe(false);
    expect(records.size).toBe(0);
    recordDeath(records, die(now - MIN, '0'));
    expect(deathSignal(records.get('e2/c2')!, row('running'), now)).toMatchObject({ severity: 'warning', headline: 'user_PROD_2 stopped outside the console', active: true });
    const old = new Map<string, DeathRecord>();
    recordDeath(old, die(now - 30 * MIN, '137'));
    expect(deathSignal(old.get('e2/c2')!, row('running'), now)).toMatchObject({ active: false, headline: 'user_PROD_2 exited 137 (SIGKILL)' });
    expect(deathSignal(old.get('e2/c2')!, row('exited'), now)).toMatchObject({ active: true });
  });
});

describe('the telling line', () => {
  it('picks the last fatal or error line before a death, else the last line', async () => {
    const { tellingLine } = await import('./container-deaths');
    expect(tellingLine(['a', 'ERROR boom', 'panic: runtime error', '  at x.go:1'])).toBe('panic: runtime error');
    expect(tellingLine(['a', 'FATAL: gone', 'b'])).toBe('FATAL: gone');
    expect(tellingLine(['a', 'b'])).toBe('b');
    expect(tellingLine([])).toBeUndefined();
  });
});
