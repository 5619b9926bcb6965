import { describe, expect, it } from 'vitest';
import { toStatsSample } from './docker-stats';

describe('toStatsSample', () => {
  it('computes CPU % and memory as docker stats does (cgroup v2)', () => {
    const sample = toStatsSample('e', 'c', {
      read: '2026-11-24T18:00:00.000Z',
      cpu_stats: { cpu_usage: { total_usage: 2_000_000 }, system_cpu_usage: 20_000_000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 1_000_000 }, system_cpu_usage: 10_000_000 },
      memory_stats: { usage: 10_000, limit: 100_000, stats: { inactive_file: 2_000 } },
      networks: { eth0: { rx_bytes: 5, tx_bytes: 7 } },
      blkio_stats: { io_service_bytes_recursive: [{ op: 'read', value: 11 }, { op: 'write', value: 13 }, { op: 'Read', value: 1 }] },
      pids_stats: { current: 3 },
    });
    expect(sample).toMatchObject({ cpuPercent: 20, memUsed: 8_000, memLimit: 100_000, memPercent: 8, netRx: 5, netTx: 7, blkRead: 12, blkWrite: 13, pids: 3 });
    expect(sample.t).toBe(Date.parse('2026-11-24T18:00:00.000Z'));
  });
  it('uses total_inactive_file on cgroup v1 and survives an empty first sample', () => {
    expect(toStatsSample('e', 'c', { memory_stats: { usage: 500, limit: 1000, stats: { total_inactive_file: 100 } } }).memUsed).toBe(400);
    expect(toStatsSample('e', 'c', {})).toMatchObject({ cpuPercent: 0, memUsed: 0, memPercent: 0, pids: 0 });
  });
});
