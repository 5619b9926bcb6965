import { execFileSync, spawnSync } from 'node:child_process';

export interface EngineRef {
  name: string;
  host: string;
  tls?: { ca: string; cert: string; key: string };
}

/** Runs the docker CLI (Debian's, matching the lab daemons) against one engine. */
export function docker(engine: Pick<EngineRef, 'host' | 'tls'>, ...args: string[]): string {
  const base = ['-H', engine.host];
  if (engine.tls) base.push('--tlsverify', '--tlscacert', engine.tls.ca, '--tlscert', engine.tls.cert, '--tlskey', engine.tls.key);
  return execFileSync('/usr/bin/docker', [...base, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** docker ps -a as {name, id, state}: the reference the console must equal. */
export function dockerPs(engine: Pick<EngineRef, 'host' | 'tls'>): Array<{ id: string; name: string; state: string; service: string }> {
  return docker(engine, 'ps', '-a', '--no-trunc', '--format', '{{.ID}}\t{{.Names}}\t{{.State}}\t{{.Label "com.docker.compose.service"}}')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id = '', name = '', state = '', service = ''] = line.split('\t');
      return { id, name, state, service };
    });
}

/** Copies the lab image to another engine (docker save | docker load). */
export function copyImage(from: Pick<EngineRef, 'host' | 'tls'>, to: Pick<EngineRef, 'host'>, image: string): void {
  const base = ['-H', from.host];
  if (from.tls) base.push('--tlsverify', '--tlscacert', from.tls.ca, '--tlscert', from.tls.cert, '--tlskey', from.tls.key);
  const saved = execFileSync('/usr/bin/docker', [...base, 'save', image], { maxBuffer: 512 * 1024 * 1024 });
  execFileSync('/usr/bin/docker', ['-H', to.host, 'load'], { input: saved, stdio: ['pipe', 'ignore', 'pipe'] });
}

/** Both streams of a docker CLI command (docker logs writes the container's stderr to its own). */
export function dockerBoth(engine: Pick<EngineRef, 'host' | 'tls'>, ...args: string[]): { stdout: string; stderr: string } {
  const base = ['-H', engine.host];
  if (engine.tls) base.push('--tlsverify', '--tlscacert', engine.tls.ca, '--tlscert', engine.tls.cert, '--tlskey', engine.tls.key);
  const run = spawnSync('/usr/bin/docker', [...base, ...args], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`docker ${args.join(' ')} failed: ${run.stderr}`);
  return { stdout: run.stdout, stderr: run.stderr };
}
