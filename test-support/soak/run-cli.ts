import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dockerArgs, type EngineRef } from '../docker-cli';
import { labProfile } from '../lab';

const exec = promisify(execFile);

/** The docker CLI against one engine, without blocking the test's event loop (it also drives the pages). */
export async function dockerAsync(engine: EngineRef, ...args: string[]): Promise<string> {
  const { stdout } = await exec('docker', [...dockerArgs(engine), ...args], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

/** etcdctl (v3) against the lab cluster, without blocking. */
export async function etcdctlAsync(...args: string[]): Promise<string> {
  const endpoints = labProfile().etcd.endpoints.join(',');
  const { stdout } = await exec('etcdctl', ['--endpoints', endpoints, ...args], { env: { ...process.env, ETCDCTL_API: '3' }, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

/** The revision etcd gave a put or delete (`-w json`). */
export async function etcdWrite(...args: string[]): Promise<string> {
  const out = JSON.parse(await etcdctlAsync(...args, '-w', 'json')) as { header: { revision: number | string } };
  return String(out.header.revision);
}
