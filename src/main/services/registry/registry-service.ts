import type { EtcdMemberStatus, RegistryView } from '../../../shared/domain';
import { RpcError } from '../../../shared/errors';
import type { DockerHostConfig } from '../../config/profile-schema';
import type { EtcdCluster } from '../../connectors/etcd/etcd-cluster';
import { toErrorData, toRpcError, withTimeout } from '../../rpc/errors';
import type { AuditLog } from '../audit/audit-log';
import type { Connectors } from '../connection-registry';
import { isProduction } from '../containers/container-environment';
import type { FleetService } from '../fleet/fleet-service';
import { analyseDrift } from './drift';
import { DEFAULT_INSTANCE_PATTERN, isBinary, parseInstanceKey } from './instance-key';
import { LeaseTracker } from './lease-tracker';
import { RegistryStore } from './registry-store';

export interface RegistrySettings {
  instancePattern?: string;
  root: string;
  productionEnvironments: () => string[];
}

/** The IPs an engine's host-network containers are reached at: the setting, or the engine's host. */
export function engineAddresses(config: DockerHostConfig): string[] {
  if (config.addresses?.length) return config.addresses;
  const url = new URL(config.host);
  if (url.protocol === 'unix:' || url.protocol === 'npipe:') return ['127.0.0.1', '::1'];
  return [url.hostname];
}

/** The etcd service registry: live keys, instances matched to Docker, leases, and audited changes. */
export class RegistryService {
  readonly store: RegistryStore;
  private readonly leases: LeaseTracker;
  private readonly pattern: RegExp;

  constructor(
    private readonly etcd: EtcdCluster,
    private readonly connectors: Connectors,
    private readonly fleet: FleetService,
    private readonly audit: AuditLog,
    private readonly settings: RegistrySettings,
  ) {
    this.store = new RegistryStore(etcd, settings.root);
    this.leases = new LeaseTracker(etcd);
    this.pattern = new RegExp(settings.instancePattern ?? DEFAULT_INSTANCE_PATTERN);
  }

  view(): RegistryView {
    const containers = this.connectors.docker.flatMap((engine) => this.fleet.feed(engine.name)?.list() ?? []);
    const addresses = new Map(this.connectors.docker.map((e) => [e.name, engineAddresses(e.config)]));
    return analyseDrift({
      revision: this.store.revision,
      keys: [...this.store.keys.values()],
      containers,
      lease: (id) => this.leases.get(id),
      pattern: this.pattern,
      productionEnvironments: this.settings.productionEnvironments(),
      engineAddresses: (engine) => addresses.get(engine) ?? [],
      now: Date.now(),
      dockerReady: this.fleet.allKnown(),
    });
  }

  /** The registry.view stream: a view on every change (at most every 200 ms) and every second. */
  watchView(onView: (view: RegistryView) => void): () => void {
    let pending: NodeJS.Timeout | undefined;
    const send = () => {
      pending = undefined;
      onView(this.view());
    };
    const soon = () => {
      pending ??= setTimeout(send, 200);
    };
    const offStore = this.store.subscribe(soon);
    const offFleet = this.fleet.subscribe(soon);
    let ticking = false;
    const tick = setInterval(async () => {
      if (ticking) return;
      ticking = true;
      const inUse = new Set([...this.store.keys.values()].filter((k) => parseInstanceKey(k.key, this.pattern)).map((k) => k.lease));
      await this.leases.refresh(inUse).finally(() => (ticking = false));
      send();
    }, 1000);
    return () => {
      offStore();
      offFleet();
      clearInterval(tick);
      clearTimeout(pending);
    };
  }

  async get(key: string): Promise<{ key: string; value: string; encoding: 'utf8' | 'base64'; size: number; found: boolean }> {
    const value = await this.etcd.client.get(key).buffer().catch((error: unknown) => {
      throw toRpcError(error);
    });
    if (!value) return { key, value: '', encoding: 'utf8', size: 0, found: false };
    const binary = isBinary(value);
    return { key, value: binary ? value.toString('base64') : value.toString('utf8'), encoding: binary ? 'base64' : 'utf8', size: value.length, found: true };
  }

  async put(key: string, value: string, confirmName?: string): Promise<{ ok: true; revision: string }> {
    await this.guard('put', key, confirmName, { size: value.length });
    return this.audited('put', key, { size: value.length }, async () => {
      const result = await this.etcd.client.put(key).value(value).exec();
      return { ok: true as const, revision: result.header.revision };
    });
  }

  async delete(key: string, confirmName: string | undefined, action: 'delete' | 'deregister'): Promise<{ ok: true; deleted: number; revision: string }> {
    const current = this.store.keys.get(key);
    const params = current ? { value: current.valueKind === 'binary' ? '(binary)' : current.value.slice(0, 200), lease: current.lease } : {};
    await this.guard(action, key, confirmName, params);
    return this.audited(action, key, params, async () => {
      const result = await this.etcd.client.delete().key(key).exec();
      const deleted = Number(result.deleted);
      if (action === 'deregister' && deleted === 0) throw new RpcError('NOT_FOUND', `${key} is not registered (any more)`);
      return { ok: true as const, deleted, revision: result.header.revision };
    });
  }

  async revokeLease(lease: string, confirmName?: string): Promise<{ ok: true; keys: string[] }> {
    const keys = [...this.store.keys.values()].filter((k) => k.lease === lease).map((k) => k.key);
    const production = keys.some((k) => this.isProductionKey(k));
    if (production && confirmName !== lease) {
      const message = `Refused: lease ${lease} holds production keys (${keys.join(', ')}); type the lease id to confirm.`;
      await this.audit.record({ target: `lease ${lease}`, action: 'revoke-lease', params: { keys }, result: 'error', message });
      throw new RpcError('FORBIDDEN', message, { needsTypedName: lease });
    }
    return this.audited('revoke-lease', `lease ${lease}`, { keys }, async () => {
      await this.etcd.client.leaseClient.leaseRevoke({ ID: lease });
      return { ok: true as const, keys };
    });
  }

  /** A lease's remaining seconds; -1 once it has expired or been revoked. */
  async leaseTtl(lease: string): Promise<number> {
    const answer = await this.etcd.client.leaseClient.leaseTimeToLive({ ID: lease, keys: false });
    return Number(answer.TTL);
  }

  /** Each endpoint asked on its own, so one dead member shows as such and the rest still answer. */
  async members(): Promise<EtcdMemberStatus[]> {
    const memberList = await withTimeout(this.etcd.client.cluster.memberList({}), 5000, 'etcd').catch(() => undefined);
    return Promise.all(
      this.etcd.config.endpoints.map(async (endpoint): Promise<EtcdMemberStatus> => {
        const member = memberList?.members.find((m) => m.clientURLs.includes(endpoint));
        const base = { endpoint, name: member?.name, id: member?.ID };
        const single = this.etcd.forEndpoint(endpoint);
        try {
          const started = performance.now();
          const status = await withTimeout(single.maintenance.status(), 3000, `etcd ${endpoint}`);
          return {
            ...base,
            id: base.id ?? status.header.member_id,
            isLeader: status.leader === status.header.member_id,
            version: status.version,
            dbSize: Number(status.dbSize),
            raftTerm: status.raftTerm,
            raftIndex: status.raftIndex,
            latencyMs: Math.round((performance.now() - started) * 10) / 10,
            errors: status.errors ?? [],
          };
        } catch (error) {
          return { ...base, isLeader: false, errors: [], error: toErrorData(error) };
        } finally {
          single.close();
        }
      }),
    );
  }

  private isProductionKey(key: string): boolean {
    const parsed = parseInstanceKey(key, this.pattern);
    const env = parsed?.env ?? /^\/[^/_]+_([^/]+)\//.exec(key)?.[1];
    return isProduction(env, this.settings.productionEnvironments());
  }

  private async guard(action: string, key: string, confirmName: string | undefined, params: Record<string, unknown>): Promise<void> {
    if (!this.isProductionKey(key) || confirmName === key) return;
    const message = `Refused: ${key} is a production key; type the key to confirm.`;
    await this.audit.record({ target: key, action, params, result: 'error', message });
    throw new RpcError('FORBIDDEN', message, { needsTypedName: key });
  }

  private async audited<T>(action: string, target: string, params: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      await this.audit.record({ target, action, params, result: 'ok', message: `${action} ${target}` });
      return result;
    } catch (error) {
      const rpcError = toRpcError(error);
      await this.audit.record({ target, action, params, result: 'error', message: rpcError.message });
      throw rpcError;
    }
  }
}
