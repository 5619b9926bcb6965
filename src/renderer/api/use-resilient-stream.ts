import { useEffect, useRef, useState } from 'react';
import type { StreamInput, StreamItem, StreamName } from '../../shared/contract';
import { client, errorMessage } from './index';

const RESUBSCRIBE_MS = [1000, 2000, 5000, 10_000];

/** How long to wait before subscribing again after this many failures in a row: 1 s, 2 s, 5 s, then every 10 s. */
export function resubscribeDelay(failures: number): number {
  return RESUBSCRIBE_MS[Math.min(failures, RESUBSCRIBE_MS.length - 1)] ?? 10_000;
}

/**
 * Subscribes to a stream while mounted (and again whenever `input` changes, compared as JSON);
 * when the stream ends it subscribes again after a short, growing delay. `error` says why it is
 * down meanwhile. No subscription while `input` is undefined. `onEnd` hears each end (e.g. to
 * mark what is shown as stale until the stream is back).
 */
export function useResilientStream<N extends StreamName>(
  name: N,
  input: StreamInput<N> | undefined,
  onItems: (items: StreamItem<N>[]) => void,
  onEnd?: () => void,
): { error?: string } {
  const [error, setError] = useState<string>();
  const [generation, setGeneration] = useState(0);
  const failures = useRef(0);
  const handler = useRef(onItems);
  handler.current = onItems;
  const endHandler = useRef(onEnd);
  endHandler.current = onEnd;
  const inputKey = input === undefined ? undefined : JSON.stringify(input);

  useEffect(() => {
    if (inputKey === undefined) return;
    let retry: number | undefined;
    let active = true;
    const unsubscribe = client.subscribe(name, JSON.parse(inputKey) as StreamInput<N>, {
      onItems(items) {
        if (!active) return;
        failures.current = 0;
        setError(undefined);
        handler.current(items);
      },
      onEnd(endError) {
        if (!active) return;
        setError(endError ? errorMessage(endError) : 'stream ended');
        endHandler.current?.();
        retry = window.setTimeout(() => setGeneration((g) => g + 1), resubscribeDelay(failures.current++));
      },
    });
    return () => {
      active = false;
      window.clearTimeout(retry);
      unsubscribe();
    };
  }, [name, inputKey, generation]);

  useEffect(() => setError(undefined), [inputKey]);
  return { error };
}
