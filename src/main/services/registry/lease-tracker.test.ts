import { describe, expect, it } from 'vitest';
import type { EtcdCluster } from '../../connectors/etcd/etcd-cluster';
import { LeaseTracker } from './lease-tracker';

describe('LeaseTracker', () => {
  it('infers a 3 s heartbeat from TTL readings once a second, even with a missed refresh', () => {
    const tracker = new LeaseTracker({} as EtcdCluster);
    // TTL 10, refreshed every 3 s, read every second: 10 9 8 10 9 8 10 ... (one refresh read late)
    const readings = [10, 9, 8, 10, 9, 8, 10, 9, 8, 7, 10, 9, 8, 10, 9, 8, 10];
    readings.forEach((ttl, i) => tracker.observe('1', ttl, 10, i * 1000));
    const info = tracker.get('1')!;
    expect(info.refreshInterval).toBe(3);
    expect(info.refreshJitter).toBeLessThan(1);
    expect(info.ttl).toBe(10);
  });
});
