import { readFileSync } from 'node:fs';
import { Etcd3, type IKeyValue, type IOptions } from 'etcd3';
import type { EtcdConfig } from '../../config/profile-schema';
import { withTimeout } from '../../core/with-timeout';
import { isCompactedError, toEtcdRpcError } from './etcd-errors';

/** A key as etcd holds it (key and value as bytes; revisions and lease as decimal strings). */
export type EtcdKeyValue = IKeyValue;

export interface EtcdStatus {
  version: string;
  latencyMs: number;
  leader: string;
  members: number;
  revision: string;
}

export interface EtcdMember {
  id: string;
  name: string;
  clientUrls: string[];
}

/** One member's own answer (asked at its endpoint only). */
export interface EtcdMemberReport {
  memberId: string;
  isLeader: boolean;
  version: string;
  dbSize: number;
  raftTerm: string;
  raftIndex: string;
  latencyMs: number;
  errors: string[];
}

/** What a watch reports; see watchFrom. */
export interface WatchHandlers {
  put(kv: EtcdKeyValue): void;
  delete(kv: EtcdKeyValue, previous?: EtcdKeyValue): void;
  /** The connection dropped; the watch resumes by itself from its last revision. */
  disconnected(error: unknown): void;
  connected(): void;
  /** The watch failed for good (for example its revision was compacted: `compacted` is true). */
  failed(error: unknown, compacted: boolean): void;
  /** The watch ended without an error. */
  ended(): void;
}

export interface EtcdWatch {
  cancel(): Promise<void>;
}

/** How long one short call to one member may take before the client tries another member. */
const UNARY_DEADLINE_MS = 3000;

export function etcdOptions(config: EtcdConfig): IOptions {
  const options: IOptions = {
    hosts: config.endpoints,
    dialTimeout: 3000,
    // A short call to a frozen member fails after this (not never) and is retried on another
    // member; watches are streams and have no deadline (they resume by revision).
    defaultCallOptions: (context) => (context.isStream ? {} : { deadline: Date.now() + UNARY_DEADLINE_MS }),
  };
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

/**
 * The etcd cluster behind the service registry: the only place that talks to it. Short
 * calls are bounded, failures come back as the console's errors.
 */
export class EtcdCluster {
  readonly name: string;
  readonly target: string;
  readonly endpoints: readonly string[];
  private readonly client: Etcd3;
  /** One client per member for liveness checks, each pinned to its endpoint. */
  private readonly memberClients = new Map<string, Etcd3>();

  constructor(
    readonly config: EtcdConfig,
    readonly timeoutMs = 5000,
  ) {
    this.name = config.name;
    this.target = config.endpoints.join(', ');
    this.endpoints = config.endpoints;
    this.client = new Etcd3(etcdOptions(config));
  }

  private async call<T>(promise: Promise<T>, timeoutMs = this.timeoutMs, what = `etcd ${this.name}`): Promise<T> {
    try {
      return await withTimeout(promise, timeoutMs, what);
    } catch (error) {
      throw toEtcdRpcError(error);
    }
  }

  async status(): Promise<EtcdStatus> {
    const started = performance.now();
    const status = await this.call(this.client.maintenance.status());
    const latencyMs = performance.now() - started;
    const members = await this.call(this.client.cluster.memberList({}));
    const leader = members.members.find((m) => m.ID === status.leader);
    return {
      version: status.version,
      latencyMs,
      leader: leader?.name || status.leader,
      members: members.members.length,
      revision: status.header.revision,
    };
  }

  /** Every key under a prefix, with the revision they were read at. */
  async getPrefix(prefix: string): Promise<{ revision: string; kvs: EtcdKeyValue[] }> {
    const response = await this.call(this.client.getAll().prefix(prefix).exec());
    return { revision: response.header.revision, kvs: response.kvs };
  }

  /** A key's value as bytes, or null when there is no such key. */
  get(key: string): Promise<Buffer | null> {
    return this.call(this.client.get(key).buffer());
  }

  async put(key: string, value: string): Promise<{ revision: string }> {
    const result = await this.call(this.client.put(key).value(value).exec());
    return { revision: result.header.revision };
  }

  async delete(key: string): Promise<{ deleted: number; revision: string }> {
    const result = await this.call(this.client.delete().key(key).exec());
    return { deleted: Number(result.deleted), revision: result.header.revision };
  }

  /** Seconds left on a lease (-1 once expired or revoked) and the TTL it was granted with. */
  async leaseTimeToLive(lease: string): Promise<{ ttl: number; grantedTtl: number }> {
    const answer = await this.call(this.client.leaseClient.leaseTimeToLive({ ID: lease, keys: false }));
    return { ttl: Number(answer.TTL), grantedTtl: Number(answer.grantedTTL) };
  }

  async revokeLease(lease: string): Promise<void> {
    await this.call(this.client.leaseClient.leaseRevoke({ ID: lease }));
  }

  async members(): Promise<EtcdMember[]> {
    const list = await this.call(this.client.cluster.memberList({}));
    return list.members.map((m) => ({ id: m.ID, name: m.name, clientUrls: m.clientURLs }));
  }

  /** Asks one endpoint only, with its own short-lived client, so a dead member shows as such. */
  async memberReport(endpoint: string, timeoutMs = 3000): Promise<EtcdMemberReport> {
    const single = new Etcd3({ ...etcdOptions(this.config), hosts: [endpoint], dialTimeout: 2000 });
    try {
      const started = performance.now();
      const status = await this.call(single.maintenance.status(), timeoutMs, `etcd ${endpoint}`);
      return {
        memberId: status.header.member_id,
        isLeader: status.leader === status.header.member_id,
        version: status.version,
        dbSize: Number(status.dbSize),
        raftTerm: status.raftTerm,
        raftIndex: status.raftIndex,
        latencyMs: Math.round((performance.now() - started) * 10) / 10,
        errors: status.errors ?? [],
      };
    } finally {
      single.close();
    }
  }

  /**
   * One member's status through a client pinned to it, kept between checks. Not bounded
   * here: the liveness check bounds its wait and does not ask again while this is open.
   */
  async memberPing(endpoint: string): Promise<{ isLeader: boolean; version: string; revision: string; latencyMs: number }> {
    let client = this.memberClients.get(endpoint);
    if (!client) {
      client = new Etcd3({ ...etcdOptions(this.config), hosts: [endpoint], dialTimeout: 2000 });
      this.memberClients.set(endpoint, client);
    }
    const started = performance.now();
    try {
      const status = await client.maintenance.status();
      return { isLeader: status.leader === status.header.member_id, version: status.version, revision: status.header.revision, latencyMs: performance.now() - started };
    } catch (error) {
      throw toEtcdRpcError(error);
    }
  }

  /**
   * Watches a prefix from a revision on. etcd3 resumes a dropped watch from its last
   * revision by itself (disconnected, then connected); a compacted revision or another
   * lasting failure ends it (failed), and the caller reads everything again.
   *
   * etcd cancels a watch whose revision was compacted with an empty reason (etcd3 reports
   * "Watcher canceled: "), so an unexpected cancel is checked: a read at the revision the watch
   * asked for fails as compacted exactly when that is why.
   */
  async watchFrom(prefix: string, revision: string, handlers: WatchHandlers): Promise<EtcdWatch> {
    const watcher = await this.call(this.client.watch().prefix(prefix).startRevision(revision).create());
    // Once etcd has cancelled or ended it, the watcher is gone from etcd3's manager: a cancel
    // then would wait for an answer that never comes.
    let finished = false;
    // The revision the watch resumes from after a drop. etcd3 moves its own on to the create
    // answer's revision as soon as the resumed watch is accepted, before etcd cancels it.
    let resumeFrom = revision;
    watcher.on('put', (kv) => handlers.put(kv));
    watcher.on('delete', (kv, previous) => handlers.delete(kv, previous));
    watcher.on('disconnected', (error) => {
      resumeFrom = String(watcher.lastRevision() ?? resumeFrom);
      handlers.disconnected(error);
    });
    watcher.on('connected', () => handlers.connected());
    watcher.on('error', (error) => {
      finished = true;
      void this.wasCompacted(error, prefix, resumeFrom).then((compacted) => handlers.failed(error, compacted));
    });
    watcher.on('end', () => {
      finished = true;
      handlers.ended();
    });
    return {
      cancel: async () => {
        if (finished) return;
        finished = true;
        await withTimeout(watcher.cancel(), UNARY_DEADLINE_MS, `etcd ${this.name} watch cancel`).catch(() => undefined);
      },
    };
  }

  /** Whether a watch failed because the revision it would resume from is compacted (asked of etcd when the error does not say). */
  private async wasCompacted(error: unknown, prefix: string, revision: string): Promise<boolean> {
    if (isCompactedError(error)) return true;
    try {
      await this.call(this.client.getAll().prefix(prefix).revision(revision).limit(1).keys());
      return false;
    } catch (readError) {
      return isCompactedError(readError);
    }
  }

  close(): void {
    this.client.close();
    for (const client of this.memberClients.values()) client.close();
    this.memberClients.clear();
  }
}
