// Starts/stops the detached feeder process (pid file and log in the lab dir).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot, type LabPaths } from './paths.js';
import { livePid, readPid, say, spawnDaemon, stopPid } from './proc.js';

export const FEED_INTERVAL_S = 5;

const FEEDER_SCRIPT = fileURLToPath(new URL('./feeder.ts', import.meta.url));

export function feederPid(p: LabPaths): number | null {
  return livePid(p.feeder.pidFile, 'feeder.ts');
}

/** True if a lab script changed after the running feeder was started (it then runs old code). */
function feederOutdated(p: LabPaths): boolean {
  try {
    const started = fs.statSync(p.feeder.pidFile).mtimeMs;
    const dir = path.dirname(FEEDER_SCRIPT);
    return fs.readdirSync(dir).some((f) => f.endsWith('.ts') && fs.statSync(path.join(dir, f)).mtimeMs > started);
  } catch {
    return false;
  }
}

/** Start the feeder unless it is running (restart it if the lab's code changed since it started). */
export async function ensureFeeder(p: LabPaths): Promise<number> {
  const running = feederPid(p);
  if (running !== null && !feederOutdated(p)) return running;
  if (running !== null) {
    say('feeder', 'lab scripts changed since it started: restarting it');
    await stopFeeder(p);
  }
  fs.mkdirSync(p.feeder.root, { recursive: true });
  const pid = spawnDaemon({
    cmd: process.execPath,
    args: ['--import', import.meta.resolve('tsx'), FEEDER_SCRIPT],
    logFile: p.feeder.logFile,
    pidFile: p.feeder.pidFile,
    cwd: repoRoot(),
    env: { ...process.env, OPS_LAB_DIR: p.dir },
  });
  say('feeder', `started (pid ${pid}, log ${p.feeder.logFile})`);
  return pid;
}

export async function stopFeeder(p: LabPaths): Promise<void> {
  const pid = readPid(p.feeder.pidFile);
  if (pid === null) return;
  const how = await stopPid(pid, { group: true, expect: 'feeder.ts', timeoutMs: 8000 });
  if (how !== 'gone') say('feeder', `${how} (pid ${pid})`);
}
