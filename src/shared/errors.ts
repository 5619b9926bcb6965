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

/** An error rebuilt on either side from {code, message, details}. */
export class RpcError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.details = details;
  }

  toData(): RpcErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromData(data: RpcErrorData): RpcError {
    return new RpcError(data.code, data.message, data.details);
  }
}

export function isRpcError(value: unknown): value is RpcError {
  return value instanceof RpcError;
}
