import { describe, expect, it } from 'vitest';
import type { FleetContainer, StatsSample } from '../../../shared/domain';
import type { FleetService } from '../fleet/fleet-service';
import type { StatsService } from './stats-service';
import { StatsHistory } from './stats-history';

/** Our own fleet and stats services stood in for (the unit under test is the history's bookkeeping, not Docker). */
function standIns() {
  let rows: Array<Pick<FleetContainer, 'engine' | 'id' | 'name' | 'state'>> = [];
  let onFleet = () => {};
  const sinks = new Map<string, (sample: StatsSample) => void>();
  const fleet = {
    subscribe: (listener: () => void) => {
      onFleet = listener;
      return () => {};
    },
    feed: () => ({ list: () => rows }),
  } as unknown as FleetService;
  const stats = {
    watch: (refs: Array<{ engine: string; id: string }>, onSample: (sample: StatsSample) => void) => {
      sinks.set(refs[0]!.id, onSample);
      return () => sinks.delete(refs[0]!.id);
    },
  } as unknown as StatsService;
  return {
    fleet,
    stats,
    setRunning(ids: string[]) {
      rows = ids.map((id) => ({ engine: 'e', id, name: `c-${id}`, state: 'running' }));
      onFleet();
    },
    sample(id: string, t: number) {
      sinks.get(id)?.({ engine: 'e', id, t, cpuPercent: 1, memUsed: 1, memLimit: 2, memPercent: 50, netRx: 0, netTx: 0, blkRead: 0, blkWrite: 0, pids: 1 } as StatsSample);
    },
  };
}

describe('StatsHistory', () => {
  it('keeps the history of gone containers, but only the most recent ones past the bound', async () => {
    const s = standIns();
    const history = new StatsHistory(s.fleet, s.stats, { everyMs: 0, keepMs: 3600_000, keepGone: 2 }, () => ['e']);
    history.start();
    const now = Date.now();
    for (let i = 0; i < 5; i++) {
      s.setRunning([`c${i}`]);
      await new Promise((r) => setTimeout(r, 520)); // the fleet change is folded for 500 ms
      s.sample(`c${i}`, now + i);
    }
    s.setRunning([]);
    await new Promise((r) => setTimeout(r, 520));
    const names = history.query(0, now + 100).containers.map((c) => c.id).sort();
    expect(names).toEqual(['c3', 'c4']);
    history.close();
  }, 20_000);
});
