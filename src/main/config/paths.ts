import { homedir } from 'node:os';
import { join } from 'node:path';

const APP_DIR = 'ops-console';

/** The user's config directory for the console (profiles), per OS convention. */
export function configDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.OPS_CONSOLE_CONFIG_DIR) return env.OPS_CONSOLE_CONFIG_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR);
}

/** The user's data directory (audit log and other records). */
export function dataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.OPS_CONSOLE_DATA_DIR) return env.OPS_CONSOLE_DATA_DIR;
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), APP_DIR);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR, 'data');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), APP_DIR);
}

/** Where the profile is read from: OPS_CONSOLE_PROFILE, else connections.yaml in the config directory. */
export function profilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.OPS_CONSOLE_PROFILE ?? join(configDir(env), 'connections.yaml');
}
