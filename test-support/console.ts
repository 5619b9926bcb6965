import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningConsole {
  url: string;
  /** The console's (main side's) process id. */
  pid: number;
  /** The DevTools WebSocket of its Node inspector, when started with `inspect`. */
  inspectorUrl?: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts the built console in browser mode (out/main/web.js, from `npx electron-vite build`) with the given profile. */
export function startConsole(profilePath: string, env: NodeJS.ProcessEnv = {}, options: { inspect?: boolean } = {}): Promise<RunningConsole & { dataDir: string }> {
  const dataDir = env.OPS_CONSOLE_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'ops-e2e-data-'));
  // The inspector (loopback, a free port) lets a soak collect garbage in the console before measuring it.
  // CONSOLE_CPU_PROF_DIR: a CPU profile of the console's main side, written when it stops (for looking at a bench).
  const profile = process.env.CONSOLE_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CONSOLE_CPU_PROF_DIR}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, ...(options.inspect ? ['--inspect=127.0.0.1:0'] : []), 'out/main/web.js'], {
    env: { ...process.env, OPS_CONSOLE_PROFILE: profilePath, OPS_CONSOLE_DATA_DIR: dataDir, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/Open: (http:\/\/127\.0\.0\.1:\d+\/\S+\/)/);
      const inspectorUrl = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
      if (match && (!options.inspect || inspectorUrl)) {
        clearTimeout(timer);
        resolve({
          dataDir,
          url: match[1]!,
          pid: child.pid!,
          inspectorUrl,
          output: () => output,
          stop: async () => {
            if (child.exitCode !== null) return;
            const exited = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
            if (child.exitCode === null) child.kill('SIGKILL');
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      onData(Buffer.alloc(0));
    });
    child.once('exit', (code) => reject(new Error(`console exited with ${code}: ${output}`)));
  });
}
