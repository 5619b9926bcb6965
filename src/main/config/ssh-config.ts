import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import SSHConfig from 'ssh-config';

/** What ~/.ssh/config says about a host alias (only what the console uses to reach an engine). */
export interface SshHostSettings {
  hostName: string;
  user?: string;
  port?: number;
  /** IdentityFile entries, ~ expanded, in the order ssh would try them. */
  identityFiles: string[];
}

export function userHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOME || env.USERPROFILE || homedir();
}

export function sshConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userHome(env), '.ssh', 'config');
}

/**
 * Resolves a host alias through the user's ssh config as `ssh` does (first value wins;
 * Host patterns and non-exec Match blocks). `Match exec` is never run. No file, or a file
 * that cannot be parsed: the alias is used as the host name.
 */
export function resolveSshHost(alias: string, env: NodeJS.ProcessEnv = process.env, configPath = sshConfigPath(env)): SshHostSettings {
  let computed: Record<string, string | string[]> = {};
  try {
    computed = SSHConfig.parse(readFileSync(configPath, 'utf8')).compute(alias, { ignoreCase: true, matchExec: false });
  } catch {
    return { hostName: alias, identityFiles: [] };
  }
  const one = (name: string) => {
    const value = computed[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const home = userHome(env);
  const expand = (path: string) => (path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path).replace(/%d/g, home).replace(/%h/g, one('hostname') ?? alias).replace(/%r/g, one('user') ?? '');
  const identity = computed.identityfile;
  const port = Number(one('port'));
  return {
    hostName: (one('hostname') ?? alias).replace(/%h/g, alias),
    user: one('user'),
    port: Number.isInteger(port) && port > 0 ? port : undefined,
    identityFiles: (Array.isArray(identity) ? identity : identity ? [identity] : []).map(expand),
  };
}
