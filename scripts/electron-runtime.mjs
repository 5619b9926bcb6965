// Tells whether the Electron runtime binary is installed (the npm package can be present
// without it). Reads the package's path.txt itself: require('electron') would try to
// download the runtime when it is missing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function electronBinary() {
  const dir = join(process.cwd(), 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}
