import { describe, expect, it } from 'vitest';
import type { RegistryKey } from '../../../shared/domain';
import { applyKeyEvents, INITIAL_KEYS } from './keys-state';

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
});
