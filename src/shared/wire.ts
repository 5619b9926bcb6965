import { z } from 'zod';
import { RpcErrorSchema } from './errors';

/** Messages from the renderer to the main side (WebSocket frames; IPC uses the same shapes). */
export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('invoke'), id: z.number().int().nonnegative(), method: z.string().max(200), params: z.unknown() }),
  z.object({ type: z.literal('subscribe'), id: z.number().int().nonnegative(), stream: z.string().max(200), params: z.unknown() }),
  z.object({ type: z.literal('unsubscribe'), id: z.number().int().nonnegative() }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export const InvokeResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: RpcErrorSchema }),
]);
export type InvokeResult = z.infer<typeof InvokeResultSchema>;

/** Events of one stream subscription. */
export type StreamEvent =
  | { type: 'data'; items: unknown[] }
  | { type: 'end'; error?: z.infer<typeof RpcErrorSchema> };

/** Messages from the main side to the renderer. */
export type ServerMessage =
  | ({ type: 'result'; id: number } & InvokeResult)
  | ({ id: number } & StreamEvent)
  | { type: 'error'; id: null; error: z.infer<typeof RpcErrorSchema> };

/** What the preload exposes, and what the WebSocket transport implements too. */
export interface Bridge {
  invoke(method: string, params: unknown): Promise<InvokeResult>;
  subscribe(stream: string, params: unknown, listener: (event: StreamEvent) => void): () => void;
}

export const IPC_INVOKE = 'rpc:invoke';
export const IPC_SUBSCRIBE = 'rpc:subscribe';
export const IPC_UNSUBSCRIBE = 'rpc:unsubscribe';
export const IPC_STREAM_EVENT = 'rpc:stream-event';
