import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

/**
 * A third, real Docker engine for tests that need an engine to go away: started on its own
 * socket (no bridge, no iptables) and stopped by the test.
 */
export interface ExtraEngine {
  host: string;
  socket: string;
  /** Stops the daemon, keeping its data. */
  halt(): Promise<void>;
  /** Starts the daemon again on the same data (after halt). */
  resume(): Promise<void>;
  /** Stops the daemon and removes its data. */
  stop(): Promise<void>;
  /** The daemon's process id (to freeze it with SIGSTOP in a test; always SIGCONT in a finally). */
  pid(): number;
}

function ping(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath: socket, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

export async function startExtraEngine(): Promise<ExtraEngine> {
  const dir = mkdtempSync('/tmp/ops-xe-');
  const socket = join(dir, 'docker.sock');
  let child: ChildProcess | undefined;

  const launch = async () => {
    const proc = spawn(
      'dockerd',
      [
        '--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'), '--pidfile', join(dir, 'docker.pid'),
        '--host', `unix://${socket}`, '--bridge=none', '--iptables=false', '--ip-masq=false',
      ],
      { stdio: 'ignore', detached: false },
    );
    child = proc;
    const deadline = Date.now() + 30_000;
    while (!(await ping(socket))) {
      if (Date.now() > deadline || proc.exitCode !== null) {
        proc.kill('SIGKILL');
        throw new Error('the extra Docker engine did not start');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const halt = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (proc.exitCode === null) proc.kill('SIGKILL');
  };

  await launch();
  return {
    host: `unix://${socket}`,
    socket,
    halt,
    resume: launch,
    pid: () => child!.pid!,
    async stop() {
      await halt();
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // a mount still busy: left for the OS to clean from /tmp
      }
    },
  };
}
