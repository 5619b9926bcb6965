import type { StatsSample } from '../../../shared/domain';

/** The parts of Docker's stats JSON that `docker stats` reads. */
export interface DockerStatsJson {
  read?: string;
  cpu_stats?: { cpu_usage?: { total_usage?: number; percpu_usage?: number[] }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: Array<{ op?: string; value?: number }> | null };
  pids_stats?: { current?: number };
}

/** CPU %, memory and I/O computed exactly as the docker CLI computes them. */
export function toStatsSample(engine: string, id: string, s: DockerStatsJson): StatsSample {
  const cpuDelta = (s.cpu_stats?.cpu_usage?.total_usage ?? 0) - (s.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (s.cpu_stats?.system_cpu_usage ?? 0) - (s.precpu_stats?.system_cpu_usage ?? 0);
  const cpus = s.cpu_stats?.online_cpus || s.cpu_stats?.cpu_usage?.percpu_usage?.length || 1;
  const cpuPercent = systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;

  const usage = s.memory_stats?.usage ?? 0;
  const stats = s.memory_stats?.stats ?? {};
  // cgroup v1 reports total_inactive_file, v2 inactive_file; docker subtracts it as page cache.
  const cache = stats.total_inactive_file ?? stats.inactive_file ?? 0;
  const memUsed = cache < usage ? usage - cache : usage;
  const memLimit = s.memory_stats?.limit ?? 0;

  let netRx = 0;
  let netTx = 0;
  for (const net of Object.values(s.networks ?? {})) {
    netRx += net.rx_bytes ?? 0;
    netTx += net.tx_bytes ?? 0;
  }
  let blkRead = 0;
  let blkWrite = 0;
  for (const entry of s.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = entry.op?.toLowerCase();
    if (op === 'read') blkRead += entry.value ?? 0;
    if (op === 'write') blkWrite += entry.value ?? 0;
  }
  const t = s.read && !s.read.startsWith('0001-') ? Date.parse(s.read) : Date.now();
  return {
    engine,
    id,
    t: Number.isFinite(t) ? t : Date.now(),
    cpuPercent: round(cpuPercent),
    memUsed,
    memLimit,
    memPercent: memLimit > 0 ? round((memUsed / memLimit) * 100) : 0,
    netRx,
    netTx,
    blkRead,
    blkWrite,
    pids: s.pids_stats?.current ?? 0,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
