import { describe, expect, it } from 'vitest';
import type { RegistryKey } from '../../../shared/domain';
import { applyKeyEvents, dismissedUntil, INITIAL_KEYS, resyncNotice } from './keys-state';

const key = (name: string, value = 'v', modRevision = '1'): RegistryKey => ({
  key: name,
  value,
  valueKind: 'text',
  size: value.length,
  truncated: false,
  createRevision: '1',
  modRevision,
  version: '1',
  lease: '0',
});

describe('the key store of the Keys tab', () => {
  it('takes a snapshot, then puts and deletes, remembering deletions', () => {
    let state = applyKeyEvents(INITIAL_KEYS, [{ kind: 'snapshot', revision: '10', keys: [key('/a'), key('/b')], resync: 'initial' }]);
    expect(state.state).toBe('live');
    expect(state.resync).toBeUndefined();
    expect([...state.keys.keys()]).toEqual(['/a', '/b']);
    const before = state;
    state = applyKeyEvents(state, [
      { kind: 'put', revision: '11', key: key('/c', 'new', '11') },
      { kind: 'delete', revision: '12', key: '/a', lease: '0' },
    ]);
    expect(before.keys.has('/c')).toBe(false);
    expect([...state.keys.keys()].sort()).toEqual(['/b', '/c']);
    expect(state.revision).toBe('12');
    expect(state.deleted.get('/a')).toBe('12');
    state = applyKeyEvents(state, [{ kind: 'put', revision: '13', key: key('/a') }]);
    expect(state.deleted.has('/a')).toBe(false);
  });

  it('says when the tree was read again after a compaction or reconnect, and while the watch is broken', () => {
    let state = applyKeyEvents(INITIAL_KEYS, [{ kind: 'snapshot', revision: '10', keys: [key('/a'), key('/b')], resync: 'initial' }]);
    state = applyKeyEvents(state, [{ kind: 'state', state: 'reconnecting', error: { code: 'UNAVAILABLE', message: 'etcd is down' } }]);
    expect(state).toMatchObject({ state: 'reconnecting', error: 'etcd is down' });
    state = applyKeyEvents(state, [{ kind: 'snapshot', revision: '20', keys: [key('/b')], resync: 'compacted' }], 1234);
    expect(state).toMatchObject({ state: 'live', error: undefined, revision: '20', resync: { reason: 'compacted', revision: '20', at: 1234 } });
    expect(state.deleted.get('/a')).toBe('20');
    // Subscribing again after the stream broke also reads everything again.
    state = applyKeyEvents(state, [{ kind: 'snapshot', revision: '25', keys: [key('/b')], resync: 'initial' }], 5678);
    expect(state.resync).toEqual({ reason: 'reconnected', revision: '25', at: 5678 });
  });

  it('keeps a compacted re-read to tell, even one made before subscribing or followed by a reconnect, until dismissed', () => {
    // Subscribed after the compacted re-read: the first snapshot says so.
    let state = applyKeyEvents(INITIAL_KEYS, [{ kind: 'snapshot', revision: '30', keys: [key('/b')], resync: 'initial', at: 900, lastCompacted: { revision: '20', at: 800 } }], 1000);
    expect(resyncNotice(state)).toEqual({ reason: 'compacted', revision: '20', at: 800 });
    // A later plain reconnect does not hide it.
    state = applyKeyEvents(state, [{ kind: 'snapshot', revision: '31', keys: [key('/b')], resync: 'reconnected', at: 1100, lastCompacted: { revision: '20', at: 800 } }], 1200);
    expect(state.resync).toEqual({ reason: 'reconnected', revision: '31', at: 1100 });
    expect(resyncNotice(state)).toEqual({ reason: 'compacted', revision: '20', at: 800 });
    // Dismissed: both are hidden; a newer compacted re-read shows again, with the main side's time.
    const dismissed = dismissedUntil(state);
    expect(resyncNotice(state, dismissed)).toBeUndefined();
    state = applyKeyEvents(state, [{ kind: 'snapshot', revision: '40', keys: [], resync: 'compacted', at: 1500 }], 1600);
    expect(resyncNotice(state, dismissed)).toEqual({ reason: 'compacted', revision: '40', at: 1500 });
    // Only a reconnect since the dismissal: that one is told.
    state = applyKeyEvents(state, [{ kind: 'snapshot', revision: '41', keys: [], resync: 'reconnected', at: 1700 }], 1800);
    expect(resyncNotice(state, 1500)).toEqual({ reason: 'reconnected', revision: '41', at: 1700 });
  });
});
