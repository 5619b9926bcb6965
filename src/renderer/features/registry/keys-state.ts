import type { RegistryEvent, RegistryKey } from '../../../shared/domain';

export interface KeysState {
  keys: ReadonlyMap<string, RegistryKey>;
  revision?: string;
  /** connecting until the first snapshot; reconnecting while the backend's watch is broken. */
  state: 'connecting' | 'live' | 'reconnecting';
  error?: string;
  /** The last time the whole tree was read again for a reason worth saying (not the first read). */
  resync?: { reason: 'reconnected' | 'compacted'; revision: string; at: number };
  /**
   * The last re-read forced by a compacted revision, even one made before this view subscribed
   * or followed by a plain reconnect: the one an engineer must not miss (changes were skipped).
   */
  compacted?: { revision: string; at: number };
  /** Keys deleted since they were last seen, with the revision (so a selected key can say so). */
  deleted: ReadonlyMap<string, string>;
}

export const INITIAL_KEYS: KeysState = { keys: new Map(), state: 'connecting', deleted: new Map() };

/** Applies a batch of `registry.keys` events; one new Map per batch, not per event. */
export function applyKeyEvents(current: KeysState, events: readonly RegistryEvent[], now = Date.now()): KeysState {
  if (events.length === 0) return current;
  let keys: Map<string, RegistryKey> | undefined;
  let deleted: Map<string, string> | undefined;
  let next: KeysState = current;
  const writable = () => (keys ??= new Map(next.keys));
  const tombstones = () => (deleted ??= new Map(next.deleted));
  for (const event of events) {
    switch (event.kind) {
      case 'snapshot': {
        const fresh = new Map(event.keys.map((k) => [k.key, k]));
        // A second "initial" snapshot means this renderer subscribed again after the stream broke.
        const reason = event.resync === 'initial' && next.revision !== undefined ? 'reconnected' : event.resync;
        const at = event.at ?? now;
        const compacted = event.resync === 'compacted' ? { revision: event.revision, at } : event.lastCompacted;
        const gone = new Map<string, string>();
        for (const key of (keys ?? next.keys).keys()) if (!fresh.has(key)) gone.set(key, event.revision);
        keys = fresh;
        deleted = gone;
        next = {
          ...next,
          revision: event.revision,
          state: 'live',
          error: undefined,
          resync: reason === 'initial' ? next.resync : { reason, revision: event.revision, at: reason === 'reconnected' && event.resync === 'initial' ? now : at },
          compacted: compacted && (!next.compacted || compacted.at >= next.compacted.at) ? compacted : next.compacted,
        };
        break;
      }
      case 'put':
        writable().set(event.key.key, event.key);
        if ((deleted ?? next.deleted).has(event.key.key)) tombstones().delete(event.key.key);
        next = { ...next, revision: event.revision };
        break;
      case 'delete':
        writable().delete(event.key);
        tombstones().set(event.key, event.revision);
        next = { ...next, revision: event.revision };
        break;
      case 'state':
        next = { ...next, state: event.state, error: event.state === 'reconnecting' ? event.error?.message : undefined };
        break;
    }
  }
  return { ...next, keys: keys ?? next.keys, deleted: trim(deleted ?? next.deleted) };
}

export type ResyncNotice = { reason: 'reconnected' | 'compacted'; revision: string; at: number };

/**
 * The re-read to tell the engineer about, if any is newer than the one they dismissed: a
 * compacted one first (changes were skipped), else a plain reconnect.
 */
export function resyncNotice(state: Pick<KeysState, 'resync' | 'compacted'>, dismissedAt = 0): ResyncNotice | undefined {
  if (state.compacted && state.compacted.at > dismissedAt) return { reason: 'compacted', ...state.compacted };
  if (state.resync && state.resync.reason === 'reconnected' && state.resync.at > dismissedAt) return state.resync;
  return undefined;
}

/** What dismissing the notice hides: every re-read known so far. */
export function dismissedUntil(state: Pick<KeysState, 'resync' | 'compacted'>): number {
  return Math.max(state.resync?.at ?? 0, state.compacted?.at ?? 0);
}

/** Keeps the list of remembered deletions short. */
function trim(deleted: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  if (deleted.size <= 500) return deleted;
  return new Map([...deleted].slice(-500));
}
