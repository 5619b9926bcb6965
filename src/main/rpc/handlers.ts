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
  /** Queue an item; false means the consumer is behind: await drain() before pushing more. */
  push(item: T): boolean;
  drain(): Promise<void>;
  /** End the stream, with an error if it failed. */
  end(error?: unknown): void;
  /** Aborted when the subscriber goes away (unsubscribe, window closed, socket lost). */
  signal: AbortSignal;
}

export type StreamHandlers = {
  [N in StreamName]: (input: StreamParsedInput<N>, sink: StreamSink<StreamItem<N>>) => void | (() => void);
};
