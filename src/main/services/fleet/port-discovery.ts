import type { DockerEngine } from '../../connectors/docker/docker-engine';
import { withTimeout } from '../../core/with-timeout';

/**
 * With host networking Docker knows nothing of the ports a container serves. We ask the
 * container itself, read-only: the listening sockets of /proc/net/tcp{,6} that belong to
 * its own processes (matched by socket inode). One short exec per container start, cached.
 */
export const PORT_DISCOVERY_SCRIPT =
  'cat /proc/net/tcp /proc/net/tcp6 2>/dev/null; echo ---; for p in /proc/[0-9]*; do ls -l $p/fd 2>/dev/null; done';

/** Parses the script's output into the ports the container's processes listen on. */
export function parseListeningPorts(output: string): number[] {
  const [tables = '', fds = ''] = output.split('\n---\n');
  const owned = new Set([...fds.matchAll(/socket:\[(\d+)\]/g)].map((m) => m[1]));
  const ports = new Set<number>();
  for (const line of tables.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 10 || cols[3] !== '0A') continue; // 0A = LISTEN
    const inode = cols[9];
    const port = parseInt(cols[1]?.split(':')[1] ?? '', 16);
    if (inode && owned.has(inode) && Number.isFinite(port)) ports.add(port);
  }
  return [...ports].sort((a, b) => a - b);
}

export class PortDiscovery {
  private readonly cache = new Map<string, number[]>();

  constructor(private readonly engine: DockerEngine) {}

  /** The ports found for this start of the container, if any were (nothing listening is not cached). */
  cached(id: string, startedAt: string): number[] | undefined {
    return this.cache.get(`${id}@${startedAt}`);
  }

  /** Ports of a running container; key changes when the container restarts. */
  async ports(id: string, startedAt: string): Promise<number[]> {
    const key = `${id}@${startedAt}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const ports = await withTimeout(this.run(id), 5000, 'port discovery').catch(() => [] as number[]);
    if (this.cache.size > 2000) this.cache.clear();
    // Nothing listening yet is not an answer: a process that just started may bind in a moment.
    if (ports.length) this.cache.set(key, ports);
    return ports;
  }

  private async run(id: string): Promise<number[]> {
    const { stdout } = await this.engine.execCaptured(id, ['sh', '-c', PORT_DISCOVERY_SCRIPT]);
    return parseListeningPorts(stdout);
  }
}
