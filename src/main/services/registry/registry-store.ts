import type { RegistryEvent, RegistryKey } from '../../../shared/domain';
import type { EtcdCluster, EtcdKeyValue } from '../../connectors/etcd/etcd-cluster';
import { backoffDelay, sleep } from '../../core/backoff';
import { toErrorData } from '../../core/errors';
import { describeValue } from './instance-key';

export function toRegistryKey(kv: EtcdKeyValue): RegistryKey {
  return {
    key: kv.key.toString('utf8'),
    ...describeValue(kv.value),
    createRevision: kv.create_revision,
    modRevision: kv.mod_revision,
    version: kv.version,
    lease: kv.lease,
  };
}

/** How many registry events are kept for the timeline and for checks. */
const HISTORY_LIMIT = 20_000;

/**
 * A live copy of the registry: read once, then kept current by a watch from the next
 * revision. etcd3's watcher resumes from the last revision after a disconnect; if that
 * revision was compacted, or the watch ends, the store reads everything again and says so.
 */
export class RegistryStore {
  readonly keys = new Map<string, RegistryKey>();
  revision = '0';
  /** Put and delete events seen, oldest first, each once (bounded). */
  readonly history: Array<Extract<RegistryEvent, { kind: 'put' | 'delete' }>> = [];
  private readonly listeners = new Set<(event: RegistryEvent) => void>();
  private watcher?: { cancel(): Promise<void> };
  private started?: Promise<void>;
  private stopped = false;
  private ready = false;
  private state: 'live' | 'reconnecting' = 'reconnecting';
  /** When the tree was last read, and the last read forced by a compacted revision. */
  private readAt = 0;
  private lastCompacted?: { revision: string; at: number };

  constructor(
    private readonly etcd: EtcdCluster,
    readonly root = '/',
  ) {}

  start(): Promise<void> {
    this.started ??= this.resync('initial');
    return this.started;
  }

  subscribe(listener: (event: RegistryEvent) => void): () => void {
    void this.start();
    if (this.ready) listener(this.snapshot('initial'));
    listener({ kind: 'state', state: this.state });
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.stopped = true;
    void this.watcher?.cancel();
  }

  private snapshot(resync: 'initial' | 'reconnected' | 'compacted'): RegistryEvent {
    return { kind: 'snapshot', revision: this.revision, keys: [...this.keys.values()], resync, at: this.readAt, ...(this.lastCompacted ? { lastCompacted: this.lastCompacted } : {}) };
  }

  private emit(event: RegistryEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private setState(state: 'live' | 'reconnecting', error?: unknown): void {
    if (this.state === state && !error) return;
    this.state = state;
    this.emit({ kind: 'state', state, ...(error ? { error: toErrorData(error) } : {}) });
  }

  private async resync(reason: 'initial' | 'reconnected' | 'compacted'): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      try {
        await this.watcher?.cancel().catch(() => undefined);
        const response = await this.etcd.getPrefix(this.root);
        this.keys.clear();
        for (const kv of response.kvs) this.keys.set(kv.key.toString('utf8'), toRegistryKey(kv));
        this.revision = response.revision;
        this.readAt = Date.now();
        if (reason === 'compacted') this.lastCompacted = { revision: this.revision, at: this.readAt };
        this.ready = true;
        this.emit(this.snapshot(reason));
        await this.watchFrom(String(BigInt(this.revision) + 1n));
        this.setState('live');
        return;
      } catch (error) {
        this.setState('reconnecting', error);
        await sleep(backoffDelay(attempt++));
      }
    }
  }

  private async watchFrom(revision: string): Promise<void> {
    // Events of a watch that was replaced (a resync started a new one) are ignored.
    const current = () => !this.stopped && this.watcher === watch;
    const watch = await this.etcd.watchFrom(this.root, revision, {
      put: (kv) => {
        const key = toRegistryKey(kv);
        this.keys.set(key.key, key);
        this.advance(kv.mod_revision, { kind: 'put', revision: kv.mod_revision, key });
      },
      delete: (kv, previous) => {
        const key = kv.key.toString('utf8');
        const lease = previous?.lease ?? this.keys.get(key)?.lease ?? '0';
        this.keys.delete(key);
        this.advance(kv.mod_revision, { kind: 'delete', revision: kv.mod_revision, key, lease });
      },
      disconnected: (error) => this.setState('reconnecting', error),
      connected: () => this.setState('live'),
      failed: (_error, compacted) => {
        if (current()) void this.resync(compacted ? 'compacted' : 'reconnected');
      },
      ended: () => {
        if (current()) void this.resync('reconnected');
      },
    });
    this.watcher = watch;
  }

  private advance(revision: string, event: Extract<RegistryEvent, { kind: 'put' | 'delete' }>): void {
    // A replayed event (the watcher resumed from an earlier revision) is not applied twice.
    const last = this.history[this.history.length - 1];
    if (last && BigInt(revision) < BigInt(last.revision)) return;
    if (last && last.revision === revision && last.kind === event.kind && (last.kind === 'put' ? last.key.key : last.key) === (event.kind === 'put' ? event.key.key : event.key)) return;
    if (BigInt(revision) > BigInt(this.revision)) this.revision = revision;
    this.history.push(event);
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
    this.emit(event);
  }
}
