import { readFileSync } from 'node:fs';
import { Etcd3, type IOptions } from 'etcd3';
import type { EtcdConfig } from '../../config/profile-schema';
import { withTimeout } from '../../rpc/errors';

export interface EtcdStatus {
  version: string;
  latencyMs: number;
  leader: string;
  members: number;
  revision: string;
}

export function etcdOptions(config: EtcdConfig): IOptions {
  const options: IOptions = { hosts: config.endpoints, dialTimeout: 3000 };
  if (config.tls?.ca) {
    options.credentials = {
      rootCertificate: readFileSync(config.tls.ca),
      privateKey: config.tls.key ? readFileSync(config.tls.key) : undefined,
      certChain: config.tls.cert ? readFileSync(config.tls.cert) : undefined,
    };
  }
  if (config.username) options.auth = { username: config.username, password: config.password ?? '' };
  return options;
}

/** The etcd cluster behind the service registry: a thin client over etcd3 with bounded waits. */
export class EtcdCluster {
  readonly name: string;
  readonly target: string;
  readonly client: Etcd3;

  constructor(
    readonly config: EtcdConfig,
    readonly timeoutMs = 5000,
  ) {
    this.name = config.name;
    this.target = config.endpoints.join(', ');
    this.client = new Etcd3(etcdOptions(config));
  }

  async status(): Promise<EtcdStatus> {
    const started = performance.now();
    const status = await withTimeout(this.client.maintenance.status(), this.timeoutMs, `etcd ${this.name}`);
    const latencyMs = performance.now() - started;
    const members = await withTimeout(this.client.cluster.memberList({}), this.timeoutMs, `etcd ${this.name}`);
    const leader = members.members.find((m) => m.ID === status.leader);
    return {
      version: status.version,
      latencyMs,
      leader: leader?.name || status.leader,
      members: members.members.length,
      revision: status.header.revision,
    };
  }

  /** A short-lived client for one endpoint only (per-member health). Close it after use. */
  forEndpoint(endpoint: string): Etcd3 {
    return new Etcd3({ ...etcdOptions(this.config), hosts: [endpoint], dialTimeout: 2000 });
  }

  close(): void {
    this.client.close();
  }
}
