import type { EtcdMemberStatus, RegistryView } from '../../../shared/domain';
import { RpcError } from '../../../shared/errors';
import { keyEnvironment } from '../../../shared/production';
import type { DockerHostConfig } from '../../config/profile-schema';
import type { EtcdCluster } from '../../connectors/etcd/etcd-cluster';
import { toErrorData } from '../../core/errors';
import type { Change, ChangeGuard } from '../audit/change-guard';
import type { Connectors } from '../../connectors/connectors';
import type { FleetService } from '../fleet/fleet-service';
import { analyseDrift } from './drift';
import { DEFAULT_INSTANCE_PATTERN, isBinary, parseInstanceKey } from './instance-key';
import { expiredAt, LeaseTracker } from './lease-tracker';
import { RegistryStore } from './registry-store';

export interface RegistrySettings {
  instancePattern?: string;
  root: string;
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
    private readonly guard: ChangeGuard,
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
      productionEnvironments: this.guard.productionEnvironments(),
      engineAddresses: (engine) => addresses.get(engine) ?? [],
      now: Date.now(),
      dockerReady: this.dockerReady(),
    });
  }

  /** Whether the fleet's ports were all known once (see dockerReady below). */
  private portsSeenKnown = false;

  /**
   * Drift needs the containers' ports, not only their rows: until every port discovery of the
   * fleet has answered once (FleetService.portsKnown), nothing is called stale or unregistered.
   * After that it stays ready while every engine's rows are known: a container that starts later
   * is undecided on its own (`portsPending`, see drift.ts) rather than hiding, and so resolving,
   * every finding of the registry for the moment its ports are looked for.
   */
  private dockerReady(): boolean {
    this.portsSeenKnown ||= this.fleet.portsKnown();
    return this.portsSeenKnown && this.fleet.allKnown();
  }

  private readonly viewListeners = new Set<(view: RegistryView) => void>();
  private latestView?: RegistryView;
  private stopViews?: () => void;

  /**
   * The registry.view stream: a view on every change (at most every 200 ms) and every second
   * (lease countdowns), computed once for all subscribers (the watch, topology and every page)
   * and sent only when it differs from the last one: with 10,000 keys a view is megabytes.
   */
  watchView(onView: (view: RegistryView) => void): () => void {
    this.viewListeners.add(onView);
    if (this.viewListeners.size === 1) this.stopViews = this.startViews();
    else if (this.latestView) onView(this.latestView);
    return () => {
      this.viewListeners.delete(onView);
      if (this.viewListeners.size > 0) return;
      this.stopViews?.();
      this.stopViews = undefined;
      this.latestView = undefined;
    };
  }

  private startViews(): () => void {
    let pending: NodeJS.Timeout | undefined;
    let sentJson = '';
    /** What the last view cost the main side (computing, comparing, handing to subscribers), and when it was done. */
    let lastCostMs = 0;
    let lastDoneAt = 0;
    const send = () => {
      pending = undefined;
      const started = performance.now();
      const view = this.view();
      // What the view says, apart from when it was made.
      const json = JSON.stringify({ ...view, at: 0 });
      if (json !== sentJson || !this.latestView) {
        sentJson = json;
        this.latestView = view;
        for (const listener of [...this.viewListeners]) listener(view);
      }
      lastDoneAt = performance.now();
      lastCostMs = lastDoneAt - started;
    };
    // A large registry's view costs a lot (10,000 keys: a few hundred ms to make, 2.8 MB to
    // send, parse and draw in each page): under a burst of changes it is made at most once per
    // four times its cost, and a view over a megabyte at most every 2 s, so the main side and
    // the pages stay free for the cheap events between views (a key's change on the Keys tab).
    const soon = () => {
      if (pending) return;
      const spacing = Math.max(4 * lastCostMs, sentJson.length > 1_000_000 ? 2000 : 0);
      const wait = Math.max(200, lastDoneAt + spacing - performance.now());
      pending = setTimeout(send, wait);
    };
    const offStore = this.store.subscribe(soon);
    const offFleet = this.fleet.subscribe(soon);
    // A loaded tree is sent at once to the first subscriber (a screen waits for it), not after 200 ms.
    if (this.store.revision !== '0') pending = setTimeout(send, 0);
    let ticking = false;
    const tick = setInterval(async () => {
      if (ticking) return;
      ticking = true;
      const inUse = new Set([...this.store.keys.values()].filter((k) => k.lease !== '0' && parseInstanceKey(k.key, this.pattern)).map((k) => k.lease));
      // Nothing counts down without leases: changes of keys and containers send a view of their own.
      if (inUse.size === 0) {
        ticking = false;
        return;
      }
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
    const value = await this.etcd.get(key);
    if (!value) return { key, value: '', encoding: 'utf8', size: 0, found: false };
    const binary = isBinary(value);
    return { key, value: binary ? value.toString('base64') : value.toString('utf8'), encoding: binary ? 'base64' : 'utf8', size: value.length, found: true };
  }

  async put(key: string, value: string, confirmName?: string): Promise<{ ok: true; revision: string }> {
    return this.guard.run(this.keyChange('put', key, confirmName, { size: value.length }), async () => {
      const result = await this.etcd.put(key, value);
      return { ok: true as const, revision: result.revision };
    });
  }

  async delete(key: string, confirmName: string | undefined, action: 'delete' | 'deregister'): Promise<{ ok: true; deleted: number; revision: string }> {
    const current = this.store.keys.get(key);
    const params = current ? { value: current.valueKind === 'binary' ? '(binary)' : current.value.slice(0, 200), lease: current.lease } : {};
    return this.guard.run(this.keyChange(action, key, confirmName, params), async () => {
      this.guard.planned.expect({ key });
      const result = await this.etcd.delete(key);
      const deleted = result.deleted;
      if (action === 'deregister' && deleted === 0) throw new RpcError('NOT_FOUND', `${key} is not registered (any more)`);
      return { ok: true as const, deleted, revision: result.revision };
    });
  }

  async revokeLease(lease: string, confirmName?: string): Promise<{ ok: true; keys: string[] }> {
    const keys = [...this.store.keys.values()].filter((k) => k.lease === lease).map((k) => k.key);
    const change: Change = {
      action: 'revoke-lease',
      target: `lease ${lease}`,
      params: { keys },
      production: keys.some((k) => this.isProductionKey(k)),
      typedName: lease,
      confirmName,
      why: `lease ${lease} holds production keys (${keys.join(', ')})`,
      typeWhat: 'the lease id',
    };
    return this.guard.run(change, async () => {
      for (const key of keys) this.guard.planned.expect({ key });
      await this.etcd.revokeLease(lease);
      return { ok: true as const, keys };
    });
  }

  /** A lease's remaining seconds; -1 once it has expired or been revoked. */
  async leaseTtl(lease: string): Promise<number> {
    return (await this.etcd.leaseTimeToLive(lease)).ttl;
  }

  /** When a lease that is now gone expired, as its last readings tell (see expiredAt). */
  leaseExpiredAt(lease: string, seenAt: number): number {
    return expiredAt(seenAt, this.leases.get(lease));
  }

  /** Each endpoint asked on its own, so one dead member shows as such and the rest still answer. */
  async members(): Promise<EtcdMemberStatus[]> {
    const members = await this.etcd.members().catch(() => []);
    return Promise.all(
      this.etcd.endpoints.map(async (endpoint): Promise<EtcdMemberStatus> => {
        const member = members.find((m) => m.clientUrls.includes(endpoint));
        const base = { endpoint, name: member?.name, id: member?.id };
        try {
          const { memberId, ...report } = await this.etcd.memberReport(endpoint);
          return { ...base, id: base.id ?? memberId, ...report };
        } catch (error) {
          return { ...base, isLeader: false, errors: [], error: toErrorData(error) };
        }
      }),
    );
  }

  private isProductionKey(key: string): boolean {
    return this.guard.isProduction(parseInstanceKey(key, this.pattern)?.env ?? keyEnvironment(key));
  }

  private keyChange(action: string, key: string, confirmName: string | undefined, params: Record<string, unknown>): Change {
    return { action, target: key, params, production: this.isProductionKey(key), typedName: key, confirmName, why: `${key} is a production key`, typeWhat: 'the key' };
  }
}
