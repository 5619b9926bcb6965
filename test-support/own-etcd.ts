import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/** An etcd cluster of a test's own (three members unless told), on free loopback ports in a temp dir (never the lab's). */
export interface OwnEtcd {
  endpoints: string[];
  /** Member process ids, in endpoint order. */
  pids: number[];
  /** The endpoint and pid of the current leader. */
  leader(): { endpoint: string; pid: number };
  /** etcdctl (v3) against the members, excluding any endpoint given (a frozen one). */
  etcdctl(args: string[], without?: string): string;
  /** The cluster's current revision (as etcd says it, a decimal string). */
  revision(): string;
  stop(): Promise<void>;
}


export async function startOwnEtcd(options: { members?: number } = {}): Promise<OwnEtcd> {
  const dir = mkdtempSync(join(tmpdir(), 'ops-etcd-'));
  const ports: Array<{ client: number; peer: number }> = [];
  for (let i = 0; i < (options.members ?? 3); i++) ports.push({ client: await freePort(), peer: await freePort() });
  const endpoints = ports.map((p) => `http://127.0.0.1:${p.client}`);
  const cluster = ports.map((p, i) => `t${i}=http://127.0.0.1:${p.peer}`).join(',');
  const children: ChildProcess[] = ports.map((p, i) =>
    spawn('etcd', [
      '--name', `t${i}`, '--data-dir', join(dir, `t${i}`),
      '--listen-client-urls', endpoints[i]!, '--advertise-client-urls', endpoints[i]!,
      '--listen-peer-urls', `http://127.0.0.1:${p.peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${p.peer}`,
      '--initial-cluster', cluster, '--initial-cluster-state', 'new', '--initial-cluster-token', `ops-test-${process.pid}`,
      '--log-level', 'error',
    ], { stdio: 'ignore' }),
  );
  const etcdctl = (args: string[], without?: string) =>
    execFileSync('etcdctl', ['--endpoints', endpoints.filter((e) => e !== without).join(','), '--dial-timeout', '2s', '--command-timeout', '5s', ...args], {
      encoding: 'utf8',
      env: { ...process.env, ETCDCTL_API: '3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  const leader = () => {
    const statuses = JSON.parse(etcdctl(['endpoint', 'status', '-w', 'json'])) as Array<{ Endpoint: string; Status: { header: { member_id: number }; leader: number } }>;
    const found = statuses.find((s) => s.Status.header.member_id === s.Status.leader);
    if (!found) throw new Error('no etcd leader');
    return { endpoint: found.Endpoint, pid: children[endpoints.indexOf(found.Endpoint)]!.pid! };
  };
  const revision = () => (JSON.parse(etcdctl(['endpoint', 'status', '-w', 'json'])) as Array<{ Status: { header: { revision: number | string } } }>)[0]!.Status.header.revision.toString();
  const stop = async () => {
    for (const child of children) {
      try {
        child.kill('SIGCONT');
      } catch {
        // gone
      }
      child.kill('SIGKILL');
    }
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      leader();
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`own etcd cluster did not start: ${(error as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  return { endpoints, pids: children.map((c) => c.pid!), leader, etcdctl, revision, stop };
}
