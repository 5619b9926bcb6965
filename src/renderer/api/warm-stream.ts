import { useSyncExternalStore } from 'react';
import type { StreamInput, StreamItem, StreamName } from '../../shared/contract';
import { client, errorMessage } from './index';
import { resubscribeDelay } from './use-resilient-stream';

/** What a warm stream holds: the state folded from its items, and why it is down, if it is. */
export interface WarmSnapshot<S> {
  state: S;
  /** True once the first batch arrived. */
  loaded: boolean;
  /** Set while the stream is broken and being resubscribed; the last state stays. */
  error?: string;
}

export interface WarmStreamOptions<N extends StreamName, S> {
  name: N;
  input: StreamInput<N>;
  initial: S;
  /** Folds a batch into the state; returns the same object when nothing changed. */
  reduce(state: S, items: StreamItem<N>[]): S;
  /** The state while the stream is down (e.g. rows marked reconnecting); the same state by default. */
  onEnd?(state: S): S;
}

/**
 * A stream subscribed once, on first use, and kept subscribed for the life of the page, its
 * state in memory: a screen visited again draws from it at once instead of subscribing and
 * waiting for the first batch. Like useResilientStream, it subscribes again after an end,
 * with a growing delay.
 */
export class WarmStream<N extends StreamName, S> {
  private snapshot: WarmSnapshot<S>;
  private readonly listeners = new Set<() => void>();
  private started = false;
  private failures = 0;

  constructor(private readonly options: WarmStreamOptions<N, S>) {
    this.snapshot = { state: options.initial, loaded: false };
  }

  /** Subscribes now if not yet (e.g. at start-up, so the first visit is warm too). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.connect();
  }

  readonly get = (): WarmSnapshot<S> => this.snapshot;

  readonly listen = (listener: () => void): (() => void) => {
    this.start();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(next: WarmSnapshot<S>): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  private connect(): void {
    const { name, input, reduce, onEnd } = this.options;
    client.subscribe(name, input, {
      onItems: (items) => {
        this.failures = 0;
        const state = reduce(this.snapshot.state, items);
        if (state !== this.snapshot.state || !this.snapshot.loaded || this.snapshot.error !== undefined) this.set({ state, loaded: true });
      },
      onEnd: (endError) => {
        this.set({ ...this.snapshot, state: onEnd ? onEnd(this.snapshot.state) : this.snapshot.state, error: endError ? errorMessage(endError) : 'stream ended' });
        window.setTimeout(() => this.connect(), resubscribeDelay(this.failures++));
      },
    });
  }
}

/** The current snapshot of a warm stream (subscribing it on first use). */
export function useWarmStream<N extends StreamName, S>(stream: WarmStream<N, S>): WarmSnapshot<S> {
  return useSyncExternalStore(stream.listen, stream.get);
}
