import type { RawTarget } from './raw-http-stream';
import { existsSync, readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import type Dockerode from 'dockerode';
import type { DockerHostConfig } from '../../config/profile-schema';
import { resolveSshHost, userHome } from '../../config/ssh-config';

function expandHome(path: string, env: NodeJS.ProcessEnv): string {
  return path.startsWith('~/') ? userHome(env) + path.slice(1) : path;
}

function readOptional(path: string | undefined, env: NodeJS.ProcessEnv): Buffer | undefined {
  return path ? readFileSync(expandHome(path, env)) : undefined;
}

/** Where an ssh:// engine is reached, and with what (for the connection and for its error messages). */
export interface SshEndpoint {
  host: string;
  port: number;
  username?: string;
  /** The private key file offered (the profile's sshKey, else the first IdentityFile that exists). */
  keyFile?: string;
  /** The ssh agent's socket, offered after the key. */
  agent?: string;
}

/** ssh://alias as the ssh CLI reads it: HostName, User, Port and IdentityFile from ~/.ssh/config; what the URL says wins. */
export function sshEndpoint(config: DockerHostConfig, env: NodeJS.ProcessEnv = process.env): SshEndpoint {
  const url = new URL(config.host);
  const settings = resolveSshHost(decodeURIComponent(url.hostname), env);
  return {
    host: settings.hostName,
    port: Number(url.port) || settings.port || 22,
    username: decodeURIComponent(url.username) || settings.user || undefined,
    keyFile: config.sshKey ?? settings.identityFiles.find((f) => existsSync(f)),
    agent: env.SSH_AUTH_SOCK || undefined,
  };
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
      const tls = config.tls ?? (config.tlsSkipVerify ? {} : undefined);
      const port = url.port || (tls ? '2376' : '2375');
      if (!tls) return { host: url.hostname, port, protocol: 'http' };
      const files = { ca: readOptional(tls.ca, env), cert: readOptional(tls.cert, env), key: readOptional(tls.key, env) };
      // SkipTLSVerify (docker context): TLS, the client certificate if any, the engine's certificate not checked.
      const agent = config.tlsSkipVerify ? new Agent({ ...files, rejectUnauthorized: false, keepAlive: true }) : undefined;
      return { host: url.hostname, port, protocol: 'https', ...files, ...(agent ? { agent } : {}) };
    }
    case 'ssh:': {
      const ssh = sshEndpoint(config, env);
      const privateKey = readOptional(ssh.keyFile, env);
      return {
        protocol: 'ssh',
        host: ssh.host,
        port: String(ssh.port),
        username: ssh.username,
        // The key first, the agent after it (ssh2 tries both, as ssh does).
        sshOptions: { ...(privateKey ? { privateKey } : {}), ...(ssh.agent ? { agent: ssh.agent } : {}) },
      };
    }
    default:
      throw new Error(`Unsupported Docker host ${config.host}`);
  }
}

/**
 * Where to send a request of our own (the log streams, see openRawHttpStream): the same
 * socket, host and TLS files as dockerode's; none for ssh (dockerode's tunnel).
 */
export function rawTarget(options: Dockerode.DockerOptions, skipVerify = false): RawTarget | undefined {
  if (options.socketPath) return { socketPath: String(options.socketPath) };
  if (options.protocol === 'http' && options.host) return { host: options.host, port: Number(options.port) };
  if (options.protocol === 'https' && options.host) {
    const pem = (value: unknown) => (typeof value === 'string' || Buffer.isBuffer(value) ? value : undefined);
    return { host: options.host, port: Number(options.port), tls: { ca: pem(options.ca), cert: pem(options.cert), key: pem(options.key), rejectUnauthorized: !skipVerify } };
  }
  return undefined;
}
