import type { RegistryEvent } from '../src/shared/domain';
import type { AppContext } from '../src/main/app-context';

/** What a `registry.keys` subscriber has seen: the keys now, and the stream's history. */
export interface FollowedRegistry {
  keys: Map<string, string>;
  /** Every snapshot: why it was read and at which revision. */
  snapshots: Array<{ resync: string; revision: string }>;
  /** `${revision} ${key}` of every put. */
  puts: string[];
  /** The watch's states (live, reconnecting) in order. */
  states: string[];
  off(): void;
}

/** Follows the registry as a screen does: the snapshot, then each put and delete. */
export function followRegistry(dispatcher: AppContext['dispatcher']): FollowedRegistry {
  const followed: Omit<FollowedRegistry, 'off'> = { keys: new Map(), snapshots: [], puts: [], states: [] };
  const off = dispatcher.subscribe('registry.keys', {}, (event) => {
    if (event.type !== 'data') return;
    for (const item of event.items as RegistryEvent[]) {
      if (item.kind === 'snapshot') {
        followed.keys.clear();
        for (const k of item.keys) followed.keys.set(k.key, k.value);
        followed.snapshots.push({ resync: item.resync, revision: item.revision });
      }
      if (item.kind === 'put') {
        followed.keys.set(item.key.key, item.key.value);
        followed.puts.push(`${item.revision} ${item.key.key}`);
      }
      if (item.kind === 'delete') followed.keys.delete(item.key);
      if (item.kind === 'state') followed.states.push(item.state);
    }
  });
  return { ...followed, off };
}
