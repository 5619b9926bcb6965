import type { ConnectionKind } from '../../shared/domain';
import { RpcError } from '../../shared/errors';
import type { Profile } from '../config/profile-schema';
import { DockerEngine } from './docker/docker-engine';
import { EtcdCluster } from './etcd/etcd-cluster';
import { ZabbixClient } from './zabbix/zabbix-client';

/** A configured connection whose client could not even be built (unreadable TLS file, bad URL). */
export interface BrokenConnection {
  id: string;
  kind: ConnectionKind;
  name: string;
  target: string;
  reason: string;
}

/** Every connector built from a profile; one bad entry never prevents the others. */
export interface Connectors {
  docker: DockerEngine[];
  etcd?: EtcdCluster;
  zabbix?: ZabbixClient;
  broken: BrokenConnection[];
}

export function connectionId(kind: ConnectionKind, name: string): string {
  return `${kind}:${name}`;
}

/** `env` is the console's (HOME and SSH_AUTH_SOCK for ssh:// engines). */
export function buildConnectors(profile: Profile, env: NodeJS.ProcessEnv = process.env): Connectors {
  const connectors: Connectors = { docker: [], broken: [] };
  const attempt = <T>(kind: ConnectionKind, name: string, target: string, build: () => T): T | undefined => {
    try {
      return build();
    } catch (error) {
      connectors.broken.push({ id: connectionId(kind, name), kind, name, target, reason: (error as Error).message });
      return undefined;
    }
  };
  for (const config of profile.docker) {
    const engine = attempt('docker', config.name, config.host, () => new DockerEngine(config, undefined, env));
    if (engine) connectors.docker.push(engine);
  }
  if (profile.etcd) {
    const etcd = profile.etcd;
    connectors.etcd = attempt('etcd', etcd.name, etcd.endpoints.join(', '), () => new EtcdCluster(etcd));
  }
  if (profile.zabbix) {
    const zabbix = profile.zabbix;
    connectors.zabbix = attempt('zabbix', zabbix.name, zabbix.url, () => new ZabbixClient(zabbix));
  }
  return connectors;
}

/** The engine of that name, or NOT_FOUND. */
export function engineNamed(connectors: Connectors, name: string): DockerEngine {
  const engine = connectors.docker.find((e) => e.name === name);
  if (!engine) throw new RpcError('NOT_FOUND', `Unknown Docker engine: ${name}`);
  return engine;
}

export function closeConnectors(connectors: Connectors): void {
  connectors.etcd?.close();
  for (const engine of connectors.docker) engine.close();
}
