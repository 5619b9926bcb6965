import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type Dockerode from 'dockerode';
import type { DockerHostConfig } from '../../config/profile-schema';

function expandHome(path: string): string {
  return path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

function readOptional(path: string | undefined): Buffer | undefined {
  return path ? readFileSync(expandHome(path)) : undefined;
}

/** Turns a profile's engine entry (DOCKER_HOST syntax) into dockerode options. */
export function dockerOptions(config: DockerHostConfig, env: NodeJS.ProcessEnv = process.env): Dockerode.DockerOptions {
  const url = new URL(config.host);
  switch (url.protocol) {
    case 'unix:':
      return { socketPath: decodeURIComponent(url.pathname) };
    case 'npipe:':
      return { socketPath: config.host.replace(/^npipe:\/\//, '').replace(/\//g, '\\') };
    case 'tcp:': {
      const tls = config.tls;
      const port = url.port || (tls ? '2376' : '2375');
      if (!tls) return { host: url.hostname, port, protocol: 'http' };
      return {
        host: url.hostname,
        port,
        protocol: 'https',
        ca: readOptional(tls.ca),
        cert: readOptional(tls.cert),
        key: readOptional(tls.key),
      };
    }
    case 'ssh:': {
      const privateKey = readOptional(config.sshKey);
      return {
        protocol: 'ssh',
        host: url.hostname,
        port: url.port || '22',
        username: url.username || undefined,
        sshOptions: privateKey ? { privateKey } : { agent: env.SSH_AUTH_SOCK },
      };
    }
    default:
      throw new Error(`Unsupported Docker host ${config.host}`);
  }
}
