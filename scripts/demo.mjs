#!/usr/bin/env node
// `npm run demo`: start the lab (if needed), build, and run the console connected to it.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const tsx = 'node_modules/.bin/tsx';
const up = spawnSync(tsx, ['scripts/lab/lab.ts', 'up'], { stdio: 'inherit' });
if (up.status !== 0) process.exit(up.status ?? 1);
const dir = spawnSync(tsx, ['scripts/lab/lab.ts', 'dir'], { encoding: 'utf8' }).stdout.trim();
const build = spawnSync('node_modules/.bin/electron-vite', ['build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const env = { ...process.env, OPS_CONSOLE_PROFILE: join(dir, 'connections.yaml') };
const child = spawn(process.execPath, ['scripts/start.mjs', ...process.argv.slice(2)], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => {
  console.log('The lab keeps running; stop it with: npm run lab:down');
  process.exit(code ?? 0);
});
