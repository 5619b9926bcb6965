import { execFileSync } from 'node:child_process';
import { labProfile } from './lab-profile';

/** etcdctl (v3 API) against the lab cluster: the reference the console must equal. */
export function etcdctl(...args: string[]): string {
  const endpoints = labProfile().etcd.endpoints.join(',');
  return execFileSync('etcdctl', ['--endpoints', endpoints, ...args], { encoding: 'utf8', env: { ...process.env, ETCDCTL_API: '3' }, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** `etcdctl get --prefix` as a key -> value map. */
export function etcdGetPrefix(prefix: string): Map<string, string> {
  const lines = etcdctl('get', '--prefix', prefix).split('\n');
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < lines.length; i += 2) map.set(lines[i]!, lines[i + 1]!);
  return map;
}
