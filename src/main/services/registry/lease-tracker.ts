import type { EtcdCluster } from '../../connectors/etcd/etcd-cluster';

export interface LeaseInfo {
  ttl: number;
  grantedTtl: number;
  /** Mean seconds between observed refreshes, and their standard deviation. */
  refreshInterval?: number;
  refreshJitter?: number;
  checkedAt: number;
  /**
   * When the lease runs out unless refreshed, from the last reading that found it alive. A
   * reading that finds it gone keeps it: after the console slept (or lost etcd for a while),
   * that is when it expired, not the moment the console noticed.
   */
  runsOutAt?: number;
}

/**
 * When a lease that is gone expired: when its last reading said it would run out, if that is
 * earlier than the moment the deletion was seen (etcd's events carry no time), else then.
 */
export function expiredAt(seenAt: number, lease: Pick<LeaseInfo, 'runsOutAt'> | undefined): number {
  const runsOutAt = lease?.runsOutAt;
  return runsOutAt !== undefined && runsOutAt < seenAt ? runsOutAt : seenAt;
}

interface Track {
  info?: LeaseInfo;
  refreshes: number[];
}

/**
 * Reads each lease's remaining TTL once a second while someone watches (etcd sends no TTL
 * events), and infers when the holder refreshed it: the TTL went up instead of down.
 */
export class LeaseTracker {
  private readonly tracks = new Map<string, Track>();

  constructor(private readonly etcd: EtcdCluster) {}

  get(lease: string): LeaseInfo | undefined {
    return this.tracks.get(lease)?.info;
  }

  /** Checks the given leases now; forgets leases no longer in use. */
  async refresh(leases: Set<string>): Promise<void> {
    for (const id of this.tracks.keys()) if (!leases.has(id)) this.tracks.delete(id);
    await Promise.all(
      [...leases].map(async (id) => {
        if (id === '0') return;
        try {
          const answer = await this.etcd.leaseTimeToLive(id);
          this.observe(id, answer.ttl, answer.grantedTtl, Date.now());
        } catch {
          // keep the last reading; the drift view says when it gets old
        }
      }),
    );
  }

  /** Records one reading (exported for tests of the inference). */
  observe(id: string, ttl: number, grantedTtl: number, now: number): void {
    const track = this.tracks.get(id) ?? { refreshes: [] };
    const previous = track.info;
    // TTLs are whole seconds counting down: a reading higher than the last one means the
    // holder refreshed the lease in between.
    if (previous && ttl > previous.ttl) {
      track.refreshes.push(now);
      if (track.refreshes.length > 20) track.refreshes.shift();
    }
    const gaps = track.refreshes.slice(1).map((t, i) => (t - track.refreshes[i]!) / 1000);
    const sorted = [...gaps].sort((a, b) => a - b);
    // The median resists a refresh we missed between two readings.
    const median = sorted.length ? sorted[Math.floor(sorted.length / 2)]! : undefined;
    const spread = median !== undefined && gaps.length > 1 ? gaps.reduce((a, g) => a + Math.abs(g - median), 0) / gaps.length : undefined;
    const runsOutAt = ttl > 0 ? now + ttl * 1000 : previous?.runsOutAt !== undefined ? Math.min(previous.runsOutAt, now) : undefined;
    track.info = {
      ttl,
      grantedTtl,
      refreshInterval: median === undefined ? undefined : Math.round(median * 10) / 10,
      refreshJitter: spread === undefined ? undefined : Math.round(spread * 10) / 10,
      checkedAt: now,
      runsOutAt,
    };
    this.tracks.set(id, track);
  }
}
