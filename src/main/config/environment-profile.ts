import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DockerHostConfig, Profile } from './profile-schema';
import { ProfileSchema } from './profile-schema';

/**
 * The connections an engineer already has set up, for when there is no profile file:
 * DOCKER_HOST / the current docker context / the default socket, ETCDCTL_ENDPOINTS,
 * ZABBIX_URL with ZABBIX_API_TOKEN (or ZABBIX_USER and ZABBIX_PASSWORD).
 */
export function profileFromEnvironment(env: NodeJS.ProcessEnv = process.env, dockerConfigDir = defaultDockerConfigDir(env)): Profile {
  const docker = dockerFromEnvironment(env, dockerConfigDir);
  const endpoints = env.ETCDCTL_ENDPOINTS?.split(',').map((e) => e.trim()).filter(Boolean).map((e) => (/^https?:\/\//.test(e) ? e : `http://${e}`));
  return ProfileSchema.parse({
    docker: docker ? [docker] : [],
    etcd: endpoints?.length
      ? { name: 'etcd', endpoints, username: env.ETCDCTL_USER?.split(':')[0], password: env.ETCDCTL_USER?.split(':').slice(1).join(':') || env.ETCDCTL_PASSWORD }
      : undefined,
    zabbix: env.ZABBIX_URL
      ? { name: 'zabbix', url: env.ZABBIX_URL, apiToken: env.ZABBIX_API_TOKEN, username: env.ZABBIX_USER, password: env.ZABBIX_PASSWORD }
      : undefined,
  });
}

function defaultDockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG ?? join(homedir(), '.docker');
}

function dockerFromEnvironment(env: NodeJS.ProcessEnv, configDir: string): DockerHostConfig | undefined {
  if (env.DOCKER_HOST) {
    const certPath = env.DOCKER_CERT_PATH;
    const tls = env.DOCKER_TLS_VERIFY && certPath
      ? { ca: join(certPath, 'ca.pem'), cert: join(certPath, 'cert.pem'), key: join(certPath, 'key.pem') }
      : undefined;
    return { name: 'docker', host: env.DOCKER_HOST, tls };
  }
  const context = env.DOCKER_CONTEXT ?? currentContextName(configDir);
  if (context && context !== 'default') {
    const fromContext = readDockerContext(configDir, context);
    if (fromContext) return fromContext;
  }
  const socket = process.platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock';
  if (process.platform === 'win32' || existsSync('/var/run/docker.sock')) return { name: 'local', host: socket };
  return undefined;
}

function currentContextName(configDir: string): string | undefined {
  try {
    const config = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as { currentContext?: string };
    return config.currentContext;
  } catch {
    return undefined;
  }
}

/** Reads a docker CLI context (meta.json under contexts/meta/<sha256(name)>, TLS files under contexts/tls). */
export function readDockerContext(configDir: string, name: string): DockerHostConfig | undefined {
  const id = createHash('sha256').update(name).digest('hex');
  try {
    const meta = JSON.parse(readFileSync(join(configDir, 'contexts', 'meta', id, 'meta.json'), 'utf8')) as {
      Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
    };
    const host = meta.Endpoints?.docker?.Host;
    if (!host) return undefined;
    const tlsDir = join(configDir, 'contexts', 'tls', id, 'docker');
    const tls = existsSync(join(tlsDir, 'ca.pem')) || existsSync(join(tlsDir, 'cert.pem'))
      ? { ca: join(tlsDir, 'ca.pem'), cert: join(tlsDir, 'cert.pem'), key: join(tlsDir, 'key.pem') }
      : undefined;
    return { name, host, tls };
  } catch {
    return undefined;
  }
}
