import { useCallback, useState } from 'react';
import type { RegistryEvent, RegistryView } from '../../../shared/domain';
import { applyKeyEvents, INITIAL_KEYS, type KeysState } from './keys-state';
import { useResilientStream } from '../../api/use-resilient-stream';
import { useWarmStream, WarmStream } from '../../api/warm-stream';

const NO_INPUT = {};

/** `registry.view`, kept subscribed after first use: the Registry screen and the palette draw the last view at once. */
const registryViewStream = new WarmStream({
  name: 'registry.view',
  input: NO_INPUT,
  initial: undefined as RegistryView | undefined,
  reduce: (view, items) => items[items.length - 1] ?? view,
});

/** The latest `registry.view` (sent on every change and every second); older ones are dropped. */
export function useRegistryView(): { view?: RegistryView; error?: string } {
  const { state, error } = useWarmStream(registryViewStream);
  return { view: state, error };
}

/** The raw key tree from `registry.keys`: a snapshot, then puts and deletes. */
export function useRegistryKeys(): KeysState & { streamError?: string } {
  const [state, setState] = useState<KeysState>(INITIAL_KEYS);
  const onItems = useCallback((items: RegistryEvent[]) => setState((current) => applyKeyEvents(current, items)), []);
  const { error } = useResilientStream('registry.keys', NO_INPUT, onItems);
  return { ...state, streamError: error };
}
