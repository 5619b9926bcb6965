import { execFileSync, spawnSync } from 'node:child_process';

export interface EngineRef {
  name: string;
  host: string;
  tls?: { ca: string; cert: string; key: string };
}

type EngineAddress = Pick<EngineRef, 'host' | 'tls'>;

/** The docker CLI arguments that reach an engine (-H, and the TLS files if it has them). */
export function dockerArgs(engine: EngineAddress): string[] {
  const args = ['-H', engine.host];
  if (engine.tls) args.push('--tlsverify', '--tlscacert', engine.tls.ca, '--tlscert', engine.tls.cert, '--tlskey', engine.tls.key);
  return args;
}

/** Runs the docker CLI (Debian's, matching the lab daemons) against one engine. */
export function docker(engine: EngineAddress, ...args: string[]): string {
  return execFileSync('/usr/bin/docker', [...dockerArgs(engine), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Removes containers by name or id, whether running or not; those already gone are skipped. */
export function removeContainers(engine: EngineAddress, names: Iterable<string>): void {
  for (const name of names) {
    try {
      docker(engine, 'rm', '-f', name);
    } catch {
      // already gone
    }
  }
}

/** docker ps -a as {name, id, state}: the reference the console must equal. */
export function dockerPs(engine: EngineAddress): Array<{ id: string; name: string; state: string; service: string }> {
  return docker(engine, 'ps', '-a', '--no-trunc', '--format', '{{.ID}}\t{{.Names}}\t{{.State}}\t{{.Label "com.docker.compose.service"}}')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id = '', name = '', state = '', service = ''] = line.split('\t');
      return { id, name, state, service };
    });
}

/** Copies the lab image to another engine (docker save | docker load). */
export function copyImage(from: EngineAddress, to: Pick<EngineRef, 'host'>, image: string): void {
  const saved = execFileSync('/usr/bin/docker', [...dockerArgs(from), 'save', image], { maxBuffer: 512 * 1024 * 1024 });
  execFileSync('/usr/bin/docker', [...dockerArgs(to), 'load'], { input: saved, stdio: ['pipe', 'ignore', 'pipe'] });
}

/** Both streams of a docker CLI command (docker logs writes the container's stderr to its own). */
export function dockerBoth(engine: EngineAddress, ...args: string[]): { stdout: string; stderr: string } {
  const run = spawnSync('/usr/bin/docker', [...dockerArgs(engine), ...args], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`docker ${args.join(' ')} failed: ${run.stderr}`);
  return { stdout: run.stdout, stderr: run.stderr };
}

/** `docker inspect` of one container or image, as Docker's JSON. */
export function dockerInspect<T = Record<string, unknown>>(engine: EngineAddress, target: string): T {
  const [first] = JSON.parse(docker(engine, 'inspect', target)) as T[];
  if (!first) throw new Error(`docker inspect ${target}: nothing`);
  return first;
}

const UNITS: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 };

/** "800KiB", "64MiB", "1.5kB", "0B" (the docker CLI's sizes; the console's "64.0 MiB" too) in bytes. */
export function parseDockerSize(text: string): number {
  const [, value, unit = ''] = /^([\d.]+)\s*([kKMGT]?i?B)$/.exec(text.trim()) ?? [];
  const factor = UNITS[unit];
  if (value === undefined || factor === undefined) throw new Error(`not a size: ${text}`);
  return Number(value) * factor;
}

/** `docker stats --no-stream` of one container, in numbers (CPU in percent, memory in bytes). */
export function dockerStats(engine: EngineAddress, container: string): { cpuPercent: number; memUsed: number; memLimit: number; pids: number } {
  const stats = JSON.parse(docker(engine, 'stats', '--no-stream', '--format', '{{json .}}', container)) as { CPUPerc: string; MemUsage: string; PIDs: string };
  const [used = '', limit = ''] = stats.MemUsage.split(' / ');
  return { cpuPercent: Number.parseFloat(stats.CPUPerc), memUsed: parseDockerSize(used), memLimit: parseDockerSize(limit), pids: Number(stats.PIDs) };
}

/** `docker history` of an image, newest layer first, sizes in bytes. */
export function dockerHistory(engine: EngineAddress, image: string): Array<{ id: string; createdAt: string; createdBy: string; size: number; comment: string }> {
  return docker(engine, 'history', '--no-trunc', '--human=false', '--format', '{{json .}}', image)
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const row = JSON.parse(line) as { ID: string; CreatedAt: string; CreatedBy: string; Size: string; Comment: string };
      return { id: row.ID, createdAt: row.CreatedAt, createdBy: row.CreatedBy, size: Number(row.Size), comment: row.Comment };
    });
}
