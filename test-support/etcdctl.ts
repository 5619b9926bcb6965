import { execFileSync } from 'node:child_process';
import { labProfile } from './lab';

function run(args: string[], input?: string | Buffer): string {
  const endpoints = labProfile().etcd.endpoints.join(',');
  return execFileSync('etcdctl', ['--endpoints', endpoints, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ETCDCTL_API: '3' },
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    maxBuffer: 512 * 1024 * 1024,
  }).trim();
}

/** etcdctl (v3 API) against the lab cluster: the reference the console must equal. */
export function etcdctl(...args: string[]): string {
  return run(args);
}

/** `etcdctl put key` with the value on stdin, so binary and very large values go in as they are. */
export function etcdPut(key: string, value: string | Buffer): void {
  run(['put', key], value);
}

/** `etcdctl get --prefix` as a key -> value map (read as JSON, so multi-line and binary values pair up right). */
export function etcdGetPrefix(prefix: string): Map<string, string> {
  const json = JSON.parse(etcdctl('get', '--prefix', prefix, '-w', 'json')) as { kvs?: Array<{ key: string; value?: string }> };
  const map = new Map<string, string>();
  for (const kv of json.kvs ?? []) map.set(Buffer.from(kv.key, 'base64').toString('utf8'), Buffer.from(kv.value ?? '', 'base64').toString('utf8'));
  return map;
}
