import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, facets, filterEvents, incidents, isFiltered, sanitizeFilter } from './timeline-filter';
import { ev } from './test-events';

const events = [
  ev({ id: 'die', at: 100, kind: 'docker', action: 'die', service: 'order_PRE', environment: 'PRE', engine: 'e2', container: { engine: 'e2', id: 'abc123', name: 'pre_order_1' }, severity: 'error', group: 'die', title: 'pre_order_1 died (exit 137)' }),
  ev({ id: 'exp', at: 130, kind: 'registry', action: 'lease-expiry', service: 'order_PRE', environment: 'PRE', severity: 'error', group: 'die', title: '/services/order/PRE/x expired', details: { key: '/services/order/PRE/x' } }),
  ev({ id: 'prob', at: 160, kind: 'zabbix', action: 'problem', service: 'order_PRE', environment: 'PRE', severity: 'error', group: 'die', title: 'Problem: order_PRE down' }),
  ev({ id: 'lone', at: 200, kind: 'docker', action: 'die', service: 'user_PROD', environment: 'PROD', engine: 'e1', severity: 'error', group: 'lone' }),
  ev({ id: 'audit', at: 300, kind: 'audit', action: 'restart', engine: 'e1', title: 'alice restart user_PROD', details: { user: 'alice' } }),
];

describe('filtering', () => {
  it('keeps everything with the empty filter', () => {
    expect(filterEvents(events, EMPTY_FILTER)).toHaveLength(5);
    expect(isFiltered(EMPTY_FILTER)).toBe(false);
  });

  it('narrows by environment, service, host and kind together', () => {
    expect(filterEvents(events, { ...EMPTY_FILTER, env: 'PRE' }).map((e) => e.id)).toEqual(['die', 'exp', 'prob']);
    expect(filterEvents(events, { ...EMPTY_FILTER, host: 'e1' }).map((e) => e.id)).toEqual(['lone', 'audit']);
    expect(filterEvents(events, { ...EMPTY_FILTER, host: 'e2' }).map((e) => e.id)).toEqual(['die']);
    expect(filterEvents(events, { ...EMPTY_FILTER, service: 'order_PRE', kinds: ['registry', 'zabbix'] }).map((e) => e.id)).toEqual(['exp', 'prob']);
    expect(isFiltered({ ...EMPTY_FILTER, kinds: ['docker'] })).toBe(true);
  });

  it('searches title, container, details, case-insensitively', () => {
    expect(filterEvents(events, { ...EMPTY_FILTER, text: 'PRE_ORDER' }).map((e) => e.id)).toEqual(['die']);
    expect(filterEvents(events, { ...EMPTY_FILTER, text: 'alice' }).map((e) => e.id)).toEqual(['audit']);
    expect(filterEvents(events, { ...EMPTY_FILTER, text: '/services/order' }).map((e) => e.id)).toEqual(['exp']);
  });

  it('filters to one incident', () => {
    expect(filterEvents(events, { ...EMPTY_FILTER, group: 'die' }).map((e) => e.id)).toEqual(['die', 'exp', 'prob']);
  });

  it('reads back a stored filter safely', () => {
    expect(sanitizeFilter(null)).toEqual(EMPTY_FILTER);
    expect(sanitizeFilter({ kinds: ['zabbix', 'bogus'], text: 3, env: 'PRE' })).toEqual({ ...EMPTY_FILTER, kinds: ['zabbix'], env: 'PRE' });
  });
});

describe('facets and incidents', () => {
  it('offers the environments, services and hosts seen', () => {
    const f = facets(events);
    expect(f.envs).toEqual(['PRE', 'PROD']);
    expect(f.services).toEqual(['order_PRE', 'user_PROD']);
    expect(f.hosts).toEqual(['e1', 'e2']);
    expect(f.kindCounts).toEqual({ docker: 2, registry: 1, zabbix: 1, audit: 1 });
  });

  it('counts a group as an incident once it links two events, numbered by start', () => {
    const found = incidents(events);
    expect([...found.keys()]).toEqual(['die']);
    const incident = found.get('die')!;
    expect(incident).toMatchObject({ number: 1, start: 100, end: 160, count: 3, service: 'order_PRE', kinds: ['docker', 'registry', 'zabbix'] });
    expect(incident.first.id).toBe('die');
    const more = incidents([...events, ev({ id: 'x', at: 210, group: 'lone' })]);
    expect([...more.values()].map((i) => [i.id, i.number, i.color])).toEqual([['die', 1, 0], ['lone', 2, 1]]);
  });
});
