import { describe, expect, it } from 'vitest';
import { TimelineStore } from './timeline-store';
import { ev } from './test-events';

const ids = (store: TimelineStore) => store.events.map((e) => e.id);

describe('TimelineStore', () => {
  it('keeps the first batch in time order', () => {
    const store = new TimelineStore();
    expect(store.apply([ev({ id: 'b', at: 20 }), ev({ id: 'a', at: 10 }), ev({ id: 'c', at: 30 })])).toBe(true);
    expect(ids(store)).toEqual(['a', 'b', 'c']);
    expect(store.latestAt).toBe(30);
  });

  it('upserts by id: an update replaces the event (its group changes) and adds no row', () => {
    const store = new TimelineStore();
    store.apply([ev({ id: 'die', at: 10 }), ev({ id: 'exp', at: 20 })]);
    const before = store.events;
    expect(store.apply([ev({ id: 'exp', at: 20, group: 'die' }), ev({ id: 'die', at: 10, group: 'die' })])).toBe(true);
    expect(store.events).not.toBe(before);
    expect(ids(store)).toEqual(['die', 'exp']);
    expect(store.events.map((e) => e.group)).toEqual(['die', 'die']);
    expect(store.size).toBe(2);
  });

  it('reports no change for a batch it already holds (a resumed stream repeats)', () => {
    const store = new TimelineStore();
    store.apply([ev({ id: 'a', at: 10, details: { x: '1' } })]);
    const before = store.events;
    expect(store.apply([ev({ id: 'a', at: 10, details: { x: '1' } })])).toBe(false);
    expect(store.events).toBe(before);
  });

  it('places late and moved events in order', () => {
    const store = new TimelineStore();
    store.apply([ev({ id: 'a', at: 10 }), ev({ id: 'c', at: 30 })]);
    store.apply([ev({ id: 'b', at: 20 })]);
    expect(ids(store)).toEqual(['a', 'b', 'c']);
    store.apply([ev({ id: 'a', at: 40 })]);
    expect(ids(store)).toEqual(['b', 'c', 'a']);
  });

  it('drops the oldest beyond its bound', () => {
    const store = new TimelineStore(3);
    store.apply([1, 2, 3, 4, 5].map((n) => ev({ id: `e${n}`, at: n })));
    expect(ids(store)).toEqual(['e3', 'e4', 'e5']);
    expect(store.get('e1')).toBeUndefined();
    store.apply([ev({ id: 'e1', at: 1 })]);
    expect(ids(store)).toEqual(['e3', 'e4', 'e5']);
  });
});
