import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DockerHostConfig } from './profile-schema';
import { readDockerContext } from './environment-profile';

export interface DockerContextEntry {
  name: string;
  host: string;
  tls: boolean;
  current: boolean;
  config: DockerHostConfig;
}

export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG ?? join(homedir(), '.docker');
}

/** The docker CLI's contexts (`docker context ls`), read from its config directory. */
export function listDockerContexts(configDir = dockerConfigDir()): DockerContextEntry[] {
  let current = 'default';
  try {
    current = (JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as { currentContext?: string }).currentContext ?? 'default';
  } catch {
    // no config.json: the default context is current
  }
  let ids: string[] = [];
  try {
    ids = readdirSync(join(configDir, 'contexts', 'meta'));
  } catch {
    return [];
  }
  const contexts: DockerContextEntry[] = [];
  for (const id of ids) {
    try {
      const meta = JSON.parse(readFileSync(join(configDir, 'contexts', 'meta', id, 'meta.json'), 'utf8')) as { Name?: string };
      if (!meta.Name || createHash('sha256').update(meta.Name).digest('hex') !== id) continue;
      const config = readDockerContext(configDir, meta.Name);
      if (config) contexts.push({ name: meta.Name, host: config.host, tls: !!config.tls, current: meta.Name === current, config });
    } catch {
      // a damaged context is skipped
    }
  }
  return contexts.sort((a, b) => a.name.localeCompare(b.name));
}
