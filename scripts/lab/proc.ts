// Small helpers for running commands and managing the lab's own background processes.
import { spawn, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export function say(component: string, message: string): void {
  process.stdout.write(`[lab] ${component.padEnd(9)} ${message}\n`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string | NodeJS.ReadableStream | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  cwd?: string | undefined;
  uid?: number | undefined;
  gid?: number | undefined;
  /** Do not throw on a non-zero exit. */
  allowFail?: boolean | undefined;
  timeoutMs?: number | undefined;
}

/** Run a command to completion and collect its output; throws on failure unless allowFail. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      uid: opts.uid,
      gid: opts.gid,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    if (opts.timeoutMs) {
      timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    }
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err) => {
      if (timer) clearTimeout(timer);
      reject(new Error(`${cmd}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const result = { code: code ?? (signal ? 128 : 1), stdout, stderr };
      if (result.code !== 0 && !opts.allowFail) {
        const detail = (stderr.trim() || stdout.trim()).split('\n').slice(-8).join('\n');
        reject(new Error(`${cmd} ${args.join(' ')} exited ${signal ?? code}: ${detail}`));
      } else {
        resolve(result);
      }
    });
    child.stdin.on('error', () => undefined);
    if (typeof opts.input === 'string') {
      child.stdin.end(opts.input);
    } else if (opts.input) {
      opts.input.pipe(child.stdin);
    } else {
      child.stdin.end();
    }
  });
}

export interface DaemonSpec {
  cmd: string;
  args: string[];
  logFile: string;
  pidFile: string;
  env?: NodeJS.ProcessEnv | undefined;
  cwd?: string | undefined;
  uid?: number | undefined;
  gid?: number | undefined;
}

/** Start a detached background process (its own process group), stdout+stderr appended to logFile. */
export function spawnDaemon(spec: DaemonSpec): number {
  fs.mkdirSync(path.dirname(spec.logFile), { recursive: true });
  const fd = fs.openSync(spec.logFile, 'a');
  const options: SpawnOptions = {
    detached: true,
    stdio: ['ignore', fd, fd],
    env: spec.env ?? process.env,
    cwd: spec.cwd,
    uid: spec.uid,
    gid: spec.gid,
  };
  const child = spawn(spec.cmd, spec.args, options);
  fs.closeSync(fd);
  if (child.pid === undefined) throw new Error(`could not start ${spec.cmd}`);
  child.on('error', () => undefined);
  child.unref();
  fs.writeFileSync(spec.pidFile, `${child.pid}\n`);
  return child.pid;
}

export function readPid(pidFile: string): number | null {
  try {
    const n = Number.parseInt(fs.readFileSync(pidFile, 'utf8').trim().split('\n')[0] ?? '', 10);
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

/** The process's command line as argv, or null if it does not exist. */
export function cmdline(pid: number): string[] | null {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((s) => s !== '');
  } catch {
    return null;
  }
}

/** True if pid is a live (non-zombie) process whose command line contains `expect` (guards pid reuse). */
export function isAlive(pid: number | null, expect?: string): pid is number {
  if (pid === null) return false;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
  } catch {
    return false;
  }
  if (expect) {
    const argv = cmdline(pid);
    if (!argv || !argv.join(' ').includes(expect)) return false;
  }
  return true;
}

/** Live pid from a pid file, or null. */
export function livePid(pidFile: string, expect?: string): number | null {
  const pid = readPid(pidFile);
  return isAlive(pid, expect) ? pid : null;
}

export interface StopOptions {
  signal?: NodeJS.Signals | undefined;
  timeoutMs?: number | undefined;
  /** Also signal the rest of its process group (the process was started detached by the lab). */
  group?: boolean | undefined;
  /** Signal only processes whose command line contains this. */
  expect?: string | undefined;
}

/** Live (non-zombie) members of process group pgid. */
export function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // rest[0] = state, rest[1] = ppid, rest[2] = pgrp
      if (rest[0] !== 'Z' && rest[0] !== 'X' && Number(rest[2]) === pgid) out.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return out;
}

/**
 * Signal a process (or its whole process group), wait for it to go, SIGKILL after the timeout.
 * With `group`, members left behind by a leader that already died are stopped too.
 */
export async function stopPid(pid: number, opts: StopOptions = {}): Promise<'gone' | 'stopped' | 'killed'> {
  // Only processes whose command line contains `expect` are ever signalled (a stale pid may have been reused).
  const targets = () => {
    const leader = isAlive(pid, opts.expect) ? [pid] : [];
    if (!opts.group) return leader;
    const members = groupMembers(pid).filter((m) => m !== pid && isAlive(m, opts.expect));
    return [...leader, ...members];
  };
  const running = () => targets().length > 0;
  if (!running()) return 'gone';
  const send = (sig: NodeJS.Signals) => {
    for (const t of targets()) {
      try {
        process.kill(t, sig);
      } catch {
        /* already gone */
      }
    }
  };
  send(opts.signal ?? 'SIGTERM');
  const deadline = Date.now() + (opts.timeoutMs ?? 15000);
  while (Date.now() < deadline) {
    if (!running()) {
      stopped.add(pid);
      return 'stopped';
    }
    await sleep(100);
  }
  send('SIGKILL');
  for (let i = 0; i < 50 && running(); i++) await sleep(100);
  stopped.add(pid);
  return 'killed';
}

const stopped = new Set<number>();

/**
 * Give the parent (init, for the lab's detached daemons) a moment to reap what stopPid stopped, so nothing shows
 * as <defunct> right after `down`.
 */
export async function awaitReaped(timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ([...stopped].some((pid) => fs.existsSync(`/proc/${pid}`)) && Date.now() < deadline) await sleep(100);
}

/** Thrown from a waitFor callback to stop waiting at once (the thing waited for has died). */
export class Fatal extends Error {}

/** Poll until fn returns a truthy value; throws with `what` after the timeout (or at once on Fatal). */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs: number,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      if (err instanceof Fatal) throw err;
      lastErr = err;
    }
    if (Date.now() > deadline) {
      const why = lastErr instanceof Error ? `: ${lastErr.message}` : '';
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}${why}`);
    }
    await sleep(intervalMs);
  }
}

/** True if something accepts TCP connections on host:port. */
export function tcpOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

/** Last n lines of a log file ('' if missing), for error messages. */
export function tailFile(file: string, n = 10): string {
  try {
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    return lines.slice(-n).join('\n');
  } catch {
    return '';
  }
}

/** Look up uid/gid of a system user from /etc/passwd. */
export function systemUser(name: string): { uid: number; gid: number } | null {
  try {
    for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const f = line.split(':');
      if (f[0] === name && f[2] && f[3]) return { uid: Number(f[2]), gid: Number(f[3]) };
    }
  } catch {
    /* no passwd */
  }
  return null;
}

/** Seconds since t0 (ms), for progress lines. */
export function secs(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(1)}s`;
}

/** The process listening on a local TCP port (from /proc/net/tcp*), or null if the port is free. */
export function portOwner(port: number): { pid: number | null; cmd: string } | null {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && f[1]?.endsWith(`:${hex}`) && f[3] === '0A') inodes.add(f[9]!);
    }
  }
  if (inodes.size === 0) return null;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[] = [];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = fs.readlinkSync(`/proc/${entry}/fd/${fd}`).match(/^socket:\[(\d+)\]$/);
        if (m?.[1] && inodes.has(m[1])) return { pid: Number(entry), cmd: (cmdline(Number(entry)) ?? []).join(' ') };
      } catch {
        /* fd closed meanwhile */
      }
    }
  }
  return { pid: null, cmd: '?' };
}

/** Fail clearly when a fixed lab port is taken by something else (another lab from another checkout ...). */
export function assertPortsFree(what: string, ports: number[]): void {
  for (const port of ports) {
    const owner = portOwner(port);
    if (!owner) continue;
    const otherLab = owner.cmd.match(/(\/tmp\/ops-lab-[0-9a-f]{8}|\S*ops-lab\S*?)(?=\/)/)?.[1];
    const hint = otherLab ? `; another lab runs from ${otherLab}: stop it with OPS_LAB_DIR=${otherLab} npx tsx scripts/lab/lab.ts down` : '';
    throw new Fatal(`cannot start ${what}: 127.0.0.1:${port} is in use by pid ${owner.pid ?? '?'} (${owner.cmd.slice(0, 160)})${hint}`);
  }
}

/** pid and its ancestors (parent, grandparent ... up to init). */
export function lineage(pid: number): number[] {
  const out: number[] = [];
  let cur = pid;
  for (let i = 0; i < 64 && cur > 1; i++) {
    out.push(cur);
    try {
      const stat = fs.readFileSync(`/proc/${cur}/stat`, 'utf8');
      cur = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      break;
    }
  }
  return out;
}
