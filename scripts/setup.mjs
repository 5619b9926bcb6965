#!/usr/bin/env node
// Installs the project's dependencies exactly as locked. The Electron runtime is fetched
// separately and may fail (no network to its download host, as on CI machines): the
// console then runs in browser mode, which `npm start` picks by itself.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// --loglevel=error: electron-builder's helpers declare Node >= 22.12 and npm warns about it on Node 20;
// the console, the lab and the tests run on Node 20 (see the README), so the warning would only puzzle.
const install = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit', env });
if (install.status !== 0) process.exit(install.status ?? 1);

if (process.env.CI || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('setup: skipped the Electron runtime download (CI or ELECTRON_SKIP_BINARY_DOWNLOAD); browser mode is available.');
} else if (existsSync('node_modules/electron/install.js')) {
  const electron = spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'pipe', encoding: 'utf8' });
  console.log(
    electron.status === 0
      ? 'setup: Electron runtime installed.'
      : 'setup: the Electron runtime could not be downloaded here; `npm start` will use browser mode.',
  );
}
