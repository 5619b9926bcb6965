import { z } from 'zod';

export const ErrorCodeSchema = z.enum([
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  'UNAVAILABLE',
  'TIMEOUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The one error shape that crosses every boundary (IPC, WebSocket, stream end). */
export const RpcErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
});
export type RpcErrorData = z.infer<typeof RpcErrorSchema>;

export { RpcError, isRpcError } from './rpc-error';
