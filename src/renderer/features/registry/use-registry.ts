import { useCallback, useState } from 'react';
import type { RegistryEvent, RegistryView } from '../../../shared/domain';
import { applyKeyEvents, INITIAL_KEYS, type KeysState } from './keys-state';
import { useResilientStream } from '../../api/use-resilient-stream';

const NO_INPUT = {};

/** The latest `registry.view` (sent on every change and every second); older ones are dropped. */
export function useRegistryView(): { view?: RegistryView; error?: string } {
  const [view, setView] = useState<RegistryView>();
  const onItems = useCallback((items: RegistryView[]) => {
    const latest = items[items.length - 1];
    if (latest) setView(latest);
  }, []);
  const { error } = useResilientStream('registry.view', NO_INPUT, onItems);
  return { view, error };
}

/** The raw key tree from `registry.keys`: a snapshot, then puts and deletes. */
export function useRegistryKeys(): KeysState & { streamError?: string } {
  const [state, setState] = useState<KeysState>(INITIAL_KEYS);
  const onItems = useCallback((items: RegistryEvent[]) => setState((current) => applyKeyEvents(current, items)), []);
  const { error } = useResilientStream('registry.keys', NO_INPUT, onItems);
  return { ...state, streamError: error };
}
