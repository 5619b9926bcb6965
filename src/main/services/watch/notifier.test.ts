import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Incident, IncidentNotification, WatchView } from '../../../shared/domain';
import { DEFAULT_NOTIFICATION_RULES } from '../../../shared/domain';
import { Notifier, shouldNotify } from './notifier';

const now = Date.now();
const incident = (over: Partial<Incident> = {}): Incident => ({
  id: 'i1', state: 'open', severity: 'error', service: 'user_PROD', environment: 'PROD', production: true, title: 'user_PROD: x died', evidence: [{ at: now, source: 'docker', text: 'x on e1 exited 2' }], startedAt: now, updatedAt: now, ...over,
});
const view = (incidents: Incident[]): WatchView => ({ at: now, incidents, containers: {}, services: {}, watching: { engines: 2, enginesUp: 2, containers: 3, services: 1, etcd: 'live', zabbix: 'live' } });

describe('notifications', () => {
  it('follow the rules: production by default, from Error, not while snoozed', () => {
    const prod = ['PROD'];
    expect(shouldNotify(incident(), DEFAULT_NOTIFICATION_RULES, prod, now)).toBe(true);
    expect(shouldNotify(incident({ environment: 'PRE', production: false }), DEFAULT_NOTIFICATION_RULES, prod, now)).toBe(false);
    expect(shouldNotify(incident({ environment: 'PRE' }), { ...DEFAULT_NOTIFICATION_RULES, environments: 'all' }, prod, now)).toBe(true);
    expect(shouldNotify(incident({ severity: 'warning' }), DEFAULT_NOTIFICATION_RULES, prod, now)).toBe(false);
    expect(shouldNotify(incident(), { ...DEFAULT_NOTIFICATION_RULES, snoozed: { user_PROD: now + 60_000 } }, prod, now)).toBe(false);
    expect(shouldNotify(incident({ environment: undefined, service: undefined }), DEFAULT_NOTIFICATION_RULES, prod, now)).toBe(true);
  });

  it('notifies a new or worse incident once, not those open when the console started, and replays the last ones to a late window', () => {
    const notifier = new Notifier(join(mkdtempSync(join(tmpdir(), 'notify-')), 'n.json'), () => ['PROD']);
    const seen: IncidentNotification[] = [];
    notifier.onNotification((n) => seen.push(n));
    notifier.onView(view([incident({ id: 'old' })]));
    notifier.onView(view([incident({ id: 'old' }), incident({ id: 'new' })]));
    notifier.onView(view([incident({ id: 'old' }), incident({ id: 'new' })]));
    notifier.onView(view([incident({ id: 'old', severity: 'critical' }), incident({ id: 'new' })]));
    expect(seen.map((n) => [n.incident, n.severity])).toEqual([['new', 'error'], ['old', 'critical']]);
    expect(seen[0]!.body).toBe('x on e1 exited 2');
    const late: IncidentNotification[] = [];
    notifier.onNotification((n) => late.push(n));
    expect(late.map((n) => n.incident)).toEqual(['new', 'old']);
  });
});
