import { useSyncExternalStore } from 'react';
import type { StreamInput } from '../../../shared/contract';
import { client } from '../../api';
import { applySearchEvents, endedSearch, IDLE_SEARCH, startedSearch, type SearchState } from './search-state';

export type SearchInput = StreamInput<'logs.search'>;

/*
 * The window's one log search, kept outside the screen: an engineer who opens a match in the
 * Logs screen and comes back finds the results (and a search still running goes on).
 */
let state: SearchState = IDLE_SEARCH;
let cancelStream: (() => void) | undefined;
let generation = 0;
const listeners = new Set<() => void>();

function set(next: SearchState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function startSearch(input: SearchInput): void {
  cancelStream?.();
  const mine = ++generation;
  set(startedSearch(Date.now()));
  cancelStream = client.subscribe('logs.search', input, {
    onItems: (items) => {
      if (mine === generation) set(applySearchEvents(state, items));
    },
    onEnd: (error) => {
      if (mine !== generation) return;
      cancelStream = undefined;
      set(endedSearch(state, error ? { message: error.message, code: error.code } : undefined));
    },
  });
}

/** Stops the running search (every Docker read of it stops on the main side). */
export function cancelSearch(): void {
  generation++;
  cancelStream?.();
  cancelStream = undefined;
  if (state.status === 'running') set({ ...state, status: 'cancelled' });
}

export function useSearchSession(): SearchState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
