// Kept free of zod so that the renderer bundle does not carry the schemas it never uses.
import type { ErrorCode, RpcErrorData } from './errors';

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
