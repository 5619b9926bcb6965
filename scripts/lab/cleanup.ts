// Last-resort cleanup for `down`: processes and mounts that belong to the lab directory, then the directory itself.
import fs from 'node:fs';
import { cmdline, isAlive, run, say, stopPid } from './proc.js';

/** Pids of processes whose command line names a path inside dir (containerd/shims left by a killed dockerd ...). */
export function pidsUsing(dir: string): number[] {
  const mark = dir.endsWith('/') ? dir : `${dir}/`;
  const skip = new Set([process.pid, process.ppid]);
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (skip.has(pid)) continue;
    const argv = cmdline(pid);
    if (argv && argv.some((a) => a.startsWith(mark) || a.includes(`=${mark}`) || a.includes(`://${mark}`))) out.push(pid);
  }
  return out;
}

/** Ids of every container the lab's engines ever created (from their data roots). */
function containerIds(dir: string): string[] {
  const ids: string[] = [];
  const engines = `${dir}/engines`;
  if (!fs.existsSync(engines)) return ids;
  for (const e of fs.readdirSync(engines)) {
    const d = `${engines}/${e}/data/containers`;
    if (fs.existsSync(d)) ids.push(...fs.readdirSync(d).filter((id) => /^[0-9a-f]{64}$/.test(id)));
  }
  return ids;
}

/** Processes still running inside the lab's containers (orphaned when an engine died), by their cgroup. */
export function containerPids(dir: string): number[] {
  const ids = containerIds(dir);
  if (ids.length === 0) return [];
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cg = '';
    try {
      cg = fs.readFileSync(`/proc/${entry}/cgroup`, 'utf8');
    } catch {
      continue;
    }
    if (ids.some((id) => cg.includes(id))) out.push(Number(entry));
  }
  return out;
}

export async function killLeftovers(dir: string): Promise<void> {
  const orphans = containerPids(dir).filter((pid) => isAlive(pid));
  if (orphans.length > 0) {
    for (const pid of orphans) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    say('cleanup', `killed ${orphans.length} processes left in lab containers`);
  }
  await Promise.all(
    pidsUsing(dir).map(async (pid) => {
      if (!isAlive(pid)) return;
      const what = (cmdline(pid) ?? ['?'])[0];
      say('cleanup', `${what} (pid ${pid}) ${await stopPid(pid, { timeoutMs: 5000 })}`);
    }),
  );
}

/** Mount points inside dir, deepest first. */
export function mountsUnder(dir: string): string[] {
  const mark = dir.endsWith('/') ? dir : `${dir}/`;
  const text = fs.readFileSync('/proc/self/mounts', 'utf8');
  const points = text
    .split('\n')
    .map((l) => (l.split(' ')[1] ?? '').replace(/\\040/g, ' '))
    .filter((m) => m === dir || m.startsWith(mark));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

export async function unmountAll(dir: string): Promise<void> {
  for (const m of mountsUnder(dir)) {
    const r = await run('umount', [m], { allowFail: true });
    if (r.code !== 0) await run('umount', ['-l', m], { allowFail: true });
  }
}

export async function removeLabDir(dir: string): Promise<void> {
  if (!fs.existsSync(dir)) return;
  await unmountAll(dir);
  if (mountsUnder(dir).length > 0) throw new Error(`still mounted under ${dir}: ${mountsUnder(dir).join(', ')}`);
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  say('cleanup', `removed ${dir}`);
}
