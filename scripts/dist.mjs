#!/usr/bin/env node
// `npm run dist`: build, then package installers with electron-builder. electron-builder
// needs an Electron runtime for the target: the one `npm run setup` downloaded, or an
// unpacked one given with ELECTRON_DIST=/path/to/electron/dist (electronDist). Without
// either it would try to download one; where that cannot work, say so instead of hanging.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { electronBinary } from './electron-runtime.mjs';

const args = process.argv.slice(2);
const dist = process.env.ELECTRON_DIST;
if (dist && !existsSync(dist)) {
  console.error(`dist: ELECTRON_DIST=${dist} does not exist.`);
  process.exit(1);
}
if (!dist && !electronBinary() && !process.env.ELECTRON_BUILDER_ALLOW_DOWNLOAD) {
  console.error(
    'dist: no Electron runtime here. Either run `npm run setup` where the Electron download works, or point ELECTRON_DIST at an unpacked Electron (the folder with the electron binary), or set ELECTRON_BUILDER_ALLOW_DOWNLOAD=1 to let electron-builder download it.',
  );
  process.exit(1);
}
const build = spawnSync('node_modules/.bin/electron-vite', ['build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const builderArgs = ['--config', 'electron-builder.yml', ...(dist ? [`--config.electronDist=${dist}`] : []), ...args];
const result = spawnSync('node_modules/.bin/electron-builder', builderArgs, { stdio: 'inherit', timeout: 30 * 60 * 1000 });
process.exit(result.status ?? 1);
