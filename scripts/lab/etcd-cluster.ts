// A three-member etcd cluster on loopback: n1..n3, client ports 2i379, peer ports 2i380.
import fs from 'node:fs';
import { LOOPBACK, PORTS, type LabPaths } from './paths.js';
import { Fatal, assertPortsFree, isAlive, livePid, say, secs, spawnDaemon, stopPid, tailFile, waitFor } from './proc.js';

export const ETCD_MEMBERS = [1, 2, 3] as const;

export function etcdClientUrl(i: number): string {
  return `http://${LOOPBACK}:${PORTS.etcdClient[i - 1]}`;
}
function peerUrl(i: number): string {
  return `http://${LOOPBACK}:${PORTS.etcdPeer[i - 1]}`;
}
export function etcdEndpoints(): string[] {
  return ETCD_MEMBERS.map(etcdClientUrl);
}

/** True if the member answers GET /health with health "true". */
export async function memberHealthy(i: number): Promise<boolean> {
  try {
    const res = await fetch(`${etcdClientUrl(i)}/health`, { signal: AbortSignal.timeout(1500) });
    const body = (await res.json()) as { health?: string };
    return body.health === 'true';
  } catch {
    return false;
  }
}

function etcdArgs(p: LabPaths, i: number): string[] {
  const cluster = ETCD_MEMBERS.map((j) => `n${j}=${peerUrl(j)}`).join(',');
  return [
    '--name', `n${i}`,
    '--data-dir', p.etcdMember(i).dataDir,
    '--listen-client-urls', etcdClientUrl(i),
    '--advertise-client-urls', etcdClientUrl(i),
    '--listen-peer-urls', peerUrl(i),
    '--initial-advertise-peer-urls', peerUrl(i),
    '--initial-cluster', cluster,
    '--initial-cluster-state', 'new',
    '--initial-cluster-token', 'ops-lab',
    '--logger', 'zap',
    '--log-outputs', 'stderr',
    '--auto-compaction-mode', 'periodic',
    '--auto-compaction-retention', '1h',
  ];
}

/** Start the members that are not running and wait until all three are healthy. Returns member pids. */
export async function ensureEtcd(p: LabPaths): Promise<number[]> {
  const t0 = Date.now();
  let started = 0;
  const pids = ETCD_MEMBERS.map((i) => {
    const m = p.etcdMember(i);
    const pid = livePid(m.pidFile, 'etcd');
    if (pid !== null) return pid;
    assertPortsFree(`etcd n${i}`, [PORTS.etcdClient[i - 1]!, PORTS.etcdPeer[i - 1]!]);
    fs.mkdirSync(m.root, { recursive: true });
    started++;
    return spawnDaemon({ cmd: 'etcd', args: etcdArgs(p, i), logFile: m.logFile, pidFile: m.pidFile });
  });
  await waitFor('etcd cluster health', async () => {
    for (const i of ETCD_MEMBERS) {
      if (!isAlive(pids[i - 1] ?? null)) throw new Fatal(`etcd n${i} exited; log:\n${tailFile(p.etcdMember(i).logFile, 5)}`);
    }
    const health = await Promise.all(ETCD_MEMBERS.map(memberHealthy));
    return health.every(Boolean);
  }, 30000, 250);
  if (started > 0) say('etcd', `3 members healthy on ${PORTS.etcdClient.join('/')} (${started} started, ${secs(t0)})`);
  return pids;
}

/** One member after the other: stopping all at once makes the leader wait ~7 s for peers that are leaving. */
export async function stopEtcd(p: LabPaths): Promise<void> {
  for (const i of ETCD_MEMBERS) {
    const pid = livePid(p.etcdMember(i).pidFile, 'etcd');
    if (pid === null) continue;
    const how = await stopPid(pid, { timeoutMs: 10000 });
    say('etcd', `n${i} ${how} (pid ${pid})`);
  }
}
