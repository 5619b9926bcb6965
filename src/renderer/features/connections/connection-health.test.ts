import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../shared/domain';
import { healthOf, peerHealth } from './connection-health';

const base: ConnectionStatus = { id: 'docker:a', kind: 'docker', name: 'a', target: 'unix:///a', state: 'connected', facts: {}, checkedAt: 10, respondedAt: 10 };

describe('peerHealth', () => {
  it('is up while checks answer, with the last answer as the data time', () => {
    expect(peerHealth(base)).toMatchObject({ down: false, notResponding: false, asOf: 10, downParts: [] });
  });

  it('is not responding after a timeout, since the first failing check, with data as of the last answer', () => {
    const frozen: ConnectionStatus = { ...base, state: 'error', error: { code: 'TIMEOUT', message: 'no answer' }, downSince: 12, checkedAt: 15 };
    expect(peerHealth(frozen)).toMatchObject({ down: true, notResponding: true, downSince: 12, asOf: 10 });
    const refused: ConnectionStatus = { ...frozen, error: { code: 'UNAVAILABLE', message: 'refused' } };
    expect(peerHealth(refused)).toMatchObject({ down: true, notResponding: false });
  });

  it('is not down for a configuration error (never checked) and lists parts that do not answer', () => {
    expect(peerHealth({ ...base, state: 'error', error: { code: 'BAD_REQUEST', message: 'bad' } }).down).toBe(false);
    const etcd: ConnectionStatus = {
      ...base,
      id: 'etcd:e',
      kind: 'etcd',
      name: 'e',
      parts: [
        { name: 'm1', target: 'm1', responding: true },
        { name: 'm2', target: 'm2', responding: false, downSince: 5 },
      ],
    };
    expect(peerHealth(etcd).downParts.map((p) => p.name)).toEqual(['m2']);
    expect(healthOf([base, etcd], 'etcd').map((h) => h.name)).toEqual(['e']);
    expect(healthOf([base, etcd], 'docker', 'b')).toEqual([]);
  });
});
