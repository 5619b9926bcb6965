import type {
  CallInput,
  CallName,
  CallOutput,
  StreamInput,
  StreamItem,
  StreamName,
} from '../../shared/contract';
import { RpcError } from '../../shared/rpc-error';
import type { Bridge } from '../../shared/wire';

export interface StreamHandlers<T> {
  onItems(items: T[]): void;
  /** Called once when the stream ends; with an error when it failed. */
  onEnd?(error?: RpcError): void;
}

/** The typed face of the bridge: the only way the renderer talks to the main side. */
export interface Client {
  invoke<N extends CallName>(name: N, input?: CallInput<N>): Promise<CallOutput<N>>;
  subscribe<N extends StreamName>(
    name: N,
    input: StreamInput<N>,
    handlers: StreamHandlers<StreamItem<N>>,
  ): () => void;
}

export function createClient(bridge: Bridge): Client {
  return {
    async invoke(name, input) {
      const reply = await bridge.invoke(name, input ?? {});
      if (!reply.ok) throw RpcError.fromData(reply.error);
      return reply.result as never;
    },
    subscribe(name, input, handlers) {
      return bridge.subscribe(name, input, (event) => {
        if (event.type === 'data') handlers.onItems(event.items as never[]);
        else handlers.onEnd?.(event.error ? RpcError.fromData(event.error) : undefined);
      });
    },
  };
}

/** A readable sentence for any error that reaches the UI. */
export function errorMessage(error: unknown): string {
  if (error instanceof RpcError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
