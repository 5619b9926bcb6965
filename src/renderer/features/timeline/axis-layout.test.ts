import { describe, expect, it } from 'vitest';
import { layoutAxis } from './axis-layout';
import { ev } from './test-events';

const window = { from: 0, to: 1000 };

describe('axis layout', () => {
  it('puts each event on its lane at its time, outside the window nothing', () => {
    const layout = layoutAxis(
      [ev({ id: 'a', at: -5 }), ev({ id: 'b', at: 100, kind: 'registry' }), ev({ id: 'c', at: 500, kind: 'audit' }), ev({ id: 'd', at: 2000 })],
      window,
      500,
      new Set(),
    );
    expect(layout.shown).toBe(2);
    expect(layout.markers.map((m) => [m.event.id, m.x, m.lane])).toEqual([
      ['b', 50, 1],
      ['c', 250, 3],
    ]);
  });

  it('merges events on the same pixels of a lane and draws errors last', () => {
    const events = Array.from({ length: 5000 }, (_, i) => ev({ id: `e${i}`, at: i / 5 }));
    events.push(ev({ id: 'err', at: 10, severity: 'error' }));
    events.sort((a, b) => a.at - b.at);
    const layout = layoutAxis(events, window, 500, new Set());
    expect(layout.shown).toBe(5001);
    expect(layout.markers.length).toBeLessThan(300);
    expect(layout.markers.reduce((n, m) => n + m.count, 0)).toBe(5001);
    expect(layout.markers[layout.markers.length - 1]!.event.id).toBe('err');
  });

  it('links the markers of an incident in time order across lanes', () => {
    const layout = layoutAxis(
      [
        ev({ id: 'die', at: 100, group: 'die', severity: 'error' }),
        ev({ id: 'exp', at: 200, kind: 'registry', group: 'die', severity: 'error' }),
        ev({ id: 'prob', at: 300, kind: 'zabbix', group: 'die', severity: 'error' }),
        ev({ id: 'lone', at: 400, group: 'lone' }),
      ],
      window,
      1000,
      new Set(['die']),
    );
    expect(layout.links).toEqual([{ group: 'die', x1: 100, x2: 300, points: [[100, 0], [200, 1], [300, 2]] }]);
    expect(layout.markers.find((m) => m.event.id === 'lone')!.group).toBeUndefined();
  });
});
