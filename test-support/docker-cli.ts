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
