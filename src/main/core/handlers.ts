import type {
  CallName,
  CallOutput,
  CallParsedInput,
  StreamItem,
  StreamName,
  StreamParsedInput,
} from '../../shared/contract';

export type CallHandlers = {
  [N in CallName]: (input: CallParsedInput<N>) => Promise<CallOutput<N>> | CallOutput<N>;
};

/** What a stream handler writes to. */
export interface StreamSink<T> {
  /**
   * Queue an item; false means the consumer is behind: await drain() before pushing more.
   * weight: how many items it stands for in batching and back-pressure (a chunk of log lines).
   */
  push(item: T, weight?: number): boolean;
  drain(): Promise<void>;
  /** End the stream, with an error if it failed. */
  end(error?: unknown): void;
  /** Aborted when the subscriber goes away (unsubscribe, window closed, socket lost). */
  signal: AbortSignal;
}

export type StreamHandlers = {
  [N in StreamName]: (input: StreamParsedInput<N>, sink: StreamSink<StreamItem<N>>) => void | (() => void);
};

/** One area's share of the handlers (its module lives beside its service). */
export interface AreaHandlers<C extends CallName, S extends StreamName> {
  calls: Pick<CallHandlers, C>;
  streams: Pick<StreamHandlers, S>;
}

type CallsOf<A> = A extends { calls: infer C } ? keyof C & CallName : never;
type StreamsOf<A> = A extends { streams: infer S } ? keyof S & StreamName : never;

/** All areas' handlers as one set; assigning the result to CallHandlers / StreamHandlers proves none is missing. */
export function mergeAreas<A extends Array<{ calls: object; streams: object }>>(
  ...areas: A
): { calls: Pick<CallHandlers, CallsOf<A[number]>>; streams: Pick<StreamHandlers, StreamsOf<A[number]>> } {
  return {
    calls: Object.assign({}, ...areas.map((a) => a.calls)),
    streams: Object.assign({}, ...areas.map((a) => a.streams)),
  };
}
