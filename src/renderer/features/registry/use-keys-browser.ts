import { useEffect, useMemo, useState } from 'react';
import { useSessionState } from '../../core/use-session-state';
import type { PendingChange } from './KeyChangeDialog';
import { dismissedUntil, resyncNotice } from './keys-state';
import { leafName, listLevel, prefixOf, ROOT } from './key-tree';
import type { KeyRow } from './KeyTable';
import { useRegistryKeys } from './use-registry';

/**
 * The state of the key browser: the live key tree, the folder shown and its rows (filtered),
 * the selected key, the put form's draft and the change waiting for its confirmation.
 */
export function useKeysBrowser() {
  const store = useRegistryKeys();
  const [prefix, setPrefix] = useSessionState('registry.keys.prefix', ROOT);
  const [selected, setSelected] = useSessionState<string | null>('registry.keys.selected', null);
  const [filter, setFilter] = useState('');
  const [draftKey, setDraftKey] = useState(prefix);
  const [draftValue, setDraftValue] = useState('');
  const [pending, setPending] = useState<PendingChange>();
  // Kept for the session: a notice dismissed stays dismissed when the tab is opened again.
  const [dismissedResync, setDismissedResync] = useSessionState('registry.keys.resyncDismissedAt', 0);

  const level = useMemo(() => listLevel(store.keys.keys(), prefix), [store.keys, prefix]);
  const rows = useMemo<KeyRow[]>(() => {
    const needle = filter.trim().toLowerCase();
    const match = (name: string) => !needle || name.toLowerCase().includes(needle);
    const out: KeyRow[] = prefix !== ROOT ? [{ type: 'parent', prefix: prefixOf(prefix.slice(0, -1)) }] : [];
    for (const folder of level.folders) if (match(folder.name)) out.push({ type: 'folder', ...folder });
    for (const key of level.keys) {
      const entry = store.keys.get(key);
      const name = leafName(key, prefix);
      if (entry && match(name)) out.push({ type: 'key', key: entry, name });
    }
    return out;
  }, [level, store.keys, prefix, filter]);

  // A typed key that is still just a folder follows the navigation.
  useEffect(() => setDraftKey((current) => (current === '' || current.endsWith('/') ? prefix : current)), [prefix]);

  const openFolder = (next: string) => {
    setPrefix(next);
    setFilter('');
  };
  const edit = (key: string, value: string) => {
    setDraftKey(key);
    setDraftValue(value);
  };
  /** After a confirmed change: a put shows the key written, a delete clears the selection of that key. */
  const changeDone = (change: PendingChange) => {
    if (change.action === 'put') {
      setSelected(change.key);
      openFolder(prefixOf(change.key));
    } else if (selected === change.key) setSelected(null);
  };

  return {
    store,
    /** The store's state, a broken stream counting as reconnecting. */
    state: store.streamError ? ('reconnecting' as const) : store.state,
    stateError: store.streamError ?? store.error,
    /** The re-read to tell about (a compacted one is shown until dismissed, whatever came after). */
    resync: resyncNotice(store, dismissedResync),
    dismissResync: () => setDismissedResync(dismissedUntil(store)),
    prefix,
    openFolder,
    filter,
    setFilter,
    rows,
    selected,
    setSelected,
    draftKey,
    setDraftKey,
    draftValue,
    setDraftValue,
    edit,
    pending,
    setPending,
    changeDone,
  };
}
