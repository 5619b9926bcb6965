#!/usr/bin/env node
// Runs the desktop app; where no Electron runtime is installed, runs browser mode instead.
import { spawn } from 'node:child_process';
import { electronBinary } from './electron-runtime.mjs';

const binary = electronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
let child;
if (binary && !noDisplay && !process.argv.includes('--browser')) {
  child = spawn(binary, ['.'], { stdio: 'inherit' });
} else {
  const why = !binary ? 'No Electron runtime is installed here' : noDisplay ? 'No display is available' : 'Browser mode was asked for';
  console.log(`${why}: starting browser mode instead.`);
  child = spawn(process.execPath, ['out/main/web.js', ...process.argv.slice(2).filter((a) => a !== '--browser')], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
