import { describe, expect, it } from 'vitest';
import type { EtcdCluster } from '../../connectors/etcd/etcd-cluster';
import { expiredAt, LeaseTracker } from './lease-tracker';

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

  it('keeps when a lease was due to run out when the next reading finds it gone long after (the console slept)', () => {
    const tracker = new LeaseTracker({} as EtcdCluster);
    tracker.observe('7', 20, 20, 1_000);
    tracker.observe('7', 19, 20, 2_000);
    // The console sleeps for a minute; on waking etcd says the lease is gone.
    tracker.observe('7', -1, 20, 62_000);
    expect(tracker.get('7')!.runsOutAt).toBe(21_000);
    expect(expiredAt(62_500, tracker.get('7'))).toBe(21_000);
  });

  it('dates an expiry when it was seen if nothing earlier is known, or if the lease was due later', () => {
    const tracker = new LeaseTracker({} as EtcdCluster);
    tracker.observe('8', -1, 10, 5_000);
    expect(tracker.get('8')!.runsOutAt).toBeUndefined();
    expect(expiredAt(5_100, tracker.get('8'))).toBe(5_100);
    expect(expiredAt(5_100, undefined)).toBe(5_100);
    tracker.observe('9', 10, 10, 5_000);
    expect(expiredAt(5_100, tracker.get('9'))).toBe(5_100);
  });
});
