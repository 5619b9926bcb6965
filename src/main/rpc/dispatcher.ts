import type { z } from 'zod';
import { calls, isCallName, isStreamName, streams } from '../../shared/contract';
import { RpcError } from '../../shared/errors';
import type { InvokeResult, StreamEvent } from '../../shared/wire';
import { toErrorData, toRpcError } from '../core/errors';
import type { CallHandlers, StreamHandlers, StreamSink } from '../core/handlers';
import { DEFAULT_BATCHING, StreamBatcher, type BatcherOptions } from './stream-batcher';

export interface DispatcherOptions {
  /** Check every answer against the contract too (on in tests and development). */
  validateOutput?: boolean;
  batching?: BatcherOptions;
  /** Where unexpected failures are reported; never sent to the client with a stack. */
  log?: (message: string, error: unknown) => void;
}

/** Validates input against the contract, calls the service, encodes errors. Never throws. */
export class RpcDispatcher {
  constructor(
    private readonly callHandlers: CallHandlers,
    private readonly streamHandlers: StreamHandlers,
    private readonly options: DispatcherOptions = {},
  ) {}

  async invoke(method: unknown, params: unknown): Promise<InvokeResult> {
    try {
      if (typeof method !== 'string' || !isCallName(method)) {
        throw new RpcError('UNKNOWN_METHOD', `Unknown call ${JSON.stringify(method)}.`, {
          known: Object.keys(calls),
        });
      }
      const spec = calls[method];
      const input = parseInput(spec.input, params, method);
      const handler = this.callHandlers[method] as (input: unknown) => unknown;
      const result = await handler(input);
      if (this.options.validateOutput) {
        const checked = spec.output.safeParse(result);
        if (!checked.success) {
          this.options.log?.(`invalid output of ${method}`, checked.error);
          throw new RpcError('INTERNAL', `The console produced an invalid answer for ${method}.`);
        }
      }
      return { ok: true, result };
    } catch (error) {
      const rpcError = toRpcError(error);
      if (rpcError.code === 'INTERNAL') this.options.log?.(`call failed`, error);
      return { ok: false, error: rpcError.toData() };
    }
  }

  /**
   * Starts a stream. `emit` receives batched data events and exactly one end event
   * (unless cancelled). Returns the cancel function.
   */
  subscribe(
    stream: unknown,
    params: unknown,
    emit: (event: StreamEvent) => void,
    canSend?: () => boolean,
  ): () => void {
    const batcher = new StreamBatcher(emit, canSend, this.options.batching ?? DEFAULT_BATCHING);
    const abort = new AbortController();
    let cleanup: void | (() => void);
    const finish = () => {
      abort.abort();
      try {
        cleanup?.();
      } catch (error) {
        this.options.log?.('stream cleanup failed', error);
      }
    };
    const sink: StreamSink<unknown> = {
      push: (item, weight) => batcher.push(item, weight),
      drain: () => batcher.drain(),
      end: (error) => {
        if (abort.signal.aborted) return;
        batcher.end(error === undefined ? undefined : toErrorData(error));
        finish();
      },
      signal: abort.signal,
    };
    try {
      if (typeof stream !== 'string' || !isStreamName(stream)) {
        throw new RpcError('UNKNOWN_METHOD', `Unknown stream ${JSON.stringify(stream)}.`, {
          known: Object.keys(streams),
        });
      }
      const input = parseInput(streams[stream].input, params, stream);
      const handler = this.streamHandlers[stream] as (input: unknown, sink: StreamSink<unknown>) => void | (() => void);
      cleanup = handler(input, sink);
    } catch (error) {
      sink.end(error);
    }
    return () => {
      if (abort.signal.aborted) return;
      batcher.cancel();
      finish();
    };
  }
}

function parseInput(schema: z.ZodType, params: unknown, name: string): unknown {
  const parsed = schema.safeParse(params === null ? undefined : params);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new RpcError('BAD_REQUEST', `Invalid input for ${name}: ${summary}`, { issues });
}
