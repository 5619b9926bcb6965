import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/**
 * An OpenSSH server of a test's own (Debian's openssh-server), on a free loopback port in a
 * temp dir: its own host key, one generated client key pair it accepts (for root), and
 * DOCKER_HOST set for every session, so `docker system dial-stdio` (what a docker client
 * over ssh:// runs on the far side) reaches the engine given. Never the system's sshd.
 */
export interface OwnSshd {
  port: number;
  /** The temp dir holding the config, keys and pid file. */
  dir: string;
  /** The private key the server accepts (OpenSSH format, mode 0600). */
  identityFile: string;
  /** A private key the server does not accept. */
  rejectedIdentityFile: string;
  /** known_hosts line for the server's host key on 127.0.0.1:<port>. */
  knownHostsLine: string;
  /** What sshd wrote on stderr so far (its log with -e). */
  log(): string;
  stop(): Promise<void>;
}

function keygen(file: string, comment: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file], { stdio: 'ignore' });
}

/** True once the port answers with an SSH banner. */
function answersSsh(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('data', (data) => done(data.toString('latin1').startsWith('SSH-2.0')));
    socket.once('error', () => done(false));
  });
}

/** `dockerHost` is what the far side's docker CLI gets as DOCKER_HOST (e.g. the lab engine's unix socket). */
export async function startOwnSshd(options: { dockerHost: string }): Promise<OwnSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'ops-sshd-'));
  const port = await freePort();
  const hostKey = join(dir, 'host_ed25519');
  const identityFile = join(dir, 'client_ed25519');
  const rejectedIdentityFile = join(dir, 'stranger_ed25519');
  keygen(hostKey, 'ops-test-sshd-host');
  keygen(identityFile, 'ops-test-client');
  keygen(rejectedIdentityFile, 'ops-test-stranger');
  const authorizedKeys = join(dir, 'authorized_keys');
  copyFileSync(`${identityFile}.pub`, authorizedKeys);
  chmodSync(authorizedKeys, 0o600);
  // sshd's privilege separation directory; Debian's package makes it only when its service starts.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      `AuthorizedKeysFile ${authorizedKeys}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      // The temp dir lives under /tmp (world-writable), which StrictModes would refuse for authorized_keys.
      'StrictModes no',
      // Debian's docker CLI (the one matching the lab daemons), pointed at the engine given (OpenSSH >= 8.7).
      `SetEnv DOCKER_HOST=${options.dockerHost} PATH=/usr/bin:/bin:/usr/sbin:/sbin`,
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  let log = '';
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    log = (log + chunk).slice(-20_000);
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await answersSsh(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`own sshd did not start on 127.0.0.1:${port}: ${log.trim() || `exit ${child.exitCode}`}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const hostPublic = execFileSync('ssh-keygen', ['-y', '-f', hostKey], { encoding: 'utf8' }).trim().split(' ').slice(0, 2).join(' ');
  return { port, dir, identityFile, rejectedIdentityFile, knownHostsLine: `[127.0.0.1]:${port} ${hostPublic}`, log: () => log, stop };
}
