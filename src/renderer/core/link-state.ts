import { useEffect, useState } from 'react';
import { onLinkStateChange, type LinkState } from '../api';

/** The state of the link to the backend: 'connecting', 'open' or 'reconnecting'. */
export function useLinkState(): LinkState {
  const [state, setState] = useState<LinkState>('connecting');
  useEffect(() => onLinkStateChange(setState), []);
  return state;
}

/** Calls `onReopen` each time the link comes back after being down (not on the first open). */
export function useOnLinkReopen(onReopen: () => void): void {
  const state = useLinkState();
  const [wasDown, setWasDown] = useState(false);
  useEffect(() => {
    if (state === 'reconnecting') setWasDown(true);
    else if (state === 'open' && wasDown) {
      setWasDown(false);
      onReopen();
    }
  }, [state, wasDown, onReopen]);
}
