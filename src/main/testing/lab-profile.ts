import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { labDir } from '../../../scripts/lab/paths';

/** The profile the lab wrote for the console; tests use the console's own input. */
export function labProfilePath(): string {
  const path = join(labDir(), 'connections.yaml');
  if (!existsSync(path)) throw new Error(`The lab is not running (no ${path}); start it with npm run lab`);
  return path;
}

export function labProfileText(): string {
  return readFileSync(labProfilePath(), 'utf8');
}

export function labProfile(): { docker: Array<{ name: string; host: string }>; etcd: { endpoints: string[] }; zabbix: { url: string; username: string; password: string } } {
  return parse(labProfileText());
}
