import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DockerHostConfig, Profile } from './profile-schema';
import { ProfileSchema } from './profile-schema';

/**
 * The connections an engineer already has set up, for when there is no profile file:
 * DOCKER_HOST (with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, which defaults to ~/.docker as
 * for the docker CLI) / the current docker context / the default socket; ETCDCTL_ENDPOINTS
 * with ETCDCTL_CACERT, ETCDCTL_CERT, ETCDCTL_KEY and ETCDCTL_USER (or ETCDCTL_PASSWORD);
 * ZABBIX_URL with ZABBIX_API_TOKEN (or ZABBIX_USER and ZABBIX_PASSWORD).
 */
export function profileFromEnvironment(env: NodeJS.ProcessEnv = process.env, dockerConfigDir = defaultDockerConfigDir(env)): Profile {
  const docker = dockerFromEnvironment(env, dockerConfigDir);
  const etcdTls = etcdTlsFromEnvironment(env);
  // Like etcdctl: a bare host:port is http, unless TLS files are given.
  const endpoints = env.ETCDCTL_ENDPOINTS?.split(',').map((e) => e.trim()).filter(Boolean).map((e) => (/^https?:\/\//.test(e) ? e : `${etcdTls ? 'https' : 'http'}://${e}`));
  return ProfileSchema.parse({
    docker: docker ? [docker] : [],
    etcd: endpoints?.length
      ? { name: 'etcd', endpoints, tls: etcdTls, username: env.ETCDCTL_USER?.split(':')[0] || undefined, password: env.ETCDCTL_USER?.split(':').slice(1).join(':') || env.ETCDCTL_PASSWORD }
      : undefined,
    zabbix: env.ZABBIX_URL
      ? { name: 'zabbix', url: env.ZABBIX_URL, apiToken: env.ZABBIX_API_TOKEN, username: env.ZABBIX_USER, password: env.ZABBIX_PASSWORD }
      : undefined,
  });
}

function etcdTlsFromEnvironment(env: NodeJS.ProcessEnv): { ca?: string; cert?: string; key?: string } | undefined {
  const tls = { ca: env.ETCDCTL_CACERT || undefined, cert: env.ETCDCTL_CERT || undefined, key: env.ETCDCTL_KEY || undefined };
  return tls.ca || tls.cert || tls.key ? tls : undefined;
}

function defaultDockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG ?? join(env.HOME || homedir(), '.docker');
}

function dockerFromEnvironment(env: NodeJS.ProcessEnv, configDir: string): DockerHostConfig | undefined {
  if (env.DOCKER_HOST) {
    // As the docker CLI: DOCKER_TLS_VERIFY (any non-empty value) turns TLS on; the files are in
    // DOCKER_CERT_PATH, else in the CLI's config directory (~/.docker).
    const certPath = env.DOCKER_CERT_PATH || configDir;
    const tls = env.DOCKER_TLS_VERIFY
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
    // Only the files the context has (a SkipTLSVerify context often has a client certificate and no CA).
    const files = Object.fromEntries(
      (['ca', 'cert', 'key'] as const).filter((f) => existsSync(join(tlsDir, `${f}.pem`))).map((f) => [f, join(tlsDir, `${f}.pem`)]),
    ) as { ca?: string; cert?: string; key?: string };
    const tls = Object.keys(files).length ? files : undefined;
    return meta.Endpoints?.docker?.SkipTLSVerify ? { name, host, tls, tlsSkipVerify: true } : { name, host, tls };
  } catch {
    return undefined;
  }
}
